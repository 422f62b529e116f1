// The network at a moment, with one owner: who is in it (presence), which ties hold between them
// (holding), what its nodes and edges carry (attributes), and the network built from the
// projection's tie segments. The replay (network.ts), the /graph text (analysis/graph-json.ts),
// the exports, the suppression and the map ask here. When a resident is in the network is
// `presenceSpells`: a change to that rule (leaving, returning) is made there alone.
import { UndirectedGraph } from 'graphology';
import { holds, holdsAt, type Spell } from './spells.ts';

export interface ResidentRecord {
  id: string;
  name: string | null;
  communityId: string | null;
  participant: boolean;
  /** The effective joinedAt: given, else the first event not retracted, else creation. */
  joinedAtMs: number;
}

export interface ResidentAttributes {
  name: string | null;
  communityId: string | null;
  participant: boolean;
  joinedAt: string;
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
 * When a resident is in the network, as half-open spells like a tie's (spells.ts): one spell from
 * the effective joinedAt, never closed, since residents join and stay. Every reader of presence
 * (at a moment, up to a moment, the replay's changes, the exports' spells, the map) derives it here.
 */
export const presenceSpells = (r: Pick<ResidentRecord, 'joinedAtMs'>): Spell[] => [
  { fromMs: r.joinedAtMs, toMs: null },
];

/** Whether a resident is in the network at `atMs` (events at exactly `atMs` count). */
export const isPresent = (r: Pick<ResidentRecord, 'joinedAtMs'>, atMs: number): boolean =>
  presenceSpells(r).some((spell) => holds(spell, atMs));

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
  (r: Pick<ResidentRecord, 'joinedAtMs'>): boolean =>
    presenceSpells(r).some((spell) => spell.fromMs <= atMs);

/**
 * The moments at which residents' presence may change, in time order (a resident's in the order
 * given): the replay brings each resident in line with the rule at these moments only.
 */
export function presenceChanges(
  residents: readonly ResidentRecord[],
): { atMs: number; resident: ResidentRecord }[] {
  const changes = residents.flatMap((resident) =>
    presenceSpells(resident).flatMap((spell) =>
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
  source: Pick<ResidentRecord, 'joinedAtMs'>,
  target: Pick<ResidentRecord, 'joinedAtMs'>,
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

export const residentAttributes = (r: ResidentRecord): ResidentAttributes => ({
  name: r.name,
  communityId: r.communityId,
  participant: r.participant,
  joinedAt: iso(r.joinedAtMs),
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

/** A resident as graphology's serialisation format writes a node. */
export const nodeEntry = (r: ResidentRecord) => ({ key: r.id, attributes: residentAttributes(r) });

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
  for (const r of moment.residents) graph.addNode(r.id, residentAttributes(r));
  for (const s of moment.ties) graph.addEdgeWithKey(s.key, s.source, s.target, tieAttributes(s));
  return graph;
}
