// The statements a process's first requests read with, run once at start against a project that
// does not exist: Neo4j plans each the first time it sees it (0.1–0.5 s a statement on a fresh
// database) and keeps the plan, so the first graph, metrics, timeline or write no longer waits for
// planning. The parameters have the types the store sends (plans are kept per parameter types).
import { cypher, neo4jInt, type Database } from './neo4j.ts';

/** No project has this id: the API's ids start with a letter or digit. */
const NOBODY = '_warm-up';

const project = { projectId: NOBODY };
const atMoment = { ...project, atMs: 0, hidden: [] as string[] };

/** Read statements by name, with parameters of the types their callers send. */
export const WARM_UP_READS: Record<string, Record<string, unknown>> = {
  // every request: its key, and the project's version (the analysis cache's label)
  'key-by-hash': { hash: NOBODY },
  'project-get': { id: NOBODY },
  'resident-list': project,
  'community-list': project,
  'group-list': project,
  // the network at a moment (graph, metrics, ego) and its group layer
  'tie-open': { ...project, hidden: [] },
  'tie-open-keys': { ...project, keys: [], hidden: [] },
  'tie-holding-at': atMoment,
  'projection-residents-at': { ...atMoment, communityId: null },
  'membership-holding-at': atMoment,
  // the replays (timeline, history, report)
  'event-ties': { ...project, hidden: [] },
  'event-span': project,
  'event-tail': { ...project, after: 0 },
  'event-memberships': { ...project, hidden: [] },
  'event-measures': { ...project, hidden: [] },
  'outcome-attendances': { ...project, hidden: [] },
  'outcome-waves': { ...project, hidden: [] },
  'resident-changed': { ...project, after: 0, named: [] },
  // the live stream: versions polled, and what changed between two
  'project-versions': { ids: [NOBODY] },
  'live-events': { ...project, after: 0, upTo: 0, limit: neo4jInt(1) },
  'group-changed': { ...project, after: 0, upTo: 0 },
  'community-changed': { ...project, after: 0, upTo: 0 },
  // what a write checks before it writes
  'event-ids-existing': { ...project, ids: [] },
  'resident-ids-existing': { ...project, ids: [] },
  'group-ids-existing': { ...project, ids: [] },
  'community-ids-existing': { ...project, ids: [] },
  'event-types': { ...project, ids: [] },
  'tombstone-match': { ...project, hashes: [] },
  'projection-tie-tails': { ...project, keys: [] },
  'projection-membership-tails': { ...project, keys: [] },
};

/** Runs every statement above once; resolves with how many ran (a failure is the caller's to log). */
export async function warmUp(db: Database): Promise<number> {
  await db.read(async (tx) => {
    for (const [name, params] of Object.entries(WARM_UP_READS)) {
      await tx.run(cypher(name), params);
    }
  });
  return Object.keys(WARM_UP_READS).length;
}
