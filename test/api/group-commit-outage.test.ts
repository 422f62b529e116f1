// Neo4j going away while batches wait in a group (behind a write held up by another client's lock
// on the project): every batch of the group answers 503 database_unavailable, the refused one too,
// and none of them is stored. The test kills (SIGKILL) a Neo4j it started itself and starts it again
// on the same data to count what is stored.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createDriver } from '../../server/store/neo4j.ts';
import { freePort, startLocalNeo4j } from '../../scripts/local-neo4j.ts';
import { auth, countProject, createProject, postOk, testConfig } from '../helpers/server.ts';

const tie = (id: string, from: string, to: string) => ({
  id,
  type: 'connection',
  at: '2025-03-10T11:00:00Z',
  from,
  to,
});

t.test('Neo4j going away during a grouped write answers 503 to every batch', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-group-outage-'));
  const port = await freePort();
  // a busy machine can take minutes to start a JVM
  const start = { dataDir, port, log: () => {}, readyTimeoutMs: 300_000 };
  let neo4j = await startLocalNeo4j(start);
  t.teardown(async () => {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const again = { ...start, password: neo4j.password };
  const app = await buildApp(testConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password }));
  t.teardown(() => app.close());

  const p = 'group-outage';
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: ['a', 'b', 'c'].map((id) => ({ id, name: id })),
  });
  await postOk(app, `${api}/events`, { ...tie('x0', 'a', 'b'), at: '2025-03-10T10:00:00Z' });

  // another client holds the project's lock: the first batch waits for it, the others queue
  const holder = createDriver({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  const session = holder.session();
  const tx = await session.beginTransaction();
  await tx.run('MATCH (p:Project {id: $id}) SET p.heldBy = $who', { id: p, who: 'test' });
  const answers: Promise<LightMyRequestResponse>[] = [];
  for (const payload of [
    tie('f1', 'a', 'c'),
    tie('f2', 'b', 'c'),
    { events: [tie('f3', 'c', 'a'), tie('f4', 'a', 'zed')] },
  ]) {
    answers.push(app.inject({ method: 'POST', url: `${api}/events`, headers: auth, payload }));
    await sleep(answers.length === 1 ? 300 : 30);
  }
  await sleep(200);
  process.kill(neo4j.pid!, 'SIGKILL');
  await neo4j.stop();
  const answered = await Promise.all(answers);
  await holder.close().catch(() => {});

  t.same(
    answered.map((a) => [a.statusCode, a.json().error]),
    Array.from({ length: 3 }, () => [503, 'database_unavailable']),
  );
  neo4j = await startLocalNeo4j(again);
  t.same(await countProject(app, p), { residents: 3, groups: 0, events: 1 }, 'only x0 is stored');
});
