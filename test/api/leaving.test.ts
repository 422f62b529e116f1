// Residents who leave and return, and dated participation, through the API: what the checks refuse
// (a 400 naming the field, nothing written), what the resident reads show, and that the kept reads
// see a leave written after them.
import t from 'tap';
import type { Resident } from '../../server/contract.ts';
import { move, participation, tie } from '../helpers/events.ts';
import {
  auth,
  countProject,
  joinedEarly,
  postOk,
  projectWith,
  testApp,
} from '../helpers/server.ts';

const app = await testApp(t);

const post = (url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: auth, payload });
const get = async <T>(url: string): Promise<T> => {
  const response = await app.inject({ method: 'GET', url, headers: auth });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
  return response.json() as T;
};
const paths = (body: { details?: { path: string }[] }) => (body.details ?? []).map((d) => d.path);

const MARCH = '2025-03-01T10:00:00Z';
const APRIL = '2025-04-01T10:00:00Z';
const MAY = '2025-05-01T10:00:00Z';
const JUNE = '2025-06-01T10:00:00Z';

t.test(
  'a connection naming a resident who left is a 400 naming the field, and nothing is written',
  async (t) => {
    const { p, api } = await projectWith(app, 'lv-refused', {
      residents: joinedEarly('a', 'b', 'c'),
      events: [move('leave', 'l1', 'b', APRIL)],
    });
    const before = await countProject(app, p);
    const response = await post(`${api}/events`, {
      events: [tie('x1', 'a', 'c', MAY), tie('x2', 'a', 'b', MAY)],
    });
    t.equal(response.statusCode, 400);
    t.same(paths(response.json()), ['events.1.to']);
    t.match(response.json().details[0].message, /left on 2025-04-01/);
    t.same(await countProject(app, p), before, 'the valid connection in the batch is not written');
    // before the leave, the tie may be named (back-dated entry of a workshop)
    await postOk(app, `${api}/events`, tie('x3', 'b', 'a', MARCH));
  },
);

t.test('after a return the resident may be named again', async (t) => {
  const { api } = await projectWith(app, 'lv-return', {
    residents: joinedEarly('a', 'b'),
    events: [move('leave', 'l1', 'b', APRIL), move('return', 'r1', 'b', MAY)],
  });
  await postOk(app, `${api}/events`, tie('x1', 'a', 'b', JUNE));
  const graph = await get<{ edges: unknown[] }>(`${api}/graph?at=${JUNE}`);
  t.equal(graph.edges.length, 1);
});

t.test('a leave and a connection in one batch are judged in time order', async (t) => {
  const { api } = await projectWith(app, 'lv-batch', { residents: joinedEarly('a', 'b') });
  const leaveFirst = await post(`${api}/events`, {
    events: [move('leave', 'l1', 'b', APRIL), tie('x1', 'b', 'a', MAY)],
  });
  t.equal(leaveFirst.statusCode, 400);
  t.same(paths(leaveFirst.json()), ['events.1.from']);
  // a sheet's leaving rows come after its ties: the leave still counts for the later tie
  const leaveLast = await post(`${api}/events`, {
    events: [tie('x1', 'b', 'a', MAY), tie('x2', 'a', 'b', MARCH), move('leave', 'l1', 'b', APRIL)],
  });
  t.equal(leaveLast.statusCode, 400);
  t.same(paths(leaveLast.json()), ['events.0.from']);
});

t.test('leaving twice, or returning without leaving, is a 400 naming `resident`', async (t) => {
  const { api } = await projectWith(app, 'lv-turns', {
    residents: joinedEarly('a', 'b'),
    events: [move('leave', 'l1', 'b', APRIL)],
  });
  const twice = await post(`${api}/events`, move('leave', 'l2', 'b', MAY));
  t.equal(twice.statusCode, 400);
  t.same(paths(twice.json()), ['resident']);
  const neverLeft = await post(`${api}/events`, {
    events: [move('return', 'r1', 'a', MAY)],
  });
  t.equal(neverLeft.statusCode, 400);
  t.same(paths(neverLeft.json()), ['events.0.resident']);
  const unknown = await post(`${api}/events`, move('leave', 'l3', 'nobody', MAY));
  t.equal(unknown.statusCode, 400);
  t.same(paths(unknown.json()), ['resident']);
});

