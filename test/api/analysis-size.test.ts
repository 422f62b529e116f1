// Metrics of a network too large for exact shortest paths within one request
// (ANALYSIS_MAX_PATH_WORK, residents × ties): Neo4j GDS answers them, and the worker threads,
// when asked for, answer 422 at once, naming the sizes and what to ask instead; a community small
// enough is still answered by the worker threads. Sizes counted by hand from the scenario below.
import t from 'tap';
import { tie, untie } from '../helpers/events.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const project = uniqueProject('size');
const api = `/api/v1/projects/${project}`;
const AT = '2025-06-01T00:00:00Z';

const apps: FastifyInstance[] = [];
async function app(limit: number): Promise<FastifyInstance> {
  const built = await buildApp(testConfig({ ANALYSIS_MAX_PATH_WORK: limit }));
  apps.push(built);
  return built;
}
t.teardown(() => Promise.all(apps.map((a) => a.close())));

t.before(async () => {
  const loader = await app(0);
  await createProject(loader, project);
  await postOk(loader, `${api}/communities`, {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  });
  const resident = (id: string, communityId: string, joinedAt = '2025-01-01T00:00:00Z') => ({
    id,
    name: id,
    communityId,
    joinedAt,
  });
  // at AT: a, b, c (north) and d (south) have joined; e joins later
  await postOk(loader, `${api}/residents`, {
    residents: [
      resident('a', 'north'),
      resident('b', 'north'),
      resident('c', 'north'),
      resident('d', 'south'),
      resident('e', 'south', '2025-09-01T00:00:00Z'),
    ],
  });
  // holding at AT: a–b, b–c, c–d (3 ties); a–c ended before AT, d–e is named after it
  await postOk(loader, `${api}/events`, {
    events: [
      tie('t1', 'a', 'b', '2025-02-01T00:00:00Z'),
      tie('t2', 'b', 'c', '2025-02-02T00:00:00Z'),
      tie('t3', 'c', 'd', '2025-02-03T00:00:00Z'),
      tie('t4', 'a', 'c', '2025-02-04T00:00:00Z'),
      untie('t5', 'a', 'c', '2025-03-01T00:00:00Z'),
      tie('t6', 'd', 'e', '2025-10-01T00:00:00Z'),
    ],
  });
});

const metrics = (served: FastifyInstance, query = '') =>
  served.inject({ method: 'GET', url: `${api}/metrics?at=${AT}${query}`, headers: auth });

t.test(
  'beyond the limit the worker threads answer 422 at once, with the sizes and what to do',
  async (t) => {
    // 4 residents × 3 ties = 12
    const response = await metrics(await app(11), '&engine=worker');
    t.equal(response.statusCode, 422);
    const body = response.json();
    t.equal(body.error, 'analysis_too_large');
    t.match(body.message, /4 residents and 3 ties/);
    t.match(body.message, /community=/);
    t.equal(response.headers['retry-after'], undefined, 'retrying the same request will not help');
  },
);

t.test('beyond the limit Neo4j GDS answers instead (auto, the default)', async (t) => {
  const response = await metrics(await app(11));
  t.equal(response.statusCode, 200);
  const body = response.json();
  t.equal(body.engine, 'gds');
  t.equal(body.graph.nodeCount, 4);
  t.equal(body.graph.edgeCount, 3);
  // the path a–b–c–d: b and c each lie on 2 of the 3 pairs that do not end at them
  t.equal(body.sampled, null, 'four residents: every one a source, the exact value');
  t.same(
    Object.fromEntries(
      Object.entries(body.nodes as Record<string, { betweenness: number }>).map(([id, n]) => [
        id,
        n.betweenness,
      ]),
    ),
    {
      a: 0,
      b: 2 / 3,
      c: 2 / 3,
      d: 0,
    },
  );
});

t.test('at the limit the worker threads compute the metrics', async (t) => {
  const response = await metrics(await app(12));
  t.equal(response.statusCode, 200);
  t.equal(response.json().engine, 'worker');
  t.equal(response.json().graph.edgeCount, 3);
  t.equal(response.json().graph.nodeCount, 4);
});

t.test('one community small enough is still answered', async (t) => {
  const tight = await app(11);
  // north: a, b, c and the ties a–b, b–c = 3 × 2 = 6
  const north = await metrics(tight, '&community=north');
  t.equal(north.statusCode, 200);
  t.equal(north.json().graph.nodeCount, 3);
  t.equal(north.json().graph.edgeCount, 2);
  // the tie c–d holds at AT but leaves the community: it is no part of north's work
  const exact = await metrics(await app(6), '&community=north');
  t.equal(exact.statusCode, 200, "at exactly north's 3 × 2 the metrics are computed");
});

t.test('0 sets no limit', async (t) => {
  t.equal((await metrics(await app(0))).statusCode, 200);
});
