// The network at a moment, with one owner: who is in it (presence), who takes part in the
// programme then (participation), which ties hold between them (holding), what its nodes and edges
// carry (attributes), and the network built from the projection's tie segments. The replay
// (network.ts), the /graph text (analysis/graph-json.ts), the exports, the suppression, the report
// and the map ask here. When a resident is in the network is `presenceSpells`, when they are a
// participant `participationSpells`: a change to either rule is made there alone.
import { UndirectedGraph } from 'graphology';
import { nodeKey } from './id-keys.ts';
import { applyToSpells, holds, holdsAt, type Spell } from './spells.ts';

/** A resident leaving the area (a `leave` event) or coming back (a `return`), not retracted. */
export interface Move {
  atMs: number;
  leaves: boolean;
}

export interface ResidentRecord {
  id: string;
  name: string | null;
  communityId: string | null;
  /** The undated flag: a participant from joining on (participationSpells). */
  participant: boolean;
  /** The effective joinedAt: given, else the first event not retracted, else creation. */
  joinedAtMs: number;
  /** Their leave and return events in replay order; none when left out. */
  moves?: readonly Move[];
  /** Their participation events, each a spell [at, until); none when left out. */
  participations?: readonly Spell[];
  /**
   * What a partner is shown of them when k-anonymity generalised it (privacy/generalise.ts):
   * whether participation is shown (else `participant` is null), and joinedAt's precision (null:
   * not shown). Absent: shown as it is.
   */
  shown?: { participant: boolean; joined: 'month' | 'year' | null };
}

export interface ResidentAttributes {
  name: string | null;
  communityId: string | null;
  /** Null where a partner is not shown it (ResidentRecord.shown). */
  participant: boolean | null;
  joinedAt: string | null;
}

export interface TieAttributes {
  weight: number;
  distance: number;
  kind: string | null;
  formedAt: string;
  lastAt: string;
  from: string;
  to: string;
}

/** Residents keyed by nodeKey(id) (id-keys.ts), ties by pairKey. */
export type ResidentNetwork = UndirectedGraph<ResidentAttributes, TieAttributes>;

export interface NetworkOptions {
  communityId?: string;
}

/** Part of a tie's spell during which its latest connection is the same one. */
export interface TieSegment {
  /** The pair's key (pairKey). */
  key: string;
  source: string;
  target: string;
  /** The latest connection's time: the segment holds from here. */
  since: number;
  /** The next connection in the spell, or the spell's end (null: still holding). */
  until: number | null;
  /** The start of the spell this segment belongs to. */
  formed: number;
  kind: string | null;
  strength: number;
  from: string;
  to: string;
}

/** What a tie carries at a moment: its latest connection and the start of its spell. */
export type TieState = Pick<TieSegment, 'since' | 'formed' | 'kind' | 'strength' | 'from' | 'to'>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * When a resident is in the network, as half-open spells like a tie's (spells.ts): from the
 * effective joinedAt, closed by a leave and opened again by a return (moves before joining are
 * ignored; a leave while away and a return while present change nothing). Every reader of presence
 * (at a moment, up to a moment, the replay's changes, the exports' spells, the map) derives it here.
 */
export function presenceSpells(r: Pick<ResidentRecord, 'joinedAtMs' | 'moves'>): Spell[] {
  const spells: Spell[] = [{ fromMs: r.joinedAtMs, toMs: null }];
  for (const move of r.moves ?? [])
    if (move.atMs >= r.joinedAtMs) applyToSpells(spells, !move.leaves, move.atMs);
  return spells;
}

/** Whether a resident is in the network at `atMs` (events at exactly `atMs` count). */
export const isPresent = (r: Pick<ResidentRecord, 'joinedAtMs' | 'moves'>, atMs: number): boolean =>
  presenceSpells(r).some((spell) => holds(spell, atMs));

/**
 * When the resident left, if at `atMs` they have left and not returned (a leave at `atMs` counts),
 * else null: a resident away then may not be named in a connection. Joining plays no part, so a
 * write can be judged from the moves alone.
 */