t.test('a participation ending before it starts is a 400 naming `until`', async (t) => {
  const { api } = await projectWith(app, 'lv-until', { residents: joinedEarly('a') });
  const response = await post(`${api}/events`, participation('p1', 'a', MAY, APRIL));
  t.equal(response.statusCode, 400);
  t.same(paths(response.json()), ['until']);
  const same = await post(`${api}/events`, participation('p2', 'a', MAY, MAY));
  t.same(paths(same.json()), ['until']);
});

t.test('a resident read shows when they were in the network and when they took part', async (t) => {
  const { api } = await projectWith(app, 'lv-read', {
    residents: joinedEarly('a'),
    events: [
      move('leave', 'l1', 'a', APRIL),
      move('return', 'r1', 'a', MAY),
      participation('p1', 'a', MARCH, '2025-03-31T10:00:00+01:00'),
      participation('p2', 'a', JUNE),
    ],
  });
  const a = await get<Resident>(`${api}/residents/a`);
  t.same(a.presence, [
    { from: '2025-01-01T00:00:00.000Z', to: '2025-04-01T10:00:00.000Z' },
    { from: '2025-05-01T10:00:00.000Z', to: null },
  ]);
  t.same(a.participation, [
    { from: '2025-03-01T10:00:00.000Z', to: '2025-03-31T09:00:00.000Z' },
    { from: '2025-06-01T10:00:00.000Z', to: null },
  ]);
  const log = await get<{ events: { id: string; until?: string }[] }>(
    `${api}/events?type=participation`,
  );
  t.same(
    log.events.map((e) => [e.id, e.until]),
    [
      ['p1', '2025-03-31T09:00:00.000Z'],
      ['p2', undefined],
    ],
    'the log gives `until` in UTC, as `at`',
  );
});

t.test('a re-sent leave changes nothing', async (t) => {
  const { p, api } = await projectWith(app, 'lv-resend', {
    residents: joinedEarly('a'),
    events: [move('leave', 'l1', 'a', APRIL)],
  });
  const before = await countProject(app, p);
  const again = await post(`${api}/events`, move('leave', 'l1', 'a', APRIL));
  t.equal(again.statusCode, 200);
  t.same(again.json(), { received: 1, created: 0, duplicates: 1 });
  t.same(await countProject(app, p), before);
});

t.test(
  'the network after the last change drops a resident whose leave is written after a read',
  async (t) => {
    const { api } = await projectWith(app, 'lv-kept', {
      residents: joinedEarly('a', 'b', 'c'),
      events: [tie('x1', 'a', 'b', MARCH), tie('x2', 'b', 'c', MARCH)],
    });
    const now = (path: string) => get<{ nodes: { key: string }[]; edges: unknown[] }>(path);
    const before = await now(`${api}/graph`);
    t.same(before.nodes.map((n) => n.key).sort(), ['a', 'b', 'c']);
    await postOk(app, `${api}/events`, move('leave', 'l1', 'b', APRIL));
    const after = await now(`${api}/graph`);
    t.same(after.nodes.map((n) => n.key).sort(), ['a', 'c']);
    t.equal(after.edges.length, 0);
    const metrics = await get<{ graph: { nodeCount: number; isolates: number } }>(`${api}/metrics`);
    t.match(metrics.graph, { nodeCount: 2, isolates: 2 });
    const history = await get<{ residents: { id: string; presence: unknown[] }[] }>(
      `${api}/history`,
    );
    t.same(history.residents.find((r) => r.id === 'b')?.presence, [
      { from: '2025-01-01T00:00:00.000Z', to: '2025-04-01T10:00:00.000Z' },
    ]);
  },
);

t.test('retracting a leave lets the resident be named again at once', async (t) => {
  const { api } = await projectWith(app, 'lv-retract', {
    residents: joinedEarly('a', 'b'),
    events: [move('leave', 'l1', 'b', APRIL)],
  });
  await postOk(app, `${api}/events`, { id: 'u1', type: 'retraction', at: MAY, event: 'l1' });
  await postOk(app, `${api}/events`, tie('x1', 'a', 'b', MAY));
  const b = await get<Resident>(`${api}/residents/b`);
  t.same(b.presence, [{ from: '2025-01-01T00:00:00.000Z', to: null }]);
});
