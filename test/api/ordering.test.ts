// Events at the same instant in different batches apply in the order the batches were stored
// (the project version taken under its lock), whatever the clock of the API that stored them.
import t from 'tap';
import { auth, createProject, postOk, testApp, uniqueProject } from '../helpers/server.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;
const T = '2025-03-10T12:00:00.000Z';

/** Runs `work` while this process's clock reads `skewMs` off. */
async function withClockSkew<R>(skewMs: number, work: () => Promise<R>): Promise<R> {
  const now = Date.now;
  Date.now = () => now() + skewMs;
  try {
    return await work();
  } finally {
    Date.now = now;
  }
}

async function pairProject(name: string): Promise<string> {
  const p = uniqueProject(name);
  await createProject(app, p);
  await postOk(app, `${api(p)}/residents`, {
    residents: ['a', 'b'].map((id) => ({ id, name: id, joinedAt: '2025-01-01T00:00:00Z' })),
  });
  return p;
}

const event = (id: string, type: string) => ({ id, type, at: T, from: 'a', to: 'b' });

t.test(
  'a later batch at the same instant wins even when its clock is an hour behind',
  async (t) => {
    const p = await pairProject('order-behind');
    await postOk(app, `${api(p)}/events`, { events: [event('c1', 'connection')] });
    await withClockSkew(-3_600_000, () =>
      postOk(app, `${api(p)}/events`, { events: [event('d1', 'disconnection')] }),
    );
    const graph = (await app.inject({ url: `${api(p)}/graph?at=${T}`, headers: auth })).json();
    t.same(graph.edges, [], 'the disconnection, stored second, ends the tie');
    const log = (await app.inject({ url: `${api(p)}/events`, headers: auth })).json();
    t.same(
      log.events.map((e: { id: string }) => e.id),
      ['c1', 'd1'],
      'the log lists them in that order too',
    );
  },
);

t.test('an earlier batch at the same instant loses even when its clock is ahead', async (t) => {
  const p = await pairProject('order-ahead');
  await withClockSkew(3_600_000, () =>
    postOk(app, `${api(p)}/events`, { events: [event('d1', 'disconnection')] }),
  );
  await postOk(app, `${api(p)}/events`, { events: [event('c1', 'connection')] });
  const graph = (await app.inject({ url: `${api(p)}/graph?at=${T}`, headers: auth })).json();
  t.equal(graph.edges.length, 1, 'the connection, stored second, leaves the pair tied');
});
