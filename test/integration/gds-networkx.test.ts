// Metrics computed by Neo4j Graph Data Science (engine=gds) give the numbers NetworkX gives, to
// 1e-6: Zachary's karate club with two residents who named no one and a pair apart (where
// libraries' conventions differ), and Les Misérables. Expected values from gds-networkx.py beside
// this file; Louvain's partition is GDS's own, so its modularity is checked with graphology's.
import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { UndirectedGraph } from 'graphology';
import modularity from 'graphology-metrics/graph/modularity.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

type Numbers = Record<string, number>;
type MetricsAnswer = {
  engine: string;
  sampled: unknown;
  graph: Numbers & { modularity: number };
  nodes: Record<string, Numbers>;
};
interface Reference {
  graph: Numbers;
  nodes: Record<string, Numbers>;
}
const reference = JSON.parse(
  readFileSync(new URL('gds-networkx.json', import.meta.url), 'utf8'),
) as { karateApart: Reference & { edges: [number, number][] }; lesMiserables: Reference };
const lesMiserables = JSON.parse(
  readFileSync(new URL('../../fixtures/datasets/les-miserables.json', import.meta.url), 'utf8'),
) as { nodes: string[]; edges: [string, string][] };

const TOLERANCE = 1e-6;
const GRAPH = ['density', 'averageClustering', 'transitivity', 'largestComponentShare'];
const COUNTS = ['nodeCount', 'edgeCount', 'isolates', 'components'];
const NODE = ['degreeCentrality', 'betweenness', 'closeness', 'eigenvector', 'pagerank'];

let app: FastifyInstance;
t.before(async () => {
  app = await buildApp(testConfig());
});
t.teardown(() => app.close());

/** Loads a network as residents and connection events, and asks GDS for its metrics. */
async function gdsMetrics(name: string, nodes: string[], edges: [string, string][]) {
  const project = uniqueProject(name);
  const api = `/api/v1/projects/${project}`;
  await createProject(app, project);
  const residents = nodes.map((id) => ({ id, name: id, joinedAt: '2024-01-01T00:00:00Z' }));
  await postOk(app, `${api}/residents`, { residents });
  const events = edges.map(([from, to], i) => ({
    id: `tie-${i}`,
    type: 'connection',
    at: '2024-02-01T10:00:00Z',
    from,
    to,
  }));
  await postOk(app, `${api}/events`, { events });
  const response = await app.inject({
    url: `${api}/metrics?at=2024-03-01T00:00:00Z&engine=gds`,
    headers: auth,
  });
  return response;
}

function compare(t: Test, got: MetricsAnswer, expected: Reference) {
  t.equal(got.engine, 'gds', 'computed by GDS');
  t.equal(got.sampled, null, 'betweenness exact');
  for (const key of COUNTS) t.equal(got.graph[key], expected.graph[key], key);
  for (const key of [...GRAPH, 'degreeCentralization']) {
    t.ok(Math.abs(got.graph[key] - expected.graph[key]) < TOLERANCE, `${key}: ${got.graph[key]}`);
  }
  t.same(Object.keys(got.nodes).sort(), Object.keys(expected.nodes).sort(), 'every resident');
  for (const [id, numbers] of Object.entries(expected.nodes)) {
    t.equal(got.nodes[id].degree, numbers.degree, `degree of ${id}`);
    for (const key of [...NODE, 'clustering']) {
      const value = got.nodes[id][key];
      if (Math.abs(value - numbers[key]) >= TOLERANCE)
        t.fail(`${key} of ${id}: ${value} ≠ ${numbers[key]}`);
    }
  }
  t.pass('every per-resident number within 1e-6');
}

/** The modularity of the returned partition, computed by graphology from the edges. */
function partitionModularity(got: MetricsAnswer, edges: [string, string][]) {
  const graph = new UndirectedGraph();
  for (const [id, node] of Object.entries(got.nodes))
    graph.addNode(id, { community: node.community });
  for (const [a, b] of edges) graph.mergeEdge(a, b);
  return modularity(graph, { getNodeCommunity: 'community' });
}

t.test('GDS on the karate club, with isolates and a pair apart, matches NetworkX', async (t) => {
  const expected = reference.karateApart;
  const edges = expected.edges.map(([a, b]) => [`m${a}`, `m${b}`] as [string, string]);
  const nodes = Object.keys(expected.nodes).map((id) => `m${id}`);
  const response = await gdsMetrics('gds-karate', nodes, edges);
  t.equal(response.statusCode, 200);
  const got = response.json() as MetricsAnswer;
  const prefixed = {
    graph: expected.graph,
    nodes: Object.fromEntries(Object.entries(expected.nodes).map(([id, n]) => [`m${id}`, n])),
  };
  compare(t, got, prefixed);
  const q = partitionModularity(got, edges);
  t.ok(
    Math.abs(got.graph.modularity - q) < TOLERANCE,
    `modularity ${got.graph.modularity} is the partition's (${q})`,
  );
  // the best partition of the club alone has Q = 0.4198 (Brandes et al. 2008); the isolates and
  // the pair apart add communities of their own
  t.ok(got.graph.modularity > 0.41, `Louvain finds a good partition (${got.graph.modularity})`);
});

t.test('GDS on Les Misérables matches NetworkX', async (t) => {
  const response = await gdsMetrics('gds-les-miserables', lesMiserables.nodes, lesMiserables.edges);
  t.equal(response.statusCode, 200);
  const got = response.json() as MetricsAnswer;
  compare(t, got, reference.lesMiserables);
  const q = partitionModularity(got, lesMiserables.edges);
  t.ok(
    Math.abs(got.graph.modularity - q) < TOLERANCE,
    `modularity ${got.graph.modularity} is the partition's (${q})`,
  );
  // NetworkX's Louvain finds Q = 0.5600 at best over 20 seeds on the unweighted network
  t.ok(got.graph.modularity > 0.54, `Louvain finds a good partition (${got.graph.modularity})`);
});
