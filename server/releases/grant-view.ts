// What a partner with the network grant reads of the network at a release's moments, counted as a
// release counts it: the residents and the isolated residents of each scope. Publishing differences
// the release against these as against an earlier release, so a partner holding both cannot set
// one beside the other to learn whose joining or leaving their read generalised, and how many ties
// that resident had (docs/privacy.md, "Releases").
import type { FastifyInstance } from 'fastify';
import { selectionAt } from '../metrics/moment.ts';
import type { PublishedCount } from '../privacy/disclosure/control.ts';
import { ProjectReads } from '../privacy/reads.ts';
import { viewerOf } from '../privacy/viewer.ts';

/** Reads as any partner key with the grant reads: the classes are the same for every key. */
const GRANT_READER = viewerOf({
  keyId: 'release-network-grant',
  name: 'release-network-grant',
  role: 'partner',
  projects: '*',
  network: true,
  expiresAt: null,
});

/** Whether a key with the network grant for the project exists and has not expired. */
export async function grantHeld(app: FastifyInstance, projectId: string): Promise<boolean> {
  const now = new Date().toISOString();
  return (await app.store.keys.list()).some(
    (key) =>
      key.network &&
      (key.projects === '*' || key.projects.includes(projectId)) &&
      (key.expiresAt === null || key.expiresAt > now),
  );
}

/** The counts a network-grant partner reads at each moment, for each scope (null: every community). */
export async function grantCounts(
  app: FastifyInstance,
  projectId: string,
  scopes: readonly (string | null)[],
  moments: readonly number[],
): Promise<PublishedCount[]> {
  const reads = new ProjectReads(app.store, app.privacy, GRANT_READER);
  const counts: PublishedCount[] = [];
  for (const atMs of moments) {
    const { records, segments } = await reads.moment(projectId, atMs);
    for (const scope of scopes) {
      const options = scope === null ? {} : { communityId: scope };
      const { residents, ties } = selectionAt(records, segments, atMs, options);
      const tied = new Set(ties.flatMap((tie) => [tie.source, tie.target]));
      const isolates = residents.filter((r) => !tied.has(r.id)).length;
      const at = [atMs];
      counts.push({ scope, name: ['graph', 'nodeCount'], moments: at, n: residents.length });
      counts.push({ scope, name: ['graph', 'isolates'], moments: at, n: isolates });
    }
  }
  return counts;
}
