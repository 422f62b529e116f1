// GET /projects/:p/live: after each write its listeners are sent what it stored, as their key may see
// it; Last-Event-ID resumes; another API process on the same Neo4j learns of writes by polling.
import t, { type Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import type { LiveChange, LiveReset } from '../../server/contract.ts';
import { buildApp } from '../../server/app.ts';
import { changeOut } from '../../server/live/messages.ts';
import { inGroup, retraction, tie } from '../helpers/events.ts';
import { issueKey } from '../helpers/keys.ts';
import { changesUntil, dataOf, listen } from '../helpers/live.ts';
import { ADMIN_KEY, communities, joinedEarly, projectWith, testConfig } from '../helpers/server.ts';

type Overrides = Parameters<typeof testConfig>[0];

/** The app listening on a free loopback port, closed when `t` ends. */
async function serving(t: Test, overrides: Overrides = {}) {
  const app = await buildApp(testConfig(overrides));
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

async function post(app: FastifyInstance, url: string, payload: object, key = ADMIN_KEY) {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${key}` },
    payload,
  });
  if (response.statusCode >= 300)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
}

const isChange = (m: { event: string }) => m.event === 'change';
const ids = (change: LiveChange) => change.events.map((e) => e.id);

t.test(
  'a stream opens with ready at the project version, then sends what each write stored',
  async (t) => {
    const { app, baseUrl } = await serving(t);
    const { p, api } = await projectWith(app, 'live-basic', {
      communities: communities('north'),
      residents: joinedEarly('a', 'b'),
    });
    const stream = await listen(baseUrl, ADMIN_KEY, p);
    t.teardown(() => stream.close());
    t.equal(stream.status, 200);
    t.match(stream.headers.get('content-type'), /^text\/event-stream/);
    const ready = await stream.next((m) => m.event === 'ready');
    // a new project is version 0; each write bumps it (communities 1, residents 2)
    t.same(dataOf(ready), { version: 2 });
    t.equal(ready.id, '2');

    await post(app, `${api}/events`, { events: [tie('t1', 'a', 'b', '2025-03-01T10:00:00Z')] });
    const first = await stream.next(isChange);
    t.equal(first.id, '3', 'the id is the version of the write');
    const change = dataOf<LiveChange>(first);
    t.same(ids(change), ['t1']);
    t.same(
      change.events[0],
      {
        id: 't1',
        type: 'connection',
        at: '2025-03-01T10:00:00.000Z',
        from: 'a',
        to: 'b',
        kind: 'knows',
        strength: 1,
        source: 'workshop',
      },
      'as the event log shows it, with the defaults it was stored with',
    );
    t.same(
      change.residents.map((r) => r.id),
      ['a', 'b'],
      'the residents it names come with it, as they are now',
    );

    await post(app, `${api}/communities`, { id: 'south', name: 'South' });
    await post(app, `${api}/groups`, { id: 'choir', name: 'Choir', kind: 'association' });
    await post(app, `${api}/residents`, { id: 'c', name: 'C', communityId: 'south' });
    // a change reads residents as they are when it is read, so under load the change of version 5
    // may already carry c, and version 6 carries c again; what matters is that version 6 comes and
    // that everything written has come by then (a resident may come twice, never not at all)
    const later = await changesUntil(stream, (m) => m.version >= 6);
    t.equal(later.version, 6, 'three more writes: versions 4, 5 and 6');
    t.same(later.communities, [{ id: 'south', name: 'South' }]);
    t.same(later.groups, [{ id: 'choir', name: 'Choir', kind: 'association', communityId: null }]);
    const residents = new Map(later.residents.map((r) => [r.id, r.communityId]));
    t.same(
      [...residents].filter(([id]) => id !== 'a' && id !== 'b'),
      [['c', 'south']],
    );
  },
);

t.test('a retraction and a membership come as events like any other', async (t) => {
  const { app, baseUrl } = await serving(t);
  const { p, api } = await projectWith(app, 'live-kinds', {
    residents: joinedEarly('a', 'b'),
    groups: [{ id: 'g', name: 'G', kind: 'activity' }],
    events: [tie('t1', 'a', 'b', '2025-03-01T10:00:00Z')],
  });
  const stream = await listen(baseUrl, ADMIN_KEY, p);
  t.teardown(() => stream.close());
  await stream.next((m) => m.event === 'ready');
  await post(app, `${api}/events`, {
    events: [
      retraction('r1', 't1', '2025-03-02T10:00:00Z'),
      inGroup('membership', 'm1', 'a', 'g', '2025-03-02T10:00:00Z'),
    ],
  });
  const change = dataOf<LiveChange>(await stream.next(isChange));
  t.same(
    change.events.map((e) => [e.id, e.type]),
    [
      ['r1', 'retraction'],
      ['m1', 'membership'],
    ],
    'in the order written',
  );
});

t.test(
  'each listener is sent what its key may see: an evaluator nothing of a pending resident',
  async (t) => {
    const { app, baseUrl } = await serving(t);
    const { p, api } = await projectWith(app, 'live-consent', {
      residents: [
        ...joinedEarly('a', 'b').map((r) => ({ ...r, consent: 'given' as const })),
        { id: 'x', name: 'X', consent: 'pending' },
      ],
    });
    const coordinator = await issueKey(app, 'coordinator', [p]);
    const evaluator = await issueKey(app, 'evaluator', [p]);
    const secret = (key: { headers: { authorization: string } }) =>
      key.headers.authorization.replace('Bearer ', '');
    const asCoordinator = await listen(baseUrl, secret(coordinator), p);
    const asEvaluator = await listen(baseUrl, secret(evaluator), p);
    t.teardown(() => (asCoordinator.close(), asEvaluator.close()));
    await Promise.all([asCoordinator, asEvaluator].map((s) => s.next((m) => m.event === 'ready')));

    await post(app, `${api}/events`, { events: [tie('tx', 'a', 'x', '2025-03-01T10:00:00Z')] });
    await post(app, `${api}/events`, { events: [tie('tb', 'a', 'b', '2025-03-01T11:00:00Z')] });
    const seenByCoordinator = await changesUntil(asCoordinator, (m) => ids(m).includes('tb'));
    t.same(ids(seenByCoordinator), ['tx', 'tb']);
    t.ok(
      seenByCoordinator.residents.some((r) => r.id === 'x'),
      'the coordinator is sent X, whom tx names',
    );
    const seenByEvaluator = await changesUntil(asEvaluator, (m) => ids(m).includes('tb'));
    t.same(ids(seenByEvaluator), ['tb'], 'the evaluator is not sent tx, which names X');
    t.same(
      [...new Set(seenByEvaluator.residents.map((r) => r.id))].sort(),
      ['a', 'b'],
      'nor X among the residents',
    );
  },
);

t.test('a partner key, and a key without the project, are refused', async (t) => {
  const { app, baseUrl } = await serving(t);
  const { p } = await projectWith(app, 'live-refused');
  const { p: other } = await projectWith(app, 'live-other');
  const partner = await issueKey(app, 'partner', [p]);
  const elsewhere = await issueKey(app, 'coordinator', [other]);
  for (const key of [partner, elsewhere]) {
    const stream = await listen(baseUrl, key.headers.authorization.slice(7), p);
    t.equal(stream.status, 403, key.role);
    await stream.ended;
  }
  const anonymous = await fetch(`${baseUrl}/api/v1/projects/${p}/live`);
  t.equal(anonymous.status, 401);
  const unknown = await listen(baseUrl, ADMIN_KEY, `${p}-nowhere`);
  t.equal(unknown.status, 404);
});

t.test(
  'Last-Event-ID resumes: what was missed comes as one change, then the stream goes on',
  async (t) => {
    const { app, baseUrl } = await serving(t);
    const { p, api } = await projectWith(app, 'live-resume', {
      residents: joinedEarly('a', 'b', 'c'),
    });
    const first = await listen(baseUrl, ADMIN_KEY, p);
    const ready = await first.next((m) => m.event === 'ready');
    first.close();
    await post(app, `${api}/events`, { events: [tie('t1', 'a', 'b', '2025-03-01T10:00:00Z')] });
    await post(app, `${api}/events`, { events: [tie('t2', 'b', 'c', '2025-03-01T11:00:00Z')] });

    const again = await listen(baseUrl, ADMIN_KEY, p, ready.id!);
    t.teardown(() => again.close());
    const missed = await again.next(isChange);
    t.equal(missed.id, '3');
    t.same(ids(dataOf<LiveChange>(missed)), ['t1', 't2']);
    await post(app, `${api}/events`, { events: [tie('t3', 'a', 'c', '2025-03-01T12:00:00Z')] });
    const next = await again.next((m) => m.id === '4');
    t.same(ids(dataOf<LiveChange>(next)), ['t3']);
  },
);

t.test(
  'a resume past LIVE_MAX_EVENTS, after an erasure, or from an unknown version is a reset',
  async (t) => {
    const { app, baseUrl } = await serving(t, { LIVE_MAX_EVENTS: 2 });
    const { p, api } = await projectWith(app, 'live-reset', {
      residents: joinedEarly('a', 'b', 'c'),
    });
    await post(app, `${api}/events`, {
      events: [
        tie('t1', 'a', 'b', '2025-03-01T10:00:00Z'),
        tie('t2', 'b', 'c', '2025-03-01T11:00:00Z'),
        tie('t3', 'a', 'c', '2025-03-01T12:00:00Z'),
      ],
    });
    const tooMany = await listen(baseUrl, ADMIN_KEY, p, '1');
    const reset = await tooMany.next((m) => m.event === 'reset');
    tooMany.close();
    t.equal(reset.id, '2');
    t.same(dataOf<LiveReset>(reset), { version: 2, reason: 'too_many' });

    const ahead = await listen(baseUrl, ADMIN_KEY, p, '99');
    t.same(dataOf<LiveReset>(await ahead.next((m) => m.event === 'reset')), {
      version: 2,
      reason: 'unknown_version',
    });
    ahead.close();

    const erased = await app.inject({
      method: 'DELETE',
      url: `${api}/residents/c`,
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    t.equal(erased.statusCode, 204);
    const afterErasure = await listen(baseUrl, ADMIN_KEY, p, '2');
    t.teardown(() => afterErasure.close());
    t.same(dataOf<LiveReset>(await afterErasure.next((m) => m.event === 'reset')), {
      version: 3,
      reason: 'history_rewritten',
    });
  },
);

t.test('a malformed Last-Event-ID is a 400 naming it', async (t) => {
  const { app, baseUrl } = await serving(t);
  const { p } = await projectWith(app, 'live-bad-id');
  const stream = await listen(baseUrl, ADMIN_KEY, p, 'yesterday');
  t.equal(stream.status, 400);
  await stream.ended;
  const body = JSON.parse(stream.text()) as { details: { path: string }[] };
  t.match(JSON.stringify(body.details), /last-event-id/);
});

t.test('another API process on the same Neo4j learns of a write within its poll', async (t) => {
  const a = await serving(t);
  const b = await serving(t, { LIVE_POLL_MS: 100 });
  const { p, api } = await projectWith(a.app, 'live-replicas', {
    residents: joinedEarly('a', 'b'),
  });
  const onB = await listen(b.baseUrl, ADMIN_KEY, p);
  t.teardown(() => onB.close());
  await onB.next((m) => m.event === 'ready');
  await post(a.app, `${api}/events`, { events: [tie('t1', 'a', 'b', '2025-03-01T10:00:00Z')] });
  t.same(ids(dataOf<LiveChange>(await onB.next(isChange))), ['t1']);
});

t.test('a heartbeat comment comes every LIVE_HEARTBEAT_MS', async (t) => {
  const { app, baseUrl } = await serving(t, { LIVE_HEARTBEAT_MS: 100 });
  const { p } = await projectWith(app, 'live-heartbeat');
  const stream = await listen(baseUrl, ADMIN_KEY, p);
  t.teardown(() => stream.close());
  await stream.next((m) => m.event === 'ready');
  const deadline = Date.now() + 10_000;
  while (stream.heartbeats() < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  t.ok(stream.heartbeats() >= 2, `${stream.heartbeats()} heartbeats`);
});

t.test(
  'a stream ends after LIVE_STREAM_MAX_MS, and the server closing ends every stream',
  async (t) => {
    const { app, baseUrl } = await serving(t, { LIVE_STREAM_MAX_MS: 1_000 });
    const { p } = await projectWith(app, 'live-ends');
    const short = await listen(baseUrl, ADMIN_KEY, p);
    await short.ended;
    t.pass('the server ended the stream');
    const held = await listen(baseUrl, ADMIN_KEY, p);
    await held.next((m) => m.event === 'ready');
    t.equal(app.live.size, 1);
    await app.close();
    await held.ended;
    t.equal(app.live.size, 0);
  },
);

t.test(
  'a listener whose client never reads is dropped once it has more than LIVE_MAX_UNREAD_BYTES unread',
  async (t) => {
    const { app } = await serving(t, { LIVE_MAX_UNREAD_BYTES: 2048 });
    const { p, api } = await projectWith(app, 'live-unread', { residents: joinedEarly('a', 'b') });
    // an outlet whose client takes nothing: every byte written stays unread
    let unread = 0;
    let dropped = false;
    const outlet = {
      write: (text: string) => void (unread += Buffer.byteLength(text)),
      unread: () => unread,
      end: () => {},
      destroy: () => void (dropped = true),
    };
    const { version } = await app.store.projects.current(p);
    app.live.open(
      {
        projectId: p,
        viewerKey: 'names:given+pending',
        see: async ({ kind: _kind, named: _named, ...change }) => changeOut(change),
        outlet,
      },
      version,
      null,
    );
    for (let round = 0; !dropped && round < 20; round++) {
      const events = Array.from({ length: 10 }, (_, i) =>
        tie(`t${round}-${i}`, 'a', 'b', `2025-03-01T10:${String(i).padStart(2, '0')}:00Z`),
      );
      await post(app, `${api}/events`, { events });
      const deadline = Date.now() + 10_000;
      while (!dropped && unread < (round + 1) * 1000 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
    }
    t.ok(dropped, `dropped with ${unread} bytes unread`);
    t.ok(unread < 2048 + 4096, 'nothing more was written after the limit than one change');
    t.equal(app.live.size, 0, 'and forgotten');
  },
);
