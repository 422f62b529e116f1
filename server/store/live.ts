// What the live stream reads: the versions of the projects it has listeners for, and what changed in
// a project between two of its versions (every write bumps the version and marks what it wrote
// with it: events by their batch, residents, groups and communities by changedIn).
import type { CommunityInput } from '../domain.ts';
import type { EventType } from '../domain-events.ts';
import { storedEvent, type StoredEvent } from './events.ts';
import type { Group } from './groups.ts';
import { TAIL_EFFECTS } from './kept.ts';
import { cypher, neo4jInt, rows, type Database } from './neo4j.ts';
import { requireProject } from './projects.ts';
import { toResident, type Resident, type ResidentRow } from './residents.ts';

/** Why a listener must read the project again instead of being sent what changed. */
export type ResetReason = 'history_rewritten' | 'too_many' | 'unknown_version';

/** What changed after one version up to another, as stored: nothing is left out yet. */
export type StoredChange =
  | {
      kind: 'change';
      version: number;
      /** In the order written (batch, then position in it). */
      events: StoredEvent[];
      /** Created or changed since. */
      residents: Resident[];
      /** The residents the events name, as they are now (their first event may have moved). */
      named: Resident[];
      groups: Group[];
      communities: CommunityInput[];
    }
  | { kind: 'reset'; version: number; reason: ResetReason };

/** Later than any version: `changedIn > NO_VERSION` holds for no resident. */
const NO_VERSION = Number.MAX_SAFE_INTEGER;

export class LiveStore {
  constructor(private readonly db: Database) {}

  /** The current version of each of these projects that exists. */
  versions(projectIds: readonly string[]): Promise<Map<string, number>> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher('project-versions'), { ids: [...projectIds] });
      return new Map(
        rows<{ id: string; version: number }>(result.records).map((r) => [r.id, r.version]),
      );
    });
  }

  /**
   * What was written after version `after` up to `upTo`, or a reset when it cannot be sent as a
   * change: an erasure since deleted events (history_rewritten), or more than `maxEvents` events.
   */
  change(projectId: string, after: number, upTo: number, maxEvents: number): Promise<StoredChange> {
    return this.db.read(async (tx) => {
      const project = await requireProject(tx, projectId);
      if (after > upTo) return { kind: 'reset', version: upTo, reason: 'unknown_version' };
      if ((project.historyRewrittenAt ?? 0) > after)
        return { kind: 'reset', version: upTo, reason: 'history_rewritten' };
      const window = { projectId, after, upTo };
      const [eventRows, groups, communities] = await Promise.all([
        tx.run(cypher('live-events'), { ...window, limit: neo4jInt(maxEvents + 1) }),
        tx.run(cypher('group-changed'), window),
        tx.run(cypher('community-changed'), window),
      ]);
      const found = rows<{ event: Record<string, unknown> }>(eventRows.records).map((r) => r.event);
      if (found.length > maxEvents) return { kind: 'reset', version: upTo, reason: 'too_many' };
      const named = new Set<string>();
      for (const e of found)
        for (const field of TAIL_EFFECTS[e.type as EventType].names) {
          const id = e[field];
          if (typeof id === 'string') named.add(id);
        }
      // the kept resident lists' statement: once for those written since, once (after no version)
      // for those the events name
      const [written, namedRows] = await Promise.all([
        tx.run(cypher('resident-changed'), { projectId, after, named: [] }),
        tx.run(cypher('resident-changed'), { projectId, after: NO_VERSION, named: [...named] }),
      ]);
      const residents = (result: typeof written) =>
        rows<ResidentRow>(result.records).map(toResident);
      return {
        kind: 'change',
        version: upTo,
        events: found.map(storedEvent),
        residents: residents(written),
        named: residents(namedRows),
        groups: rows<Group>(groups.records),
        communities: rows<CommunityInput>(communities.records),
      };
    });
  }
}
