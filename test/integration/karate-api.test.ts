// Zachary's karate club loaded through the API as residents and connection events gives the
// numbers NetworkX gives (values from karate-networkx.py beside this file), to 1e-9.
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import karateClub from 'graphology-generators/social/karate-club.js';
import { auth, createProject, testApp, uniqueProject } from '../helpers/server.ts';

// node: [degree, betweenness, closeness, eigenvector, pagerank, clustering] from NetworkX 3.6.1
const NETWORKX: Record<string, number[]> = {
  '0': [
    16, 0.43763528138528146, 0.5689655172413793, 0.35549144452379006, 0.09699728538919744, 0.15,
  ],
  '33': [
    17, 0.30407497594997596, 0.55, 0.3733634702922271, 0.10091918233177889, 0.11029411764705882,
  ],
  '32': [
    12, 0.145247113997114, 0.515625, 0.30864421979169876, 0.07169322600509087, 0.19696969696969696,
  ],
  '2': [
    10, 0.14365680615680618, 0.559322033898305, 0.3171925044861683, 0.05707850948844042,
    0.24444444444444444,
  ],
  '31': [6, 0.13827561327561325, 0.5409836065573771, 0.19103384140674895, 0.03715808706890637, 0.2],
  '11': [1, 0, 0.36666666666666664, 0.052855697493365286, 0.009564745492200528, 0],
};

const TOLERANCE = 1e-9;

t.test('the karate club through the API matches NetworkX', async (t) => {
  const app = await testApp(t);
  const project = uniqueProject('karate');
  await createProject(app, project);

  const karate = karateClub(UndirectedGraph);
  t.equal(karate.order, 34, 'the published club has 34 members');
  t.equal(karate.size, 78, 'and 78 ties');
  const residents = karate
    .nodes()
    .map((id) => ({ id: `m${id}`, name: `Member ${id}`, joinedAt: '2024-01-01T00:00:00Z' }));
  const events = karate.edges().map((edge, i) => ({
    id: `tie-${i}`,
    type: 'connection',
    at: '2024-02-01T10:00:00Z',
    from: `m${karate.source(edge)}`,
    to: `m${karate.target(edge)}`,
  }));
  const put = async (url: string, payload: object) =>
    (await app.inject({ method: 'POST', url, headers: auth, payload })).statusCode;
  t.equal(await put(`/api/v1/projects/${project}/residents`, { residents }), 201);
  t.equal(await put(`/api/v1/projects/${project}/events`, { events }), 201);

  const response = await app.inject({
    url: `/api/v1/projects/${project}/metrics?at=2024-03-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(response.statusCode, 200);
  const metrics = response.json();
  t.equal(metrics.graph.nodeCount, 34);
  t.equal(metrics.graph.edgeCount, 78);
  t.ok(Math.abs(metrics.graph.density - 0.13903743315508021) < TOLERANCE, 'density');
  t.ok(
    Math.abs(metrics.graph.averageClustering - 0.5706384782076823) < TOLERANCE,
    'average clustering',
  );
  t.ok(Math.abs(metrics.graph.transitivity - 0.2556818181818182) < TOLERANCE, 'transitivity');
  t.equal(metrics.graph.isolates, 0);
  t.equal(metrics.graph.components, 1);

  for (const [
    node,
    [degree, betweenness, closeness, eigenvector, pagerank, clustering],
  ] of Object.entries(NETWORKX)) {
    const got = metrics.nodes[`m${node}`];
    t.equal(got.degree, degree, `degree of ${node}`);
    t.ok(
      Math.abs(got.betweenness - betweenness) < TOLERANCE,
      `betweenness of ${node}: ${got.betweenness}`,
    );
    t.ok(Math.abs(got.closeness - closeness) < TOLERANCE, `closeness of ${node}: ${got.closeness}`);
    t.ok(
      Math.abs(got.eigenvector - eigenvector) < TOLERANCE,
      `eigenvector of ${node}: ${got.eigenvector}`,
    );
    t.ok(Math.abs(got.pagerank - pagerank) < TOLERANCE, `pagerank of ${node}: ${got.pagerank}`);
    t.ok(
      Math.abs(got.clustering - clustering) < TOLERANCE,
      `clustering of ${node}: ${got.clustering}`,
    );
  }
});
