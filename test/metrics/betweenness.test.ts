// Exact Brandes betweenness and Wasserman–Faust closeness (betweenness.ts) against NetworkX 3.6.1
// (reference/betweenness-reference.py): leaves, a pendant pair, an isolate, two components, and a
// weighted detour exactly as long as the direct tie, unweighted and weighted, in one pass and split.
import t, { type Test } from 'tap';
import { UndirectedGraph } from 'graphology';
import {
  byNode,
  pathCentralities,
  pathIndex,
  pathPartial,
  sumPartials,
} from '../../server/metrics/betweenness.ts';

const EDGES: Array<[string, string, number]> = [
  ['a', 'b', 1],
  ['a', 'c', 2],
  ['b', 'c', 1],
  ['b', 'd', 3],
  ['c', 'd', 1],
  ['d', 'e', 2],
  ['e', 'f', 1],
  ['e', 'g', 1],
  ['f', 'g', 3],
  ['g', 'h', 2],
  ['d', 'i', 1],
  ['d', 'j', 2],
  ['k', 'l', 1],
  ['b', 'e', 1],
  ['x', 'y', 1],
  ['x', 'p', 3],
  ['p', 'q', 3],
  ['q', 'y', 3],
  ['y', 'z', 2],
];

function graph(): UndirectedGraph {
  const g = new UndirectedGraph();
  g.addNode('m');
  for (const [u, v, s] of EDGES) g.mergeEdge(u, v, { weight: s, distance: 1 / s });
  return g;
}

// networkx.betweenness_centrality(normalized=True) and closeness_centrality(wf_improved=True).
const UNWEIGHTED: Record<string, [number, number]> = {
  a: [0.0, 0.21657754010695188],
  b: [0.05514705882352941, 0.3176470588235294],
  c: [0.011029411764705881, 0.25077399380804954],
  d: [0.125, 0.3403361344537815],
  e: [0.1323529411764706, 0.3403361344537815],
  f: [0.0, 0.23823529411764707],
  g: [0.058823529411764705, 0.25077399380804954],
  h: [0.0, 0.1764705882352941],
  i: [0.0, 0.21657754010695188],
  j: [0.0, 0.21657754010695188],
  k: [0.0, 0.058823529411764705],
  l: [0.0, 0.058823529411764705],
  m: [0.0, 0.0],
  p: [0.003676470588235294, 0.13445378151260504],
  q: [0.007352941176470588, 0.1568627450980392],
  x: [0.007352941176470588, 0.1568627450980392],
  y: [0.025735294117647058, 0.18823529411764706],
  z: [0.0, 0.11764705882352941],
};
const WEIGHTED: Record<string, [number, number]> = {
  a: [0.0, 0.26717976910390334],
  b: [0.051470588235294115, 0.42041522491349487],
  c: [0.0, 0.3074003795066414],
  d: [0.19852941176470587, 0.4929006085192698],
  e: [0.1323529411764706, 0.44669117647058826],
  f: [0.0, 0.31074168797953966],
  g: [0.058823529411764705, 0.3176470588235294],
  h: [0.0, 0.25077399380804954],
  i: [0.0, 0.2697003329633741],
  j: [0.0, 0.3486370157819225],
  k: [0.0, 0.058823529411764705],
  l: [0.0, 0.058823529411764705],
  m: [0.0, 0.0],
  p: [0.016544117647058824, 0.3764705882352941],
  q: [0.02389705882352941, 0.4343891402714932],
  x: [0.0, 0.2689075630252101],
  y: [0.022058823529411763, 0.3764705882352941],
  z: [0.0, 0.23529411764705882],
};

function matches(
  t: Test,
  actual: { betweenness: Record<string, number>; closeness: Record<string, number> },
  expected: Record<string, [number, number]>,
): void {
  t.same(Object.keys(actual.betweenness).sort(), Object.keys(expected).sort());
  for (const [node, [b, c]] of Object.entries(expected)) {
    t.ok(
      Math.abs(actual.betweenness[node] - b) <= 1e-12,
      `betweenness ${node}: ${actual.betweenness[node]} ≈ ${b}`,
    );
    t.ok(
      Math.abs(actual.closeness[node] - c) <= 1e-12,
      `closeness ${node}: ${actual.closeness[node]} ≈ ${c}`,
    );
  }
}

t.test('unweighted betweenness and closeness equal NetworkX', async (t) => {
  matches(t, pathCentralities(graph(), false), UNWEIGHTED);
});

t.test(
  'weighted ones take 1/strength as length and count equally long paths as NetworkX does',
  async (t) => {
    matches(t, pathCentralities(graph(), true), WEIGHTED);
  },
);

t.test('sources split into ranges and summed give the same numbers', async (t) => {
  for (const [weighted, expected] of [
    [false, UNWEIGHTED],
    [true, WEIGHTED],
  ] as const) {
    const index = pathIndex(graph(), weighted);
    const n = index.nodes.length;
    const parts = [pathPartial(index, 0, 5), pathPartial(index, 5, 11), pathPartial(index, 11, n)];
    matches(t, byNode(index.nodes, sumPartials(n, parts)), expected);
  }
});

t.test('an empty network has no centralities', async (t) => {
  t.same(pathCentralities(new UndirectedGraph(), false), { betweenness: {}, closeness: {} });
});
