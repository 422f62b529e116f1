// Group commit: batches sent to one project while a write to it is in flight are written together
// in one transaction, and each still behaves as if sent alone, one after another: a refused batch
// writes nothing and gets its own 4xx, a repeated id is a duplicate, a retraction may withdraw an
// event of an earlier batch of the group, the log keeps their order of arrival, and the projection
// equals a rebuild. Their audit entries all land; a group whose transaction fails answers 503 to
// every batch in it and stores none. Another client holding the project's lock keeps the first
// write in flight while the others queue behind it, so they form one group.
import t from 'tap';
import { tie } from '../helpers/events.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDriver } from '../../server/store/neo4j.ts';
import {
  auth,
  countProject,
  createProject,
  postOk,
  testApp,
  testConfig,
  uniqueProject,
} from '../helpers/server.ts';

const api = (p: string) => `/api/v1/projects/${p}`;
const at = (hour: number, minute = 0) =>
  `2025-03-10T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

/** A project with residents a, b, c, d (joined before every event) and the tie x0 between a and b. */
async function project(app: FastifyInstance, name: string): Promise<string> {
  const p = uniqueProject(name);
  await createProject(app, p);
  await postOk(app, `${api(p)}/residents`, {
    residents: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id, joinedAt: at(0) })),
  });
  await postOk(app, `${api(p)}/events`, tie('x0', 'a', 'b', at(10)));
  return p;
}

/**
 * Sends the payloads to the project's events while another client holds the project's lock: the
 * first is sent alone and waits for the lock, the rest arrive in order while it waits (so they
 * queue, and form the next group), then the lock is released.
 */
async function burst(
  app: FastifyInstance,
  p: string,
  payloads: object[],
  options: { release: boolean } = { release: true },
): Promise<LightMyRequestResponse[]> {
  const config = testConfig();
  const holder = createDriver({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
  });
  const session = holder.session({ database: config.NEO4J_DATABASE });
  const tx = await session.beginTransaction();
  try {
    await tx.run('MATCH (p:Project {id: $id}) SET p.heldBy = $who', { id: p, who: 'test' });
    const answers: Promise<LightMyRequestResponse>[] = [];
    for (const payload of payloads) {
      answers.push(app.inject({ method: 'POST', url: `${api(p)}/events`, headers: auth, payload }));
      await sleep(answers.length === 1 ? 300 : 30);
    }
    await sleep(200);
    if (options.release) await tx.rollback();
    return await Promise.all(answers);
  } finally {
    if (tx.isOpen()) await tx.rollback();
    await session.close();
    await holder.close();
  }
}

t.test('a burst of batches to one project', async (t) => {
  const app = await testApp(t);
  const p = await project(app, 'group-burst');
  const answers = await burst(app, p, [
    tie('c1', 'a', 'c', at(11)),
    { events: [tie('c2', 'b', 'c', at(11)), tie('c3', 'c', 'd', at(11))] },
    { events: [tie('c4', 'a', 'b', at(12)), tie('c5', 'a', 'zed', at(12))] },
    tie('d1', 'b', 'd', at(12)),
    tie('d1', 'b', 'd', at(12)),
    { id: 'r1', type: 'retraction', at: at(12, 30), event: 'c2' },
    tie('c6', 'a', 'd', at(13)),
  ]);

  t.test('each batch gets its own answer, as if sent one after another', async (t) => {
    t.same(
      answers.map((a) => a.statusCode),
      [201, 201, 400, 201, 200, 201, 201],
    );
    const counts = (i: number) => answers[i].json();
    t.same(counts(1), { received: 2, created: 2, duplicates: 0 });
    t.same(counts(3), { received: 1, created: 1, duplicates: 0 }, 'the first d1 is stored');
    t.same(counts(4), { received: 1, created: 0, duplicates: 1 }, 'the second is a duplicate');
    t.same(counts(5), { received: 1, created: 1, duplicates: 0 });
  });

  t.test('the refused batch names its unknown resident and wrote nothing', async (t) => {
    t.same(
      answers[2].json().details.map((d: { path: string }) => d.path),
      ['events.1.to'],
    );
    // x0 before the burst; c1, c2, c3, d1, r1, c6 from it; c4 and c5 refused
    t.equal((await countProject(app, p)).events, 7);
  });

  t.test('the log keeps the order of arrival at one instant', async (t) => {
    const page = await app.inject({ url: `${api(p)}/events`, headers: auth });
    t.same(
      page.json().events.map((e: { id: string }) => e.id),
      ['x0', 'c1', 'c2', 'c3', 'd1', 'r1', 'c6'],
    );
  });

  t.test('the retraction withdrew the tie of an earlier batch of the burst', async (t) => {
    const graph = await app.inject({ url: `${api(p)}/graph?at=${at(14)}`, headers: auth });
    const pairs = graph
      .json()
      .edges.map((e: { source: string; target: string }) => [e.source, e.target].sort().join('-'))
      .sort();
    // a-b (x0), a-c (c1), c-d (c3), b-d (d1), a-d (c6); b-c (c2) retracted
    t.same(pairs, ['a-b', 'a-c', 'a-d', 'b-d', 'c-d']);
  });

  t.test('the projection kept by the burst equals a rebuild', async (t) => {
    const kept = await app.store.projection.read(p);
    t.equal(kept.ties.length, 5, 'one open segment per pair tied at the end');
    await app.store.projection.rebuild(p);
    t.same(await app.store.projection.read(p), kept);
  });
});

t.test('concurrent writes each leave their audit entry', async (t) => {
  const app = await testApp(t);
  const p = await project(app, 'group-audit');
  const writes = 20;
  const answers = await Promise.all(
    Array.from({ length: writes }, (_, i) =>
      app.inject({
        method: 'POST',
        url: `${api(p)}/events`,
        headers: auth,
        payload: { ...tie(`y${i}`, 'c', 'd', at(11)), strength: 1 + (i % 3) },
      }),
    ),
  );
  t.ok(
    answers.every((a) => a.statusCode === 201),
    'all stored',
  );
  const page = await app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth });
  const entries = page.json().entries as { action: string }[];
  const eventEntries = entries.filter((e) => e.action === 'POST /api/v1/projects/:p/events');
  // x0 while setting up, then the 20 concurrent writes
  t.equal(eventEntries.length, 1 + writes);
  t.equal(entries.length, 2 + writes, 'and the residents written while setting up');
});

t.test('a group whose transaction fails answers 503 to every batch and stores none', async (t) => {
  // the lock stays held: the first write and then the group behind it each time out
  const app = await testApp(t, { NEO4J_TRANSACTION_TIMEOUT_MS: 2000 });
  const p = await project(app, 'group-fails');
  const answers = await burst(
    app,
    p,
    [
      tie('f1', 'a', 'c', at(11)),
      tie('f2', 'b', 'c', at(11)),
      { events: [tie('f3', 'a', 'd', at(12)), tie('f4', 'a', 'zed', at(12))] },
      tie('f5', 'c', 'd', at(12)),
    ],
    { release: false },
  );
  t.same(
    answers.map((a) => [a.statusCode, a.json().error]),
    Array.from({ length: 4 }, () => [503, 'database_busy']),
  );
  t.equal((await countProject(app, p)).events, 1, 'only x0 is stored');
});
