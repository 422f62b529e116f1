// Per-resident metrics against NetworkX 3.6.1 (see reference/networkx-reference.py), the published
// karate and Florentine values (Zachary 1977; Padgett & Ansell 1993), and hand counts on tiny graphs.
import t, { type Test } from 'tap';
import { UndirectedGraph } from 'graphology';
import karateClub from 'graphology-generators/social/karate-club.js';
import florentineFamilies from 'graphology-generators/social/florentine-families.js';
import { nodeMetrics } from '../../server/metrics/node-metrics.ts';

function near(
  test: Test,
  actual: number | null,
  expected: number,
  tolerance: number,
  what: string,
): void {
  test.ok(
    actual !== null && Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} ≈ ${expected}`,
  );
}

function tieGraph(ties: Array<[string, string, number]>, loners: string[] = []): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const node of loners) graph.addNode(node);
  for (const [a, b, weight] of ties) graph.mergeEdge(a, b, { weight, distance: 1 / weight });
  return graph;
}

const karate = nodeMetrics(karateClub(UndirectedGraph)).nodes;

t.test('karate club betweenness matches the published top five', async (t) => {
  const published: Array<[string, number]> = [
    ['0', 0.437635],
    ['33', 0.304075],
    ['32', 0.145247],
    ['2', 0.143657],
    ['31', 0.138276],
  ];
  for (const [node, value] of published)
    near(t, karate[node].betweenness, value, 1e-6, `node ${node}`);
  const ranked = Object.entries(karate).sort((a, b) => b[1].betweenness - a[1].betweenness);
  t.same(
    ranked.slice(0, 5).map(([node]) => node),
    published.map(([node]) => node),
  );
});

t.test('karate club degree and degree centrality follow NetworkX', async (t) => {
  t.equal(karate['0'].degree, 16);
  t.equal(karate['33'].degree, 17);
  near(t, karate['33'].degreeCentrality, 17 / 33, 1e-15, 'degree centrality of 33');
});

t.test('karate club closeness matches NetworkX closeness_centrality', async (t) => {
  near(t, karate['0'].closeness, 0.5689655172413793, 1e-12, 'node 0');
  near(t, karate['33'].closeness, 0.55, 1e-12, 'node 33');
});

t.test(
  'karate club eigenvector centrality is iterated to NetworkX at tolerance 1e-12',
  async (t) => {
    near(t, karate['0'].eigenvector, 0.3554914445167459, 1e-9, 'node 0');
    near(t, karate['33'].eigenvector, 0.3733634702989749, 1e-9, 'node 33');
    const norm = Math.hypot(...Object.values(karate).map((node) => node.eigenvector ?? 0));
    near(t, norm, 1, 1e-12, 'L2 norm');
  },
);

t.test('karate club pagerank matches NetworkX at alpha 0.85', async (t) => {
  near(t, karate['0'].pagerank, 0.09699728539860193, 1e-9, 'node 0');
  near(t, karate['33'].pagerank, 0.10091918232295749, 1e-9, 'node 33');
});

t.test('karate club local clustering matches NetworkX clustering', async (t) => {
  near(t, karate['0'].clustering, 0.15, 1e-12, 'node 0');
  near(t, karate['33'].clustering, 0.11029411764705882, 1e-12, 'node 33');
});

t.test('the Medici are the Florentine families broker', async (t) => {
  const medici = nodeMetrics(florentineFamilies(UndirectedGraph)).nodes.Medici;
  t.equal(medici.degree, 6);
  near(t, medici.betweenness, 0.521978, 1e-6, 'betweenness');
  near(t, medici.closeness, 0.56, 1e-12, 'closeness');
});

t.test('weighted betweenness and closeness take 1/strength as the length of a tie', async (t) => {
  // a–b and b–c have strength 3 (length 1/3), a–c strength 1 (length 1): a→c is shorter via b.
  // NetworkX weight='distance': betweenness b = 1; closeness a = 2/1·2/2 = 2, b = 2/(2/3) = 3.
  const graph = tieGraph([
    ['a', 'b', 3],
    ['b', 'c', 3],
    ['a', 'c', 1],
  ]);
  const weighted = nodeMetrics(graph, { weighted: true }).nodes;
  t.equal(weighted.b.betweenness, 1);
  near(t, weighted.a.closeness, 2, 1e-12, 'closeness a');
  near(t, weighted.b.closeness, 3, 1e-12, 'closeness b');
  const unweighted = nodeMetrics(graph).nodes;
  t.equal(unweighted.b.betweenness, 0);
  t.equal(unweighted.a.closeness, 1);
});

t.test('closeness on a split network carries the Wasserman–Faust correction', async (t) => {
  // Edge a–b and isolate c: a reaches 1 of the 2 others at distance 1 → (1/1)·(1/2).
  const nodes = nodeMetrics(tieGraph([['a', 'b', 1]], ['c'])).nodes;
  t.equal(nodes.a.closeness, 0.5);
  t.equal(nodes.c.closeness, 0);
});

t.test('a lone resident has degree centrality 1 as in NetworkX', async (t) => {
  const result = nodeMetrics(tieGraph([], ['solo']));
  t.equal(result.nodes.solo.degreeCentrality, 1);
  t.equal(result.nodes.solo.eigenvector, 1);
  t.equal(result.nodes.solo.pagerank, 1);
  t.equal(result.modularity, null);
});

t.test('eigenvector is null for everyone when power iteration does not converge', async (t) => {
  // A path of 2,000 residents: the spectral gap is ~π²/2001², far beyond 10,000 iterations.
  const ties: Array<[string, string, number]> = [];
  for (let i = 1; i < 2000; i++) ties.push([`r${i - 1}`, `r${i}`, 1]);
  const nodes = nodeMetrics(tieGraph(ties)).nodes;
  t.ok(Object.values(nodes).every((node) => node.eigenvector === null));
});

t.test('Louvain splits two bridged triangles with modularity 5/14', async (t) => {
  // Each triangle: 3 internal ties of 7, degree sum 7 of 14 → Q = 2·(3/7 − 1/4) = 5/14.
  const result = nodeMetrics(
    tieGraph([
      ['a', 'b', 1],
      ['b', 'c', 1],
      ['a', 'c', 1],
      ['d', 'e', 1],
      ['e', 'f', 1],
      ['d', 'f', 1],
      ['c', 'd', 1],
    ]),
  );
  const { a, b, c, d, e, f } = result.nodes;
  t.ok(a.community === b.community && b.community === c.community);
  t.ok(d.community === e.community && e.community === f.community);
  t.not(a.community, d.community);
  near(t, result.modularity, 5 / 14, 1e-12, 'modularity');
});

t.test('the same seed gives the same Louvain partition', async (t) => {
  const communities = (seed: number) =>
    Object.fromEntries(
      Object.entries(nodeMetrics(karateClub(UndirectedGraph), { seed }).nodes).map(([id, m]) => [
        id,
        m.community,
      ]),
    );
  t.same(communities(7), communities(7));
});

t.test('an empty network has no residents and no modularity', async (t) => {
  t.same(nodeMetrics(new UndirectedGraph()), { nodes: {}, modularity: null });
});
