// With Neo4j unreachable the service stays up: readiness and writes answer 503
// `database_unavailable` (never a 500 or a crash), liveness still answers, and so does the next request.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { freePort } from '../../scripts/local-neo4j.ts';
import { auth, testConfig } from '../helpers/server.ts';

let app: FastifyInstance;

t.before(async () => {
  // a port the OS just handed out and nobody listens on
  const port = await freePort();
  app = await buildApp(testConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}` }));
});
t.teardown(() => app.close());

const appendEvent = () =>
  app.inject({
    method: 'POST',
    url: '/api/v1/projects/unavailable/events',
    headers: auth,
    payload: { id: 'e1', type: 'connection', at: '2025-01-01T00:00:00Z', from: 'a', to: 'b' },
  });

t.test('readiness answers 503 database_unavailable', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(response.statusCode, 503);
  t.equal(response.json().error, 'database_unavailable');
});

t.test('liveness still answers 200', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/health/live' });
  t.equal(response.statusCode, 200);
  t.same(response.json(), { status: 'live' });
});

t.test('a write answers 503 database_unavailable without internals', async (t) => {
  const started = Date.now();
  const response = await appendEvent();
  t.equal(response.statusCode, 503);
  const body = response.json() as { error: string; message: string };
  t.equal(body.error, 'database_unavailable');
  t.notMatch(body.message, /ECONNREFUSED|127\.0\.0\.1|neo4j-driver|at .*\.ts/);
  t.ok(Date.now() - started < 10_000, `answered in ${Date.now() - started} ms`);
});

t.test('the service keeps answering after a failed write', async (t) => {
  t.equal((await appendEvent()).statusCode, 503);
  t.equal((await appendEvent()).statusCode, 503);
  t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
  const read = await app.inject({ method: 'GET', url: '/api/v1/projects', headers: auth });
  t.equal(read.statusCode, 503);
  t.equal(read.json().error, 'database_unavailable');
});
