// The replay of the time rule every metric uses (docs/metrics.md, "The network at a moment"): the
// network at an instant t as a graphology UndirectedGraph, moved forward event by event, plus tie
// spells for export. Who is in it and what its nodes and edges carry are moment.ts's.
import { UndirectedGraph } from 'graphology';
import {
  inCommunity,
  isPresent,
  residentAttributes,
  residentChanges,
  tieAttributes,
  type NetworkOptions,
  type ResidentAttributes,
  type ResidentNetwork,
  type ResidentRecord,
  type TieAttributes,
} from './moment.ts';
import { nodeKey } from './id-keys.ts';
import { applyToSpells, openSpell, spells, type Spell, type SpellEvent } from './spells.ts';

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

export type TieSpell = Spell;

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
  /** The pair's spells so far (the time rule in spells.ts); the last one is open while tied. */
  spells: Spell[];
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

/**
 * Walks once through residents' presence and participation changes and tie events, keeping a live
 * graph equal to the network at the last instant passed to `advanceTo`. A tie whose endpoint is not
 * in the network (not joined yet, away, outside the community filter, or unknown) is remembered but
 * has no edge until both endpoints are nodes.
 */
export class TieReplay {
  readonly graph: ResidentNetwork = new UndirectedGraph<ResidentAttributes, TieAttributes>();
  private readonly presence: { atMs: number; resident: ResidentRecord }[];
  private readonly ties: readonly TieEvent[];
  private readonly pairs = new Map<string, PairState>();
  private readonly pairsByResident = new Map<string, Set<string>>();
  private nextPresence = 0;
  private nextTie = 0;
  private atMs = -Infinity;

  constructor(
    residents: readonly ResidentRecord[],
    ties: readonly TieEvent[],
    options: NetworkOptions = {},
  ) {
    assertSorted(ties);
    this.presence = residentChanges(residents.filter(inCommunity(options)));
    this.ties = ties;
  }

  /** The instant the graph currently represents (-Infinity before the first advance). */
  get currentMs(): number {
    return this.atMs;
  }

  /** Applies every presence change and every tie event up to and including `atMs`. */
  advanceTo(atMs: number): ResidentNetwork {
    if (Number.isNaN(atMs)) throw new Error(`${SOURCE}: advanceTo needs a number of milliseconds.`);
    if (atMs < this.atMs)
      throw new Error(`${SOURCE}: the replay only moves forward (at ${this.atMs}, asked ${atMs}).`);
    this.atMs = atMs;
    while (
      this.nextPresence < this.presence.length &&
      this.presence[this.nextPresence].atMs <= atMs
    ) {
      this.syncNode(this.presence[this.nextPresence++].resident);
    }
    while (this.nextTie < this.ties.length && this.ties[this.nextTie].atMs <= atMs) {
      this.apply(this.ties[this.nextTie++]);
    }
    return this.graph;
  }

  /**
   * Brings a resident's node in line with the rules at the current instant: there while present
   * (a leaving resident's edges are dropped one by one first, so listeners see each go), and
   * carrying whether they are a participant then; then their ties.
   */
  private syncNode(resident: ResidentRecord): void {
    const node = nodeKey(resident.id);
    const present = isPresent(resident, this.atMs);
    if (present && this.graph.hasNode(node)) {
      // what the node carries is moment.ts's: null where a partner is not shown participation
      const { participant } = residentAttributes(resident, this.atMs);
      if (this.graph.getNodeAttribute(node, 'participant') !== participant)
        this.graph.setNodeAttribute(node, 'participant', participant);
      return;
    }
    if (!present && !this.graph.hasNode(node)) return;
    if (present) this.graph.addNode(node, residentAttributes(resident, this.atMs));
    else {
      for (const edge of this.graph.edges(node)) this.graph.dropEdge(edge);
      this.graph.dropNode(node);
    }
    for (const key of this.pairsByResident.get(resident.id) ?? []) this.syncEdge(key);
  }

  private apply(event: TieEvent): void {
    if (event.from === event.to) return;
    const key = pairKey(event.from, event.to);
    let state = this.pairs.get(key);
    if (event.type === 'disconnection') {
      if (!state) return;
      applyToSpells(state.spells, false, event.atMs);
      this.syncEdge(key);
      return;
    }
    if (!state) {
      const [source, target] =
        event.from < event.to ? [event.from, event.to] : [event.to, event.from];
      state = {
        source,
        target,
        spells: [],
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
    applyToSpells(state.spells, true, event.atMs);
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
    const open = openSpell(state.spells);
    const source = nodeKey(state.source);
    const target = nodeKey(state.target);
    const present = open && this.graph.hasNode(source) && this.graph.hasNode(target);
    if (!present) {
      if (this.graph.hasEdge(key)) this.graph.dropEdge(key);
      return;
    }
    const attributes = tieAttributes({
      since: state.lastAtMs,
      formed: open.fromMs,
      kind: state.kind,
      strength: state.weight,
      from: state.from,
      to: state.to,
    });
    if (this.graph.hasEdge(key)) this.graph.replaceEdgeAttributes(key, attributes);
    else this.graph.addEdgeWithKey(key, source, target, attributes);
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

/** A tie event as the time rule sees it: opening or closing the spell of its pair. */
export const tieSpellEvent = (event: TieEvent): SpellEvent => ({
  key: pairKey(event.from, event.to),
  opens: event.type === 'connection',
  atMs: event.atMs,
});

/**
 * For every pair that was ever tied, the half-open spells [fromMs, toMs) during which the tie
 * exists (toMs null: still open), by the time rule of spells.ts without resident joins (pairs
 * left with no spell are left out). kind and weight are those of the latest connection.
 */
export function tieSpells(ties: readonly TieEvent[]): Map<string, TieHistory> {
  assertSorted(ties);
  const latest = new Map<string, TieEvent>();
  const events: SpellEvent[] = [];
  for (const event of ties) {
    if (event.from === event.to) continue;
    const spellEvent = tieSpellEvent(event);
    if (event.type === 'connection') {
      tieWeight(event);
      latest.set(spellEvent.key, event);
    }
    events.push(spellEvent);
  }
  const histories = new Map<string, TieHistory>();
  for (const [key, list] of spells(events)) {
    const connection = latest.get(key)!;
    const [source, target] = key.split('|');
    histories.set(key, {
      source,
      target,
      spells: list,
      kind: connection.kind ?? null,
      weight: tieWeight(connection),
    });
  }
  return histories;
}
