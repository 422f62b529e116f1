// Neo4j going away and coming back: while it is down, reads, writes and readiness answer 503 and
// nothing half-written remains; once it is back the same service answers again, everything written
// before the outage is there, and the batch refused during it can simply be sent again.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { freePort, startLocalNeo4j } from '../../scripts/local-neo4j.ts';
import { auth, countProject, createProject, postOk, testConfig } from '../helpers/server.ts';

t.test('an outage of Neo4j loses nothing and the service recovers by itself', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-outage-'));
  const port = await freePort();
  let neo4j = await startLocalNeo4j({ dataDir, port, log: () => {} });
  // restarted with the same password: the running service keeps its credentials
  const quiet = { dataDir, port, log: () => {}, password: neo4j.password };
  const app = await buildApp(testConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password }));
  t.teardown(async () => {
    await app.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const p = 'outage';
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ],
  });
  const first = { id: 'e1', type: 'connection', at: '2025-01-01T00:00:00Z', from: 'a', to: 'b' };
  await postOk(app, `${api}/events`, first);

  await neo4j.stop();
  const batch = {
    events: [
      { id: 'e2', type: 'disconnection', at: '2025-02-01T00:00:00Z', from: 'a', to: 'b' },
      { id: 'e3', type: 'connection', at: '2025-03-01T00:00:00Z', from: 'b', to: 'a' },
    ],
  };
  const write = await app.inject({
    method: 'POST',
    url: `${api}/events`,
    headers: auth,
    payload: batch,
  });
  t.equal(write.statusCode, 503, 'a write during the outage is refused, to be retried');
  t.equal(write.json().error, 'database_unavailable');
  const read = await app.inject({ url: `${api}/graph`, headers: auth });
  t.equal(read.statusCode, 503, 'so is a read');
  t.equal((await app.inject({ url: '/health/ready' })).statusCode, 503);

  neo4j = await startLocalNeo4j(quiet);
  t.equal((await app.inject({ url: '/health/ready' })).statusCode, 200, 'ready again, no restart');
  t.same(
    await countProject(app, p),
    { residents: 2, groups: 0, events: 1 },
    'what was written stays',
  );
  const retry = await app.inject({
    method: 'POST',
    url: `${api}/events`,
    headers: auth,
    payload: batch,
  });
  t.equal(retry.statusCode, 201);
  t.same(
    retry.json(),
    { received: 2, created: 2, duplicates: 0 },
    'the refused batch was not half-written',
  );
  const graph = await app.inject({ url: `${api}/graph?at=2025-03-01T00:00:00Z`, headers: auth });
  t.equal(graph.json().edges.length, 1, 'reconnected on 1 March');
});
