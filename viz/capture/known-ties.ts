// The ties the project holds now, by pair in either direction, so the tie form can say that a tie
// is already there before it is stored again. The session's own ties are its entries
// (session-rules.ts).
import type { Graph } from '../common/api.ts';

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
