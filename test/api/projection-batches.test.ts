// An import sent in many batches keeps the network Neo4j holds (TIE segments, MEMBER_OF spells)
// equal to the one rebuilt from the log: batches in time order (upkeep continues each pair from its
// open segment), one back-dated batch, and a batch that also retracts earlier events (both
// recompute the pairs they touch).
import t, { type Test } from 'tap';
import { createProject, postOk, testApp, uniqueProject } from '../helpers/server.ts';
import { createRandom } from '../../fixtures/prng.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;
const T = Date.parse('2025-03-10T00:00:00.000Z');
const RESIDENTS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
const BATCH = 25;

/**
 * 300 tie and membership events among six residents and one group on 40 hourly instants, in time
 * order: many pairs, repeats, disconnections and events sharing an instant.
 */
function history(seed: number): Record<string, unknown>[] {
  const random = createRandom(seed);
  const events = Array.from({ length: 300 }, (_, i) => {
    const at = new Date(T + random.int(0, 39) * 3_600_000).toISOString();
    if (random.chance(0.2)) {
      const type = random.chance(0.6) ? 'membership' : 'departure';
      return { id: `e${i}`, type, at, resident: random.pick(RESIDENTS), group: 'g' };
    }
    const [from, to] = random.shuffle(RESIDENTS);
    const type = random.chance(0.7) ? 'connection' : 'disconnection';
    const strength = random.int(1, 3);
    return type === 'connection'
      ? { id: `e${i}`, type, at, from, to, kind: random.pick(['knows', 'helps']), strength }
      : { id: `e${i}`, type, at, from, to };
  });
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

async function project(name: string) {
  const p = uniqueProject(name);
  await createProject(app, p);
  await postOk(app, `${api(p)}/residents`, {
    residents: RESIDENTS.map((id) => ({ id, name: id, joinedAt: new Date(T).toISOString() })),
  });
  await postOk(app, `${api(p)}/groups`, { id: 'g', name: 'Garden club', kind: 'association' });
  return p;
}

const batches = (events: Record<string, unknown>[]) =>
  Array.from({ length: Math.ceil(events.length / BATCH) }, (_, i) =>
    events.slice(i * BATCH, (i + 1) * BATCH),
  );

async function keptEqualsRebuilt(t: Test, p: string) {
  const kept = await app.store.projection.read(p);
  t.ok(kept.ties.length > 20 && kept.memberships.length > 5, 'the history makes many rows');
  t.ok(
    kept.ties.some((s) => s.open) && kept.ties.every((s) => s.open === (s.until === null)),
    'exactly the open segments are in the tie_open index',
  );
  await app.store.projection.rebuild(p);
  t.same(await app.store.projection.read(p), kept);
}

t.test(
  'an import in time order, in many batches, keeps the segments a rebuild gives',
  async (t) => {
    const p = await project('proj-batches');
    for (const events of batches(history(1))) await postOk(app, `${api(p)}/events`, { events });
    await keptEqualsRebuilt(t, p);
  },
);

t.test('an import with one back-dated batch keeps the segments a rebuild gives', async (t) => {
  const p = await project('proj-backdated-batch');
  const sent = batches(history(2));
  // the fourth batch (hours 5 to 7 or so) comes last, after everything later than it
  const [late] = sent.splice(3, 1);
  for (const events of [...sent, late]) await postOk(app, `${api(p)}/events`, { events });
  await keptEqualsRebuilt(t, p);
});

t.test(
  'a batch that retracts earlier events of its pairs keeps the segments a rebuild gives',
  async (t) => {
    const p = await project('proj-retracting-batch');
    const sent = batches(history(3));
    for (const events of sent.slice(0, -1)) await postOk(app, `${api(p)}/events`, { events });
    const last = sent.at(-1)!;
    // withdraw stored events of the pairs the last batch names
    const named = new Set(last.map((e) => [e.from, e.to].sort().join('|')));
    const targets = sent
      .slice(0, -1)
      .flat()
      .filter((e) => e.type === 'connection' && named.has([e.from, e.to].sort().join('|')))
      .slice(-5);
    const at = last.at(-1)!.at;
    const retractions = targets.map((e, i) => ({
      id: `x${i}`,
      type: 'retraction',
      at,
      event: e.id,
    }));
    await postOk(app, `${api(p)}/events`, { events: [...last, ...retractions] });
    await keptEqualsRebuilt(t, p);
  },
);