export function awaySince(moves: readonly Move[], atMs: number): number | null {
  let since: number | null = null;
  for (const move of moves) {
    if (move.atMs > atMs) break;
    if (!move.leaves) since = null;
    else since ??= move.atMs;
  }
  return since;
}

/** Spells merged where they overlap or touch, in time order. */
function union(list: readonly Spell[]): Spell[] {
  const sorted = [...list].sort((a, b) => a.fromMs - b.fromMs);
  const merged: Spell[] = [];
  for (const spell of sorted) {
    const last = merged.at(-1);
    if (last && (last.toMs === null || spell.fromMs <= last.toMs)) {
      if (last.toMs !== null && (spell.toMs === null || spell.toMs > last.toMs))
        last.toMs = spell.toMs;
    } else merged.push({ ...spell });
  }
  return merged;
}

/**
 * When a resident takes part in the programme: each participation event's [at, until), and for
 * the undated `participant` flag one spell from joining on (the flag is read so, at every read,
 * instead of being migrated into events: it moves with joinedAt and needs no second copy kept in
 * step). Every "participant at t" derives from here.
 */
export function participationSpells(
  r: Pick<ResidentRecord, 'participant' | 'joinedAtMs' | 'participations'>,
): Spell[] {
  const list = [...(r.participations ?? [])];
  if (r.participant) list.push({ fromMs: r.joinedAtMs, toMs: null });
  return list.length <= 1 ? list : union(list);
}

/** Whether a resident is a participant at `atMs` (a participation starting at `atMs` counts). */
export const isParticipant = (
  r: Pick<ResidentRecord, 'participant' | 'joinedAtMs' | 'participations'>,
  atMs: number,
): boolean => participationSpells(r).some((spell) => holds(spell, atMs));

/** The ids of the residents who are participants at `atMs` (present or not). */
export const participantsAt = (residents: readonly ResidentRecord[], atMs: number): Set<string> =>
  new Set(residents.filter((r) => isParticipant(r, atMs)).map((r) => r.id));

/** Of the community asked for; every resident when none is. */
export const inCommunity =
  (options: NetworkOptions = {}) =>
  (r: Pick<ResidentRecord, 'communityId'>): boolean =>
    options.communityId === undefined || r.communityId === options.communityId;

/** Whether a resident is in the network at `atMs`: present then, and of the community if asked. */
export const presentAt = (atMs: number, options: NetworkOptions = {}) => {
  const ofCommunity = inCommunity(options);
  return (r: ResidentRecord): boolean => ofCommunity(r) && isPresent(r, atMs);
};

/** Whether a resident was in the network at some moment up to `atMs` (a history's residents). */
export const presentBy =
  (atMs: number) =>
  (r: Pick<ResidentRecord, 'joinedAtMs' | 'moves'>): boolean =>
    presenceSpells(r).some((spell) => spell.fromMs <= atMs);

/**
 * The moments at which a resident's presence or participation may change, in time order (a
 * resident's in the order given): the replay brings each resident in line with the rules at these
 * moments only.
 */
export function residentChanges(
  residents: readonly ResidentRecord[],
): { atMs: number; resident: ResidentRecord }[] {
  const changes = residents.flatMap((resident) =>
    [...presenceSpells(resident), ...participationSpells(resident)].flatMap((spell) =>
      spell.toMs === null
        ? [{ atMs: spell.fromMs, resident }]
        : [
            { atMs: spell.fromMs, resident },
            { atMs: spell.toMs, resident },
          ],
    ),
  );
  return changes.sort((a, b) => a.atMs - b.atMs);
}

/** The periods in both lists of spells at once (each list in time order, not overlapping itself). */
export function overlap(a: readonly Spell[], b: readonly Spell[]): Spell[] {
  const end = (spell: Spell) => spell.toMs ?? Infinity;
  const both: Spell[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const fromMs = Math.max(a[i].fromMs, b[j].fromMs);
    const toMs = Math.min(end(a[i]), end(b[j]));
    if (fromMs < toMs) both.push({ fromMs, toMs: toMs === Infinity ? null : toMs });
    if (end(a[i]) < end(b[j])) i++;
    else j++;
  }
  return both;
}

/**
 * The periods a tie is in the network: its spells while both its residents are present, so no
 * edge is ever there without its two nodes.
 */
