// Neo4j holds the network: (:Resident)-[:TIE]->(:Resident) segments and
// (:Resident)-[:MEMBER_OF]->(:Group) spells, kept in step with the event log (the truth) inside
// the transaction that writes it. A write changes only the pairs and memberships it touches, with
// the same time rule (spells.ts) as every other reader: continued from their open relationship
// when the new events come after all their stored ones (an import in time order), else
// recomputed from all their events (a back-dated event, a retraction).
import type { ManagedTransaction } from 'neo4j-driver';
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { TieEvent } from '../metrics/network.ts';
import {
  continueMembershipRows,
  continueTieSegments,
  membershipRows,
  tieSegments,
  type MembershipSpellRow,
} from '../metrics/tie-segments.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject } from './projects.ts';
import type { TieSegment } from '../metrics/moment.ts';

/** Keys per statement: a 50,000-event import is a few UNWINDs, still one transaction. */
const CHUNK = 5_000;

/** A stored tie or membership event's fields, as Cypher returns them (null where absent). */
export interface EventRow {
  type: string;
  atMs: number;
  from: string | null;
  to: string | null;
  kind: string | null;
  strength: number | null;
  resident: string | null;
  group: string | null;
}

/** A tie or membership event as the projection reads it. */
export type KeyedEvent = EventRow & { spellKey: string };

/** A stored connection or disconnection as the time rule's tie event. */
export const tieEventOf = (e: EventRow, id: string, seq: number): TieEvent => ({
  id,
  type: e.type as TieEvent['type'],
  atMs: e.atMs,
  seq,
  from: e.from!,
  to: e.to!,
  kind: e.kind ?? undefined,
  strength: e.strength ?? undefined,
});

/** A stored membership or departure as the time rule's membership event. */
export const membershipEventOf = (e: EventRow): MembershipEvent => ({
  type: e.type as MembershipEvent['type'],
  atMs: e.atMs,
  resident: e.resident!,
  group: e.group!,
});

/** A new tie or membership event as the projection reads it, from the properties it is stored with. */
export function keyedEvent(type: string, atMs: number, props: Record<string, unknown>): KeyedEvent {
  const field = (name: string) => (props[name] ?? null) as never;
  return {
    spellKey: props.spellKey as string,
    type,
    atMs,
    from: field('from'),
    to: field('to'),
    kind: field('kind'),
    strength: field('strength'),
    resident: field('resident'),
    group: field('group'),
  };
}

/** A key's state before a write: when its stored events end, and its open relationship. */
export interface SpellTail {
  /** No stored event the time rule counts comes later: new events at or after it sort last. */
  lastAtMs: number;
  /** The open TIE segment or MEMBER_OF spell's elementId (null: none holding). */
  rel: string | null;
  open: TieSegment | MembershipSpellRow | null;
}

const isTieKey = (key: string) => key.includes('|');

async function run(tx: ManagedTransaction, name: string, params: Record<string, unknown>) {
  return (await tx.run(cypher(name), params)).records;
}

/**
 * Runs a statement over `list` in chunks, nothing when the list is empty. The chunks are sent
 * together (so are statements whose runChunked calls are awaited together): the driver pipelines
 * a transaction's statements and Neo4j runs them in the order sent.
 */
async function runChunked<T>(
  tx: ManagedTransaction,
  name: string,
  projectId: string,
  param: string,
  list: T[],
) {
  const runs = [];
  for (let i = 0; i < list.length; i += CHUNK)
    runs.push(run(tx, name, { projectId, [param]: list.slice(i, i + CHUNK) }));
  await Promise.all(runs);
}

/** Segments grouped by pair, as projection-tie-create takes them. */
function byPair(segments: readonly TieSegment[]) {
  const pairs = new Map<
    string,
    { key: string; source: string; target: string; segments: object[] }
  >();
  for (const { key, source, target, ...segment } of segments) {
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { key, source, target, segments: [] }));
    pair.segments.push(segment);
  }
  return [...pairs.values()];
}

/** Keyed events (in replay order) as the time rule's tie and membership events. */
function byKind(events: readonly KeyedEvent[]) {
  const ties: TieEvent[] = [];
  const memberships: MembershipEvent[] = [];
  events.forEach((e, seq) => {
    if (isTieKey(e.spellKey)) ties.push(tieEventOf(e, String(seq), seq));
    else memberships.push(membershipEventOf(e));
  });
  return { ties, memberships };
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
    const { ties, memberships } = byKind(events);
    const tieKeys = chunk.filter(isTieKey);
    const membershipKeys = chunk.filter((k) => !isTieKey(k));
    await Promise.all([
      runChunked(tx, 'projection-tie-delete', projectId, 'keys', tieKeys),
      runChunked(tx, 'projection-tie-create', projectId, 'pairs', byPair(tieSegments(ties))),
      runChunked(tx, 'projection-membership-delete', projectId, 'keys', membershipKeys),
      runChunked(
        tx,
        'projection-membership-create',
        projectId,
        'spells',
        membershipRows(memberships),
      ),
    ]);
  }
}

