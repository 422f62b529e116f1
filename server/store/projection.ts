// Neo4j holds the network: (:Resident)-[:TIE]->(:Resident) segments and
// (:Resident)-[:MEMBER_OF]->(:Group) spells, kept in step with the event log (the truth) inside
// the transaction that writes it. A write recomputes only the pairs and memberships it touches,
// from their own events, with the same time rule (spells.ts) as every other reader.
import type { ManagedTransaction } from 'neo4j-driver';
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { TieEvent } from '../metrics/network.ts';
import {
  membershipRows,
  tieSegments,
  type MembershipSpellRow,
  type TieSegment,
} from '../metrics/tie-segments.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject } from './projects.ts';

/** Keys per statement: a 50,000-event import is a few UNWINDs, still one transaction. */
const CHUNK = 5_000;

interface KeyedEvent {
  spellKey: string;
  type: string;
  atMs: number;
  from: string | null;
  to: string | null;
  kind: string | null;
  strength: number | null;
  resident: string | null;
  group: string | null;
}

const isTieKey = (key: string) => key.includes('|');

async function run(tx: ManagedTransaction, name: string, params: Record<string, unknown>) {
  return (await tx.run(cypher(name), params)).records;
}

/** Recomputes the TIE segments and MEMBER_OF spells of the given keys from their events. */
export async function refreshSpells(
  tx: ManagedTransaction,
  projectId: string,
  keys: Iterable<string>,
): Promise<void> {
  const all = [...new Set(keys)];
  for (let i = 0; i < all.length; i += CHUNK) {
    const chunk = all.slice(i, i + CHUNK);
    const events = rows<KeyedEvent>(await run(tx, 'projection-events', { projectId, keys: chunk }));
    const ties: TieEvent[] = [];
    const memberships: MembershipEvent[] = [];
    events.forEach((e, seq) => {
      if (isTieKey(e.spellKey)) {
        ties.push({
          id: String(seq),
          type: e.type as TieEvent['type'],
          atMs: e.atMs,
          seq,
          from: e.from!,
          to: e.to!,
          kind: e.kind ?? undefined,
          strength: e.strength ?? undefined,
        });
      } else {
        memberships.push({
          type: e.type as MembershipEvent['type'],
          atMs: e.atMs,
          resident: e.resident!,
          group: e.group!,
        });
      }
    });
    const tieKeys = chunk.filter(isTieKey);
    const membershipKeys = chunk.filter((k) => !isTieKey(k));
    await run(tx, 'projection-tie-delete', { projectId, keys: tieKeys });
    await run(tx, 'projection-tie-create', { projectId, segments: tieSegments(ties) });
    await run(tx, 'projection-membership-delete', { projectId, keys: membershipKeys });
    await run(tx, 'projection-membership-create', {
      projectId,
      spells: membershipRows(memberships),
    });
  }
}

export class ProjectionStore {
  constructor(private readonly db: Database) {}

  /**
   * Recomputes a project's whole projection from its log (after an upgrade, or to check upkeep),
   * first giving events stored before the projection existed their spell key and batch.
   */
  rebuild(projectId: string): Promise<{ keys: number }> {
    return this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      await run(tx, 'projection-backfill', { projectId });
      await run(tx, 'projection-clear', { projectId });
      const keys = rows<{ key: string }>(await run(tx, 'projection-keys', { projectId })).map(
        (r) => r.key,
      );
      await refreshSpells(tx, projectId, keys);
      await run(tx, 'project-last-change-rebuild', { projectId });
      return { keys: keys.length };
    });
  }

  /** Every TIE segment and MEMBER_OF spell the projection holds for a project. */
  read(projectId: string): Promise<{ ties: TieSegment[]; memberships: MembershipSpellRow[] }> {
    return this.db.read(async (tx) => ({
      ties: rows<TieSegment>(await run(tx, 'projection-read-ties', { projectId })),
      memberships: rows<MembershipSpellRow>(
        await run(tx, 'projection-read-memberships', { projectId }),
      ),
    }));
  }
}