export const tieInNetwork = (
  spells: readonly Spell[],
  source: Pick<ResidentRecord, 'joinedAtMs' | 'moves'>,
  target: Pick<ResidentRecord, 'joinedAtMs' | 'moves'>,
): Spell[] => overlap(spells, overlap(presenceSpells(source), presenceSpells(target)));

/** Residents in the network at `atMs` (of the community, when asked), in order of joining. */
export function residentsAt(
  residents: readonly ResidentRecord[],
  atMs: number,
  options: NetworkOptions = {},
): ResidentRecord[] {
  return residents.filter(presentAt(atMs, options)).sort((a, b) => a.joinedAtMs - b.joinedAtMs);
}

/** Segments by (since, key): the order ties are added in. Sorting sorted segments is linear. */
export const bySinceKey = (a: TieSegment, b: TieSegment): number =>
  a.since - b.since || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The segment each tie holding at `atMs` between two of `present` is in, one per pair, in the
 * order its first segment comes by (since, key): one order whatever order the store returned them
 * in, so seeded Louvain finds the same partition for the same data.
 */
export function tiesAt(
  segments: readonly TieSegment[],
  atMs: number,
  present: ReadonlySet<string>,
): Map<string, TieSegment> {
  const holding = segments.filter((s) => holdsAt(s.since, s.until, atMs)).sort(bySinceKey);
  const ties = new Map<string, TieSegment>();
  for (const s of holding) {
    if (!present.has(s.source) || !present.has(s.target)) continue;
    // Neo4j reads are read-committed: a read that overlaps a write replacing this pair's segments
    // can meet the old segment and its successor; the later one is the pair's state (it keeps the
    // pair's place).
    const earlier = ties.get(s.key);
    if (earlier && earlier.since > s.since) continue;
    ties.set(s.key, s);
  }
  return ties;
}

/** The residents and the tie segments of the network at `atMs`, in the order they are added. */
export function selectionAt(
  residents: readonly ResidentRecord[],
  segments: readonly TieSegment[],
  atMs: number,
  options: NetworkOptions = {},
): { residents: ResidentRecord[]; ties: TieSegment[] } {
  const present = residentsAt(residents, atMs, options);
  const ties = tiesAt(segments, atMs, new Set(present.map((r) => r.id)));
  return { residents: present, ties: [...ties.values()] };
}

/** What a resident's node carries in the network at `atMs`: participant is whether they are then. */
export const residentAttributes = (r: ResidentRecord, atMs: number): ResidentAttributes => ({
  name: r.name,
  communityId: r.communityId,
  participant: r.shown?.participant === false ? null : isParticipant(r, atMs),
  joinedAt: r.shown?.joined === null ? null : iso(r.joinedAtMs),
});

export const tieAttributes = (s: TieState): TieAttributes => ({
  weight: s.strength,
  distance: 1 / s.strength,
  kind: s.kind,
  formedAt: iso(s.formed),
  lastAt: iso(s.since),
  from: s.from,
  to: s.to,
});

/** A resident as graphology's serialisation format writes a node of the network at `atMs`. */
export const nodeEntry = (r: ResidentRecord, atMs: number) => ({
  key: r.id,
  attributes: residentAttributes(r, atMs),
});

/** A tie as graphology's serialisation format writes an edge of an undirected graph. */
export const edgeEntry = (s: TieSegment) => ({
  key: s.key,
  source: s.source,
  target: s.target,
  attributes: tieAttributes(s),
});

/** The resident network at `atMs` from residents and tie segments (`selectionAt`'s selection). */
export function networkFromSegments(
  residents: readonly ResidentRecord[],
  segments: readonly TieSegment[],
  atMs: number,
  options: NetworkOptions = {},
): ResidentNetwork {
  const graph = new UndirectedGraph<ResidentAttributes, TieAttributes>();
  const moment = selectionAt(residents, segments, atMs, options);
  for (const r of moment.residents) graph.addNode(nodeKey(r.id), residentAttributes(r, atMs));
  for (const s of moment.ties)
    graph.addEdgeWithKey(s.key, nodeKey(s.source), nodeKey(s.target), tieAttributes(s));
  return graph;
}