/** The statement reading each kind of key's tails, named in full so a search finds it. */
const TAIL_READS = {
  tie: 'projection-tie-tails',
  membership: 'projection-membership-tails',
} as const;

/** A row of projection-tie-tails or projection-membership-tails. */
type SpellTailRow = Omit<TieSegment, 'source' | 'target' | 'until'> & {
  lastAtMs: number;
  rel: string | null;
};

/**
 * Reads, before a write stores its events, the tail of every key it touches (keys with no stored
 * event have none: a new pair needs nothing read).
 */
export async function spellTails(
  tx: ManagedTransaction,
  projectId: string,
  keys: Iterable<string>,
): Promise<Map<string, SpellTail>> {
  const all = [...new Set(keys)];
  const kinds: ('tie' | 'membership')[] = [];
  const reads: ReturnType<typeof run>[] = [];
  for (const kind of ['tie', 'membership'] as const) {
    const chosen = all.filter((key) => isTieKey(key) === (kind === 'tie'));
    for (let i = 0; i < chosen.length; i += CHUNK) {
      const keys = chosen.slice(i, i + CHUNK);
      kinds.push(kind);
      reads.push(run(tx, TAIL_READS[kind], { projectId, keys }));
    }
  }
  const tails = new Map<string, SpellTail>();
  // sent together, answered in order
  (await Promise.all(reads)).forEach((records, i) => {
    const kind = kinds[i];
    for (const r of rows<SpellTailRow>(records)) {
      const { lastAtMs, rel, ...stored } = r;
      const [a, b] = r.key.split(kind === 'tie' ? '|' : '>');
      let open: SpellTail['open'] = null;
      if (rel !== null && kind === 'tie') open = { ...stored, source: a, target: b, until: null };
      if (rel !== null && kind === 'membership')
        open = { key: r.key, resident: a, group: b, since: r.since, until: null };
      tails.set(r.key, { lastAtMs, rel, open });
    }
  });
  return tails;
}

/**
 * Brings the projection up to date after a write stored `appended` (its keyed events, in batch
 * order) and withdrew events of the `recompute` keys. A key whose new events all come at or after
 * its last stored event (they sort after it: a later batch) is continued from its tail; any other
 * is recomputed from all its events.
 */
export async function upkeepSpells(
  tx: ManagedTransaction,
  projectId: string,
  appended: readonly KeyedEvent[],
  tails: ReadonlyMap<string, SpellTail>,
  recompute: Iterable<string>,
): Promise<void> {
  const full = new Set(recompute);
  for (const e of appended)
    if ((tails.get(e.spellKey)?.lastAtMs ?? -Infinity) > e.atMs) full.add(e.spellKey);
  const continued = appended.filter((e) => !full.has(e.spellKey));
  await refreshSpells(tx, projectId, full);
  const openTies = new Map<string, TieSegment>();
  const openMemberships = new Map<string, MembershipSpellRow>();
  for (const e of continued) {
    const open = tails.get(e.spellKey)?.open;
    if (!open) continue;
    if (isTieKey(e.spellKey)) openTies.set(e.spellKey, open as TieSegment);
    else openMemberships.set(e.spellKey, open as MembershipSpellRow);
  }
  const { ties, memberships } = byKind(continued);
  const tieChange = continueTieSegments(openTies, ties);
  const membershipChange = continueMembershipRows(openMemberships, memberships);
  const rel = (key: string) => tails.get(key)!.rel!;
  const closed = [...tieChange.closed, ...membershipChange.closed].map((c) => ({
    rel: rel(c.key),
    until: c.until,
  }));
  const removed = [...tieChange.removed, ...membershipChange.removed].map(rel);
  const spells = membershipChange.added;
  await Promise.all([
    runChunked(tx, 'projection-close', projectId, 'closed', closed),
    runChunked(tx, 'projection-remove', projectId, 'rels', removed),
    runChunked(tx, 'projection-tie-create', projectId, 'pairs', byPair(tieChange.added)),
    runChunked(tx, 'projection-membership-create', projectId, 'spells', spells),
  ]);
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

  /**
   * Every TIE segment (and whether it is in the tie_open index) and MEMBER_OF spell the
   * projection holds for a project.
   */
  read(projectId: string): Promise<{
    ties: (TieSegment & { open: boolean })[];
    memberships: MembershipSpellRow[];
  }> {
    return this.db.read(async (tx) => ({
      ties: rows<TieSegment & { open: boolean }>(
        await run(tx, 'projection-read-ties', { projectId }),
      ),
      memberships: rows<MembershipSpellRow>(
        await run(tx, 'projection-read-memberships', { projectId }),
      ),
    }));
  }
}
