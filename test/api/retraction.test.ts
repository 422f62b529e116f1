// Retractions through the API: what may be retracted, that a re-sent retraction is a no-op, and
// that the log keeps both while every read ignores the withdrawn event.
import t from 'tap';
import type { Event } from '../../server/contract.ts';
import { auth, countProject, postOk, projectWith, testApp } from '../helpers/server.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;
const T = '2025-03-10T12:00:00.000Z';
const tie: Event = {
  id: 'x1',
  type: 'connection',
  at: '2025-03-10T10:00:00Z',
  from: 'a',
  to: 'b',
};
const retract = (id: string, event: string) => ({ id, type: 'retraction', at: T, event });

/** A project with residents a, b (joined early) and the tie x1 between them. */
async function project(name: string): Promise<string> {
  const residents = ['a', 'b'].map((id) => ({ id, name: id, joinedAt: '2025-01-01T00:00:00Z' }));
  return (await projectWith(app, name, { residents, events: [tie] })).p;
}

const post = (p: string, payload: object) =>
  app.inject({ method: 'POST', url: `${api(p)}/events`, headers: auth, payload });

t.test('retracting an unknown event is a 400 naming `event`, and nothing is written', async (t) => {
  const p = await project('rt-unknown');
  const one = await post(p, retract('r1', 'nope'));
  t.equal(one.statusCode, 400);
  t.same(
    one.json().details.map((d: { path: string }) => d.path),
    ['event'],
  );
  const batch = await post(p, { events: [retract('r2', 'x1'), retract('r3', 'nope')] });
  t.equal(batch.statusCode, 400);
  t.same(
    batch.json().details.map((d: { path: string }) => d.path),
    ['events.1.event'],
  );
  t.equal((await countProject(app, p)).events, 1, 'only x1 is stored');
});

t.test('retracting a retraction is a 400 naming `event`', async (t) => {
  const p = await project('rt-retraction');
  await postOk(app, `${api(p)}/events`, retract('r1', 'x1'));
  const response = await post(p, retract('r2', 'r1'));
  t.equal(response.statusCode, 400);
  t.match(response.json().details, [{ path: 'event', message: /retraction/ }]);
});

t.test('a retraction may withdraw an event earlier in its own batch', async (t) => {
  const p = await project('rt-same-batch');
  const c2 = { ...tie, id: 'x2', from: 'b', to: 'a', at: '2025-03-10T11:00:00Z' };
  t.equal((await post(p, { events: [c2, retract('r1', 'x2')] })).statusCode, 201);
  const response = await post(p, { events: [retract('r2', 'x3'), { ...c2, id: 'x3' }] });
  t.equal(response.statusCode, 400, 'but not one that comes later in the batch');
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['events.0.event'],
  );
});

t.test('re-sending a retraction id changes nothing', async (t) => {
  const p = await project('rt-resend');
  t.equal((await post(p, retract('r1', 'x1'))).statusCode, 201);
  const again = await post(p, retract('r1', 'x1'));
  t.equal(again.statusCode, 200);
  t.same(again.json(), { received: 1, created: 0, duplicates: 1 });
});

t.test('the event log lists both the retraction and the retracted event', async (t) => {
  const p = await project('rt-log');
  await postOk(app, `${api(p)}/events`, retract('r1', 'x1'));
  const log = (await app.inject({ url: `${api(p)}/events`, headers: auth })).json();
  t.same(
    log.events.map((e: { id: string; type: string }) => [e.id, e.type]),
    [
      ['x1', 'connection'],
      ['r1', 'retraction'],
    ],
  );
  t.equal(log.events[1].event, 'x1');
});

t.test('a retracted tie leaves the graph, the metrics and the history', async (t) => {
  const p = await project('rt-reads');
  await postOk(app, `${api(p)}/events`, retract('r1', 'x1'));
  const get = async (path: string) =>
    (await app.inject({ url: `${api(p)}${path}`, headers: auth })).json();
  t.same((await get(`/graph?at=${T}`)).edges, []);
  t.equal((await get(`/metrics?at=${T}`)).graph.edgeCount, 0);
  const history = await get('/history');
  t.same(history.ties, []);
  t.same([history.from, history.to], [null, null], 'no event is left to replay');
});
