// Past ANALYSIS_MAX_PATH_WORK, Neo4j GDS answers /metrics (auto), closeness stays exact and
// betweenness is estimated from sampled sources: the answer says how many, with which seed, and
// the error to expect, which is checked here against the exact values (graphology's own Brandes,
// an implementation independent of this service's) on a network of 2,000 residents.
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import betweenness from 'graphology-metrics/centrality/betweenness.js';
import closeness from 'graphology-metrics/centrality/closeness.js';
import type { FastifyInstance } from 'fastify';
import { createRandom } from '../../fixtures/prng.ts';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const RESIDENTS = 2_000;
/** Each newcomer names this many earlier residents, chosen by how many ties they have already. */
const NAMED = 4;
const SOURCES = 200;

/** A scale-free network (preferential attachment, seeded): a few residents bridge most paths. */
function network(): UndirectedGraph {
  const random = createRandom(20);
  const graph = new UndirectedGraph();
  const ends: string[] = [];
  for (let i = 0; i < RESIDENTS; i++) {
    const id = `r${i}`;
    graph.addNode(id);
    const named = new Set<string>();
    while (i > 0 && named.size < Math.min(NAMED, i)) {
      named.add(ends.length === 0 ? 'r0' : random.pick(ends));
    }
    for (const other of named) {
      graph.addEdge(id, other);
      ends.push(id, other);
    }
  }
  return graph;
}

const graph = network();
const project = uniqueProject('gds-sampling');
const api = `/api/v1/projects/${project}`;
// an eighth of the limit, over the ties, is the sources sampled (analysis/engines.ts)
const LIMIT = 8 * graph.size * SOURCES;
let app: FastifyInstance;

t.before(async () => {
  app = await buildApp(testConfig({ ANALYSIS_MAX_PATH_WORK: LIMIT }));
  await createProject(app, project);
  const residents = graph.nodes().map((id) => ({ id, name: id, joinedAt: '2024-01-01T00:00:00Z' }));
  await postOk(app, `${api}/residents`, { residents });
  const events = graph.edges().map((edge, i) => ({
    id: `tie-${i}`,
    type: 'connection',
    at: '2024-02-01T10:00:00Z',
    from: graph.source(edge),
    to: graph.target(edge),
  }));
  await postOk(app, `${api}/events`, { events });
});
t.teardown(() => app?.close());

t.test('a network past the limit is answered by GDS with sampled betweenness', async (t) => {
  t.ok(RESIDENTS * graph.size > LIMIT, `${RESIDENTS} × ${graph.size} is past ${LIMIT}`);
  const response = await app.inject({
    url: `${api}/metrics?at=2024-03-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(response.statusCode, 200);
  const body = response.json();
  t.equal(body.engine, 'gds');
  t.equal(body.sampled.sources, SOURCES);
  t.equal(body.sampled.seed, 1);
  t.equal(body.graph.nodeCount, RESIDENTS);
  t.equal(body.graph.edgeCount, graph.size);

  const exact = betweenness(graph, { normalized: true, getEdgeWeight: null });
  let squared = 0;
  for (const id of graph.nodes()) squared += (body.nodes[id].betweenness - exact[id]) ** 2;
  const observed = Math.sqrt(squared / RESIDENTS);
  const expected = body.sampled.expectedError;
  t.ok(observed > 0, 'an estimate, not the exact values');
  // the stated error is the estimates' root-mean-square standard error: the error found should
  // be of that size, neither far above it (overconfident) nor far below (uninformative)
  t.ok(
    observed <= 1.5 * expected && observed >= 0.5 * expected,
    `root-mean-square error ${observed} against the stated ${expected}`,
  );
  const top = (values: Record<string, number>) =>
    Object.entries(values)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([id]) => id);
  const shared = top(exact).filter((id) =>
    top(
      Object.fromEntries(
        Object.entries(body.nodes as Record<string, { betweenness: number }>).map(([id, n]) => [
          id,
          n.betweenness,
        ]),
      ),
    ).includes(id),
  );
  t.ok(shared.length >= 7, `the ten most between residents are found (${shared.length} of 10)`);
});

t.test('closeness past the limit is exact (GDS, Wasserman–Faust)', async (t) => {
  const response = await app.inject({
    url: `${api}/metrics?at=2024-03-01T00:00:00Z`,
    headers: auth,
  });
  const body = response.json();
  const exact = closeness(graph, { wassermanFaust: true });
  const off = graph.nodes().filter((id) => Math.abs(body.nodes[id].closeness - exact[id]) > 1e-9);
  t.same(off, [], 'every resident within 1e-9');
});

t.test('the worker threads still refuse it at once when asked for by name', async (t) => {
  const response = await app.inject({
    url: `${api}/metrics?at=2024-03-01T00:00:00Z&engine=worker`,
    headers: auth,
  });
  t.equal(response.statusCode, 422);
  t.equal(response.json().error, 'analysis_too_large');
});

t.test('weighted metrics past the limit are refused: GDS has no weighted closeness', async (t) => {
  const asked = await app.inject({
    url: `${api}/metrics?at=2024-03-01T00:00:00Z&engine=gds&weighted=true`,
    headers: auth,
  });
  t.equal(asked.statusCode, 422);
  t.equal(asked.json().details[0].path, 'weighted');
  const auto = await app.inject({
    url: `${api}/metrics?at=2024-03-01T00:00:00Z&weighted=true`,
    headers: auth,
  });
  t.equal(auto.statusCode, 422);
  t.equal(auto.json().error, 'analysis_too_large');
});
