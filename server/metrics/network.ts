// The time rule every metric uses (PRODUCT.md, "The network at a moment"): which residents and
// which ties exist at an instant t, as a graphology UndirectedGraph, plus tie spells for export.
import { UndirectedGraph } from 'graphology';

export interface ResidentRecord {
  id: string;
  name: string | null;
  communityId: string | null;
  participant: boolean;
  joinedAtMs: number;
}

export interface TieEvent {
  id: string;
  type: 'connection' | 'disconnection';
  atMs: number;
  seq: number;
  from: string;
  to: string;
  kind?: string;
  strength?: number;
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

export interface TieSpell {
  fromMs: number;
  toMs: number | null;
}

export interface TieHistory {
  source: string;
  target: string;
  spells: TieSpell[];
  kind: string | null;
  weight: number;
}

interface PairState {
  source: string;
  target: string;
  connected: boolean;
  formedAtMs: number;
  lastAtMs: number;
  weight: number;
  kind: string | null;
  from: string;
  to: string;
}

const SOURCE = 'peoplemap/metrics/network';

/** Canonical key of an unordered pair: the two ids in string order, joined by `|`. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function tieWeight(event: TieEvent): number {
  const weight = event.strength ?? 1;
  if (!(weight > 0) || !Number.isFinite(weight)) {
    throw new Error(
      `${SOURCE}: event ${event.id} has strength ${weight}; a strength must be a positive number.`,
    );
  }
  return weight;
}

function assertSorted(ties: readonly TieEvent[]): void {
  for (let i = 1; i < ties.length; i++) {
    const previous = ties[i - 1];
    const current = ties[i];
    if (
      current.atMs < previous.atMs ||
      (current.atMs === previous.atMs && current.seq < previous.seq)
    ) {
      throw new Error(
        `${SOURCE}: tie events must be sorted by (atMs, seq); event ${current.id} is out of order.`,
      );
    }
  }
}

function tieAttributes(state: PairState): TieAttributes {
  return {
    weight: state.weight,
    distance: 1 / state.weight,
    kind: state.kind,
    formedAt: iso(state.formedAtMs),
    lastAt: iso(state.lastAtMs),
    from: state.from,
    to: state.to,
  };
}

/**
 * Walks once through residents and tie events, keeping a live graph equal to the network at the
 * last instant passed to `advanceTo`. A tie whose endpoint has not joined yet (or is outside the
 * community filter, or is unknown) is remembered but has no edge until both endpoints are nodes.
 */
export class TieReplay {
  readonly graph: ResidentNetwork = new UndirectedGraph<ResidentAttributes, TieAttributes>();
  private readonly residents: ResidentRecord[];
  private readonly ties: readonly TieEvent[];
  private readonly pairs = new Map<string, PairState>();
  private readonly pairsByResident = new Map<string, Set<string>>();
  private nextResident = 0;
  private nextTie = 0;
  private atMs = -Infinity;

  constructor(
    residents: readonly ResidentRecord[],
    ties: readonly TieEvent[],
    options: NetworkOptions = {},
  ) {
    assertSorted(ties);
    const { communityId } = options;
    this.residents = residents
      .filter((resident) => communityId === undefined || resident.communityId === communityId)
      .sort((a, b) => a.joinedAtMs - b.joinedAtMs);
    this.ties = ties;
  }

  /** The instant the graph currently represents (-Infinity before the first advance). */
  get currentMs(): number {
    return this.atMs;
  }

  /** Applies every resident joining and every tie event up to and including `atMs`. */
  advanceTo(atMs: number): ResidentNetwork {
    if (Number.isNaN(atMs)) throw new Error(`${SOURCE}: advanceTo needs a number of milliseconds.`);
    if (atMs < this.atMs)
      throw new Error(`${SOURCE}: the replay only moves forward (at ${this.atMs}, asked ${atMs}).`);
    this.atMs = atMs;
    while (
      this.nextResident < this.residents.length &&
      this.residents[this.nextResident].joinedAtMs <= atMs
    ) {
      this.join(this.residents[this.nextResident++]);
    }
    while (this.nextTie < this.ties.length && this.ties[this.nextTie].atMs <= atMs) {
      this.apply(this.ties[this.nextTie++]);
    }
    return this.graph;
  }

