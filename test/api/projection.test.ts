// The network Neo4j holds (TIE segments, MEMBER_OF spells) kept up write by write equals the one
// rebuilt from the log, on every scenario of the time-rule table sent one event per request, and
// on a pair whose events arrive out of time order.
import t from 'tap';
import { createProject, postOk, testApp, uniqueProject } from '../helpers/server.ts';
import {
  EARLY,
  GROUP,
  h,
  retractionScenarios,
  scenarios,
  sent,
  T,
} from '../scenarios/time-rule-scenarios.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;
const iso = (offset: number) => new Date(T + offset).toISOString();

async function project(
  name: string,
  residents: { id: string; joinedAt?: number; participant?: boolean }[],
) {
  const p = uniqueProject(name);
  await createProject(app, p);
  await postOk(app, `${api(p)}/residents`, {
    residents: residents.map((r) => ({
      id: r.id,
      name: r.id,
      joinedAt: iso(r.joinedAt ?? EARLY),
      participant: r.participant ?? false,
    })),
  });
  await postOk(app, `${api(p)}/groups`, GROUP);
  return p;
}

for (const scenario of [...scenarios, ...retractionScenarios]) {
  t.test(`upkeep equals a rebuild: ${scenario.name}`, async (t) => {
    const p = await project('proj-table', scenario.residents);
    for (const event of scenario.events) {
      await postOk(app, `${api(p)}/events`, sent(event));
    }
    const kept = await app.store.projection.read(p);
    await app.store.projection.rebuild(p);
    t.same(await app.store.projection.read(p), kept);
  });
}

t.test('a back-dated event recomputes its pair as if the events had come in order', async (t) => {
  // Sent: connect at −1 h, then disconnect at −2 h, then connect at −3 h (strength 2).
  // In time order: connect −3 h, disconnect −2 h, connect −1 h: spells [−3 h, −2 h) and [−1 h, …).
  const p = await project('proj-backdated', [{ id: 'a' }, { id: 'b' }]);
  const tie = (id: string, type: string, at: number, extra = {}) => ({
    id,
    type,
    at: iso(at),
    from: 'a',
    to: 'b',
    ...extra,
  });
  await postOk(app, `${api(p)}/events`, tie('x1', 'connection', h(-1)));
  await postOk(app, `${api(p)}/events`, tie('x2', 'disconnection', h(-2)));
  await postOk(app, `${api(p)}/events`, tie('x3', 'connection', h(-3), { strength: 2 }));
  const { ties } = await app.store.projection.read(p);
  t.same(
    ties.map((s) => [s.since - T, s.until === null ? null : s.until - T, s.strength]),
    [
      [h(-3), h(-2), 2],
      [h(-1), null, 1],
    ],
  );
  await app.store.projection.rebuild(p);
  t.same((await app.store.projection.read(p)).ties, ties);
});
