// A write that cannot get its locks within the transaction timeout (NEO4J_TRANSACTION_TIMEOUT_MS)
// answers 503 with Retry-After instead of waiting for ever, and the next write succeeds.
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { createDriver } from '../../server/store/neo4j.ts';
import { auth, createProject, testConfig, uniqueProject } from '../helpers/server.ts';

/** The answer, or a failure once `ms` have passed (a hung request must fail the test, not stall it). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, fail) => setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

t.test('a write held up past the transaction timeout answers 503 with Retry-After', async (t) => {
  const config = testConfig({ NEO4J_TRANSACTION_TIMEOUT_MS: 5000 });
  const app = await buildApp(config);
  const p = uniqueProject('busy');
  await createProject(app, p);
  await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${p}/residents`,
    headers: auth,
    payload: { id: 'a', name: 'A' },
  });

  // another client holds the project's write lock in an open transaction
  const holder = createDriver({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
  });
  const session = holder.session();
  const tx = await session.beginTransaction();
  await tx.run('MATCH (p:Project {id: $id}) SET p.heldBy = $who', { id: p, who: 'test' });
  t.teardown(async () => {
    if (tx.isOpen()) await tx.rollback();
    await session.close();
    await holder.close();
    await app.close();
  });

  const measure = {
    id: 'm1',
    type: 'measure',
    at: '2025-01-01T00:00:00Z',
    resident: 'a',
    instrument: 'BRS',
    score: 3,
  };
  const send = () =>
    app.inject({
      method: 'POST',
      url: `/api/v1/projects/${p}/events`,
      headers: auth,
      payload: measure,
    });
  const held = await within(20_000, send());
  t.equal(held.statusCode, 503, held.body);
  t.equal(held.json().error, 'database_busy');
  t.match(held.headers['retry-after'], /^\d+$/);

  await tx.rollback();
  const again = await within(20_000, send());
  t.equal(again.statusCode, 201, again.body);
});
