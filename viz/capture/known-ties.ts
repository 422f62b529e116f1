// The ties the project holds now, by pair in either direction, so the tie form can say that a tie
// is already there before it is stored again. The session's own ties are the view's entries.
import type { Graph } from '../shared/api.ts';
import type { Entry } from './store.ts';

/** A tie as the form describes it: who named whom, how and how strongly. */
export interface KnownTie {
  from: string;
  to: string;
  kind: string;
  strength: number;
}

/** One key per pair of residents, whoever named whom. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export class KnownTies {
  private readonly byPair = new Map<string, KnownTie>();

  /** The ties of the network now (GET /graph), each named as it was recorded. */
  static fromGraph(graph: Graph): KnownTies {
    const ties = new KnownTies();
    for (const edge of graph.edges) {
      const a = edge.attributes ?? {};
      ties.set({
        from: typeof a.from === 'string' ? a.from : edge.source,
        to: typeof a.to === 'string' ? a.to : edge.target,
        kind: typeof a.kind === 'string' ? a.kind : 'knows',
        strength: typeof a.weight === 'number' ? a.weight : 1,
      });
    }
    return ties;
  }

  set(tie: KnownTie): void {
    this.byPair.set(pairKey(tie.from, tie.to), tie);
  }

  /** The kinds these ties carry, each spelled as stored. */
  kinds(): string[] {
    return [...new Set([...this.byPair.values()].map((t) => t.kind))];
  }

  /** Every pair tied, as pairKey writes them. */
  pairs(): string[] {
    return [...this.byPair.keys()];
  }

  /** The tie between a and b, whoever named whom. */
  between(a: string, b: string): KnownTie | undefined {
    return this.byPair.get(pairKey(a, b));
  }
}

/** A session's tie entry as the tie it names (a tie's kind and strength when it has them). */
function tieOf(e: Entry): KnownTie {
  return { from: e.names[0], to: e.names[1], kind: 'knows', strength: 1, ...e.tie };
}

/** The ties the session's entries leave standing, in order typed: a tie ended is drawn no more. */
export function sessionTies(live: readonly Entry[]): KnownTie[] {
  const ties = new Map<string, KnownTie>();
  for (const e of live) {
    if (e.kind === 'connection') ties.set(pairKey(e.names[0], e.names[1]), tieOf(e));
    if (e.kind === 'disconnection') ties.delete(pairKey(e.names[0], e.names[1]));
  }
  return [...ties.values()];
}

/**
 * The session's last word on a and b: their tie, null when it ended it or one of them is away (a
 * tie does not hold while a resident has left), undefined when it said nothing of them.
 */
export function sessionTie(
  live: readonly Entry[],
  a: string,
  b: string,
): KnownTie | null | undefined {
  let said: KnownTie | null | undefined;
  const away = new Set<string>();
  for (const e of live) {
    if (e.kind === 'leave') e.names.forEach((id) => away.add(id));
    if (e.kind === 'return') e.names.forEach((id) => away.delete(id));
    if (e.names.length < 2 || pairKey(e.names[0], e.names[1]) !== pairKey(a, b)) continue;
    if (e.kind === 'connection') said = tieOf(e);
    if (e.kind === 'disconnection') said = null;
  }
  return away.has(a) || away.has(b) ? null : said;
}
