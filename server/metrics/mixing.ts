// How much a community's ties reach outside it, in the whole network (a community's report never
// cuts the network first, which would make every tie internal), against what random mixing would
// give: the same network with the community's label moved at random among the residents who have
// one (permutation.ts's labelings). Pure; docs/report.md, "Mixing".
import type Graph from 'graphology-types';
import { forEachLabeling } from './permutation.ts';

export interface Mixing {
  /** Ties from the community's residents to residents of other communities. */
  external: number;
  /** Ties among the community's residents. */
  internal: number;
  /** Krackhardt's E-I index of the community's row, (E − I)/(E + I); null without ties. */
  ei: number | null;
  /** Its mean over the labelings: the E-I that random mixing gives this network. */
  eiExpected: number | null;
  /** Two-sided: the share of labelings at least as far from eiExpected as the observed E-I. */
  p: number | null;
  /** The share of the community's ties that reach another community, E / (E + I). */
  bridging: number | null;
  /** Its mean over the labelings. */
  bridgingExpected: number | null;
  permutations: number;
  exact: boolean;
}

/** Labelings cost about (the community's size + its ties) each; about this much work in all. */
const WORK = 50_000_000;

/**
 * The community's row of the E-I index and its bridging share in `graph` (the whole network), with
 * their expected values under random mixing: every way of choosing which of the residents with a
 * community are this community's (as many as it has) when there are at most 9,999, else seeded
 * random ones (fewer on large networks, so the work stays near WORK; `permutations` says how many).
 * Ties to residents without a community are left out, as in eiIndex.
 */
export function communityMixing(graph: Graph, community: string): Mixing {
  const ids: string[] = [];
  const position = new Map<string, number>();
  graph.forEachNode((node, attributes) => {
    if (attributes.communityId === null || attributes.communityId === undefined) return;
    position.set(node, ids.length);
    ids.push(node);
  });
  const neighbours: number[][] = ids.map(() => []);
  graph.forEachEdge((_edge, _attributes, source, target) => {
    const [a, b] = [position.get(source), position.get(target)];
    if (a === undefined || b === undefined || a === b) return;
    neighbours[a].push(b);
    neighbours[b].push(a);
  });
  const members = ids.flatMap((id, i) =>
    graph.getNodeAttribute(id, 'communityId') === community ? [i] : [],
  );
  const marked = new Uint8Array(ids.length);
  const count = (chosen: ArrayLike<number>) => {
    for (let i = 0; i < chosen.length; i++) marked[chosen[i]] = 1;
    let ends = 0;
    let inside = 0;
    for (let i = 0; i < chosen.length; i++) {
      for (const other of neighbours[chosen[i]]) {
        ends += 1;
        inside += marked[other];
      }
    }
    for (let i = 0; i < chosen.length; i++) marked[chosen[i]] = 0;
    const internal = inside / 2;
    return { external: ends - inside, internal };
  };
  const observed = count(members);
  const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const eiOf = (c: { external: number; internal: number }) =>
    ratio(c.external - c.internal, c.external + c.internal);
  const eis: number[] = [];
  const bridgings: number[] = [];
  const ends = neighbours.reduce((sum, list) => sum + list.length, 0);
  const perLabeling = members.length + (ends * members.length) / Math.max(1, ids.length);
  const resamples = Math.max(99, Math.min(9_999, Math.floor(WORK / Math.max(1, perLabeling))));
  const { permutations, exact } = forEachLabeling(
    ids.length,
    members.length,
    (chosen) => {
      const c = count(chosen);
      const ei = eiOf(c);
      if (ei === null) return;
      eis.push(ei);
      bridgings.push(c.external / (c.external + c.internal));
    },
    { resamples },
  );
  const mean = (values: number[]) =>
    values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
  const ei = eiOf(observed);
  const eiExpected = mean(eis);
  let p: number | null = null;
  if (ei !== null && eiExpected !== null) {
    // equal distances reached by adding in another order may differ in the last bits
    const threshold = Math.abs(ei - eiExpected) * (1 - 1e-12) - 1e-12;
    const atLeast = eis.filter((v) => Math.abs(v - eiExpected) >= threshold).length;
    p = exact ? atLeast / eis.length : (atLeast + 1) / (eis.length + 1);
  }
  return {
    ...observed,
    ei,
    eiExpected,
    p,
    bridging: ratio(observed.external, observed.external + observed.internal),
    bridgingExpected: mean(bridgings),
    permutations,
    exact,
  };
}

/** The mixing of every community with residents in `graph` (or only `community`), by id. */
export function mixingByCommunity(graph: Graph, community?: string): Record<string, Mixing> {
  const communities = new Set<string>();
  graph.forEachNode((_node, attributes) => {
    if (typeof attributes.communityId === 'string') communities.add(attributes.communityId);
  });
  const wanted = community === undefined ? [...communities].sort() : [community];
  return Object.fromEntries(
    wanted.filter((c) => communities.has(c)).map((c) => [c, communityMixing(graph, c)]),
  );
}