  private join(resident: ResidentRecord): void {
    if (this.graph.hasNode(resident.id)) return;
    this.graph.addNode(resident.id, {
      name: resident.name,
      communityId: resident.communityId,
      participant: resident.participant,
      joinedAt: iso(resident.joinedAtMs),
    });
    for (const key of this.pairsByResident.get(resident.id) ?? []) this.syncEdge(key);
  }

  private apply(event: TieEvent): void {
    if (event.from === event.to) return;
    const key = pairKey(event.from, event.to);
    let state = this.pairs.get(key);
    if (event.type === 'disconnection') {
      if (!state?.connected) return;
      state.connected = false;
      this.syncEdge(key);
      return;
    }
    if (!state) {
      const [source, target] =
        event.from < event.to ? [event.from, event.to] : [event.to, event.from];
      state = {
        source,
        target,
        connected: false,
        formedAtMs: event.atMs,
        lastAtMs: event.atMs,
        weight: 1,
        kind: null,
        from: event.from,
        to: event.to,
      };
      this.pairs.set(key, state);
      this.index(source, key);
      this.index(target, key);
    }
    if (!state.connected) state.formedAtMs = event.atMs;
    state.connected = true;
    state.lastAtMs = event.atMs;
    state.weight = tieWeight(event);
    state.kind = event.kind ?? null;
    state.from = event.from;
    state.to = event.to;
    this.syncEdge(key);
  }

  private index(resident: string, key: string): void {
    let keys = this.pairsByResident.get(resident);
    if (!keys) this.pairsByResident.set(resident, (keys = new Set()));
    keys.add(key);
  }

  private syncEdge(key: string): void {
    const state = this.pairs.get(key);
    if (!state) return;
    const present =
      state.connected && this.graph.hasNode(state.source) && this.graph.hasNode(state.target);
    if (!present) {
      if (this.graph.hasEdge(key)) this.graph.dropEdge(key);
      return;
    }
    if (this.graph.hasEdge(key)) this.graph.replaceEdgeAttributes(key, tieAttributes(state));
    else this.graph.addEdgeWithKey(key, state.source, state.target, tieAttributes(state));
  }
}

/**
 * The resident network at `atMs` (events at exactly `atMs` count). With `communityId`, the
 * subgraph induced by that community's residents. Ties to residents who are not nodes at `atMs`
 * (not joined yet, filtered out, or unknown) are dropped.
 */
export function networkAt(
  residents: readonly ResidentRecord[],
  ties: readonly TieEvent[],
  atMs: number,
  options: NetworkOptions = {},
): ResidentNetwork {
  return new TieReplay(residents, ties, options).advanceTo(atMs);
}

/**
 * For every pair that was ever tied, the half-open intervals [fromMs, toMs) during which the tie
 * exists (toMs null: still open), following the same rule as `networkAt` without resident joins.
 * A spell opened and closed at the same instant never exists at any moment and is left out; so
 * are pairs left with no spell. kind and weight are those of the latest connection.
 */
export function tieSpells(ties: readonly TieEvent[]): Map<string, TieHistory> {
  assertSorted(ties);
  const histories = new Map<string, TieHistory>();
  for (const event of ties) {
    if (event.from === event.to) continue;
    const key = pairKey(event.from, event.to);
    let history = histories.get(key);
    const open = history?.spells.at(-1)?.toMs === null ? history.spells.at(-1) : undefined;
    if (event.type === 'disconnection') {
      if (!history || !open) continue;
      open.toMs = event.atMs;
      if (open.toMs === open.fromMs) history.spells.pop();
      continue;
    }
    if (!history) {
      const [source, target] =
        event.from < event.to ? [event.from, event.to] : [event.to, event.from];
      history = { source, target, spells: [], kind: null, weight: 1 };
      histories.set(key, history);
    }
    if (!open) history.spells.push({ fromMs: event.atMs, toMs: null });
    history.kind = event.kind ?? null;
    history.weight = tieWeight(event);
  }
  for (const [key, history] of histories) if (history.spells.length === 0) histories.delete(key);
  return histories;
}
