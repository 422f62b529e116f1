// Neo4j killed (SIGKILL, as by a crash or the OOM killer) in the middle of a 50,000-event batch:
// the batch answers 503, none of it is stored after Neo4j restarts on the same data, and the same
// service answers again without being restarted. The test kills a Neo4j it started itself.
import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BATCH_EVENTS } from '../../server/domain-events.ts';
import { createDriver } from '../../server/store/neo4j.ts';
import type { Neo4jHandle } from '../../scripts/local-neo4j.ts';
import { ownNeo4j } from '../helpers/own-neo4j.ts';
import { auth, countProject, createProject, postOk } from '../helpers/server.ts';

/** Resolves once Neo4j is running the batch's event writes (a transaction with CREATE (e:Event). */
async function batchIsBeingWritten(neo4j: Neo4jHandle, timeoutMs: number): Promise<void> {
  const driver = createDriver({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  try {
    for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(20)) {
      const session = driver.session();
      try {
        const result = await session.run('SHOW TRANSACTIONS YIELD currentQuery');
        const queries = result.records.map((r) => String(r.get('currentQuery')));
        if (queries.some((q) => q.includes('CREATE (e:Event'))) return;
      } finally {
        await session.close();
      }
    }
    throw new Error(`the batch was not being written within ${timeoutMs} ms`);
  } finally {
    await driver.close();
  }
}

t.test('Neo4j killed during a 50,000-event batch loses the whole batch and recovers', async (t) => {
  const own = await ownNeo4j(t, 'faults');
  const { app } = own;

  const p = 'faults';
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'a', name: 'A', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'b', name: 'B', joinedAt: '2025-01-01T00:00:00Z' },
    ],
  });
  const batch = {
    events: Array.from({ length: MAX_BATCH_EVENTS }, (_, i) => ({
      id: `m${i}`,
      type: 'measure',
      at: new Date(Date.UTC(2025, 1, 1) + i * 60_000).toISOString(),
      resident: i % 2 ? 'a' : 'b',
      instrument: 'WEMWBS',
      score: 14 + (i % 57),
    })),
  };

  const answer = app.inject({
    method: 'POST',
    url: `${api}/events`,
    headers: auth,
    payload: batch,
  });
  await batchIsBeingWritten(own.handle(), 120_000);
  await own.kill();
  const refused = await answer;
  t.equal(refused.statusCode, 503, refused.body.slice(0, 300));
  t.equal(refused.json().error, 'database_unavailable');
  t.match(refused.headers['retry-after'], /^\d+$/);

  await own.restart();
  t.equal((await app.inject({ url: '/health/ready' })).statusCode, 200, 'ready, not restarted');
  t.same(
    await countProject(app, p),
    { residents: 2, groups: 0, events: 0 },
    'none of the batch is stored',
  );
  await postOk(app, `${api}/events`, { ...batch.events[0] });
  t.equal((await countProject(app, p)).events, 1, 'and writes work again');
});
