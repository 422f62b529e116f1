// Graph-level metrics against NetworkX 3.6.1 (see reference/networkx-reference.py) and hand counts.
import t, { type Test } from 'tap';
import { UndirectedGraph } from 'graphology';
import karateClub from 'graphology-generators/social/karate-club.js';
import florentineFamilies from 'graphology-generators/social/florentine-families.js';
import { graphMetrics } from '../../server/metrics/graph-metrics.ts';
import { triangleCensus } from '../../server/metrics/clustering.ts';

function near(test: Test, actual: number, expected: number, tolerance: number, what: string): void {
  test.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≈ ${expected}`);
}

function graphOf(edges: Array<[string, string]>, loners: string[] = []): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const node of loners) graph.addNode(node);
  for (const [a, b] of edges) graph.mergeEdge(a, b, { weight: 1, distance: 1 });
  return graph;
}

t.test('the karate club matches NetworkX density, clustering and transitivity', async (t) => {
  const metrics = graphMetrics(karateClub(UndirectedGraph));
  t.equal(metrics.nodeCount, 34);
  t.equal(metrics.edgeCount, 78);
  near(t, metrics.density, 0.13903743315508021, 1e-12, 'density');
  near(t, metrics.averageClustering, 0.5706384782076823, 1e-12, 'average clustering');
  near(t, metrics.transitivity, 0.2556818181818182, 1e-12, 'transitivity');
  near(t, metrics.degreeCentralization, 0.3996212121212121, 1e-12, 'Freeman centralization');
  t.equal(metrics.components, 1);
  t.equal(metrics.isolates, 0);
});

t.test('the Florentine families match NetworkX density, clustering and transitivity', async (t) => {
  const metrics = graphMetrics(florentineFamilies(UndirectedGraph));
  t.equal(metrics.nodeCount, 15);
  t.equal(metrics.edgeCount, 20);
  near(t, metrics.density, 0.19047619047619047, 1e-12, 'density');
  near(t, metrics.averageClustering, 0.16, 1e-12, 'average clustering');
  near(t, metrics.transitivity, 0.19148936170212766, 1e-12, 'transitivity');
  near(t, metrics.degreeCentralization, 0.27472527472527475, 1e-12, 'Freeman centralization');
});

t.test('a path of four has the hand-counted density, degree and centralization', async (t) => {
  // a-b-c-d: m=3, n=4 → density 6/12, average degree 6/4; degrees 1,2,2,1 → Σ(2−d)=2, /(3·2).
  const metrics = graphMetrics(
    graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]),
  );
  t.equal(metrics.density, 0.5);
  t.equal(metrics.averageDegree, 1.5);
  near(t, metrics.degreeCentralization, 1 / 3, 1e-15, 'centralization');
  t.equal(metrics.averageClustering, 0);
  t.equal(metrics.transitivity, 0);
});

t.test('a star is perfectly centralized', async (t) => {
  // Hub degree 4, leaves degree 1: Σ(4−1)·4 = 12 over (n−1)(n−2) = 12.
  const metrics = graphMetrics(
    graphOf([
      ['hub', 'a'],
      ['hub', 'b'],
      ['hub', 'c'],
      ['hub', 'd'],
    ]),
  );
  t.equal(metrics.degreeCentralization, 1);
});

t.test('a triangle with a pendant has hand-counted clustering and transitivity', async (t) => {
  // a,b,c triangle; d hangs on c. Local: a 1, b 1, c 1/3, d 0 → mean 7/12.
  // Triangles 1; connected triples Σ C(d,2) = 1+1+3+0 = 5 → 3·1/5.
  const metrics = graphMetrics(
    graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
      ['c', 'd'],
    ]),
  );
  near(t, metrics.averageClustering, 7 / 12, 1e-15, 'average clustering');
  near(t, metrics.transitivity, 3 / 5, 1e-15, 'transitivity');
});

t.test('separate groups and an isolate are counted as components', async (t) => {
  // Triangle {a,b,c}, edge {d,e}, isolate f: 3 components, largest 3 of 6.
  const metrics = graphMetrics(
    graphOf(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
        ['d', 'e'],
      ],
      ['f'],
    ),
  );
  t.equal(metrics.components, 3);
  t.equal(metrics.largestComponentShare, 0.5);
  t.equal(metrics.isolates, 1);
  near(t, metrics.density, 8 / 30, 1e-15, 'density');
});

t.test('an empty network has zero for every metric', async (t) => {
  t.same(graphMetrics(new UndirectedGraph()), {
    nodeCount: 0,
    edgeCount: 0,
    density: 0,
    averageDegree: 0,
    isolates: 0,
    components: 0,
    largestComponentShare: 0,
    averageClustering: 0,
    transitivity: 0,
    degreeCentralization: 0,
  });
});

t.test('weighted average clustering follows NetworkX weighted clustering', async (t) => {
  // Strengths 3, 3, 1: normalised 1, 1, 1/3 → each corner (1·1·1/3)^(1/3) (NetworkX 0.6933612743506347).
  const graph = new UndirectedGraph();
  graph.mergeEdge('a', 'b', { weight: 3, distance: 1 / 3 });
  graph.mergeEdge('b', 'c', { weight: 3, distance: 1 / 3 });
  graph.mergeEdge('a', 'c', { weight: 1, distance: 1 });
  near(
    t,
    graphMetrics(graph, { weighted: true }).averageClustering,
    0.6933612743506347,
    1e-12,
    'weighted',
  );
  t.equal(graphMetrics(graph).averageClustering, 1);
});

t.test('a directed graph is refused', async (t) => {
  const { DirectedGraph } = await import('graphology');
  t.throws(() => graphMetrics(new DirectedGraph()), /must be undirected/);
});

t.test('the karate club has 45 triangles', async (t) => {
  const { triangles } = triangleCensus(karateClub(UndirectedGraph));
  t.equal(Object.values(triangles).reduce((sum, count) => sum + count, 0) / 3, 45);
});
