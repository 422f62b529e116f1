// The local Neo4j the commands start runs with auth on: a random password per run (the right one
// opens a session, a wrong one or none is refused), replaced on restart, and a data directory
// that only its owner may enter.
import t from 'tap';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startLocalNeo4j, type Neo4jHandle } from '../../scripts/local-neo4j.ts';
import { createDriver } from '../../server/store/neo4j.ts';

/** 'ok' when the credentials open a session and run a query, else the error's code. */
async function tryLogin(uri: string, password: string): Promise<string> {
  const driver = createDriver({ uri, user: 'neo4j', password });
  const session = driver.session();
  try {
    await session.run('RETURN 1');
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await session.close();
    await driver.close();
  }
}

t.test('the local Neo4j', async (t) => {
  const parent = mkdtempSync(join(tmpdir(), 'peoplemap-auth-'));
  const dataDir = join(parent, 'neo4j');
  const port = await freePort();
  let neo4j: Neo4jHandle = await startLocalNeo4j({ dataDir, port, log: () => {} });
  t.teardown(async () => {
    await neo4j.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  t.test('keeps its data in a directory of mode 0700', async (t) => {
    t.equal((statSync(dataDir).mode & 0o777).toString(8), '700');
  });

  t.test('accepts the password of its handle', async (t) => {
    t.ok(neo4j.password.length >= 16);
    t.equal(await tryLogin(neo4j.uri, neo4j.password), 'ok');
  });

  t.test('keeps only the latest transaction log, where erased residents linger', async (t) => {
    const driver = createDriver({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password });
    t.teardown(() => driver.close());
    const { records } = await driver.executeQuery(
      "SHOW SETTINGS YIELD name, value WHERE name = 'db.tx_log.rotation.retention_policy' RETURN value",
    );
    t.same(
      records.map((r) => r.get('value')),
      ['keep_none'],
    );
  });

  t.test('refuses a wrong password', async (t) => {
    t.equal(
      await tryLogin(neo4j.uri, `${neo4j.password}x`),
      'Neo.ClientError.Security.Unauthorized',
    );
  });

  t.test('refuses the default password and no credentials', async (t) => {
    t.equal(await tryLogin(neo4j.uri, 'neo4j'), 'Neo.ClientError.Security.Unauthorized');
    t.not(await tryLogin(neo4j.uri, ''), 'ok');
  });

  t.test('takes a new random password when restarted on the same data', async (t) => {
    const before = neo4j.password;
    await neo4j.stop();
    neo4j = await startLocalNeo4j({ dataDir, port, log: () => {} });
    t.not(neo4j.password, before);
    t.equal(await tryLogin(neo4j.uri, neo4j.password), 'ok');
    t.equal(await tryLogin(neo4j.uri, before), 'Neo.ClientError.Security.Unauthorized');
  });
});
