// Neo4j going away while batches wait in a group (behind a write held up by another client's lock
// on the project): every batch of the group answers 503 database_unavailable, the refused one too,
// and none of them is stored. The test kills (SIGKILL) a Neo4j it started itself and starts it again
// on the same data to count what is stored.
import t from 'tap';
import { tie } from '../helpers/events.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { createDriver } from '../../server/store/neo4j.ts';
import { ownNeo4j } from '../helpers/own-neo4j.ts';
import { auth, countProject, createProject, postOk } from '../helpers/server.ts';

const AT = '2025-03-10T11:00:00Z';

t.test('Neo4j going away during a grouped write answers 503 to every batch', async (t) => {
  const own = await ownNeo4j(t, 'group-outage');
  const { app } = own;
  const neo4j = own.handle();

  const p = 'group-outage';
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: ['a', 'b', 'c'].map((id) => ({ id, name: id })),
  });
  await postOk(app, `${api}/events`, tie('x0', 'a', 'b', '2025-03-10T10:00:00Z'));

  // another client holds the project's lock: the first batch waits for it, the others queue
  const holder = createDriver({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  const session = holder.session();
  const tx = await session.beginTransaction();
  await tx.run('MATCH (p:Project {id: $id}) SET p.heldBy = $who', { id: p, who: 'test' });
  const answers: Promise<LightMyRequestResponse>[] = [];
  for (const payload of [
    tie('f1', 'a', 'c', AT),
    tie('f2', 'b', 'c', AT),
    { events: [tie('f3', 'c', 'a', AT), tie('f4', 'a', 'zed', AT)] },
  ]) {
    answers.push(app.inject({ method: 'POST', url: `${api}/events`, headers: auth, payload }));
    await sleep(answers.length === 1 ? 300 : 30);
  }
  await sleep(200);
  await own.kill();
  const answered = await Promise.all(answers);
  await holder.close().catch(() => {});

  t.same(
    answered.map((a) => [a.statusCode, a.json().error]),
    Array.from({ length: 3 }, () => [503, 'database_unavailable']),
  );
  await own.restart();
  t.same(await countProject(app, p), { residents: 3, groups: 0, events: 1 }, 'only x0 is stored');
});
