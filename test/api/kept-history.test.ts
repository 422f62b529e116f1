// The history a process keeps and brings up to date from the batches written since it last read
// (server/store/kept-history.ts), and the open network it keeps after the last change
// (server/store/kept-open.ts), must equal what a process that never read them before reads whole:
// after appends in time order, back-dated appends, a retraction, an erasure and a consent change,
// through /history, /timeline, /metrics and /graph.
import t from 'tap';
import { tie } from '../helpers/events.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('kept');
const api = `/api/v1/projects/${p}`;
let keeper: FastifyInstance;

const day = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString();
const reads = [
  'history',
  'timeline?interval=day',
  'metrics?at=2025-03-01T00:00:00Z',
  'graph?at=2025-03-01T00:00:00Z',
];

async function bodies(app: FastifyInstance): Promise<string[]> {
  const out: string[] = [];
  for (const read of reads) {
    const response = await app.inject({ url: `${api}/${read}`, headers: auth });
    if (response.statusCode !== 200) throw new Error(`${read}: ${response.body}`);
    out.push(response.body);
  }
  return out;
}

/** A process that has read nothing before: its reads are whole. */
async function fresh(): Promise<string[]> {
  const app = await buildApp(testConfig());
  try {
    return await bodies(app);
  } finally {
    await app.close();
  }
}

t.before(async () => {
  keeper = await buildApp(testConfig());
  await createProject(keeper, p);
  await postOk(keeper, `${api}/groups`, {
    groups: [{ id: 'choir', name: 'Choir', kind: 'activity' }],
  });
  await postOk(keeper, `${api}/residents`, {
    residents: ['ana', 'bo', 'cy', 'di', 'ed'].map((id) => ({
      id,
      name: id,
      consent: 'given',
      joinedAt: day(0),
    })),
  });
  await postOk(keeper, `${api}/events`, { events: [tie('t1', 'ana', 'bo', day(3))] });
  await bodies(keeper);
});
t.teardown(() => keeper?.close());

/**
 * Ties holding at 2025-03-01 after each step, counted by hand: ana–bo; + bo–cy; x1 ends ana–bo at
 * the instant t1 began (no spell) while cy–di and di–ed begin; t2 (bo–cy) retracted; + ana–ed;
 * di erased (cy–di, di–ed go); + bo–ed; fay joins (no tie); + fay–ana; + bo–fay; ed withdrawn
 * (ana–ed, bo–ed hidden).
 */
const edgesAfter = [2, 3, 2, 3, 1, 2, 2, 3, 4, 2];

const steps: [string, () => Promise<void>][] = [
  [
    'appends later in time',
    () =>
      postOk(keeper, `${api}/events`, {
        events: [
          tie('t2', 'bo', 'cy', day(10)),
          { id: 'm1', type: 'membership', at: day(11), resident: 'cy', group: 'choir' },
        ],
      }),
  ],
  [
    'appends dated before what is kept, and at the same instant',
    () =>
      postOk(keeper, `${api}/events`, {
        events: [
          tie('t3', 'cy', 'di', day(1)),
          tie('t4', 'di', 'ed', day(10)),
          { id: 'x1', type: 'disconnection', at: day(3), from: 'ana', to: 'bo' },
        ],
      }),
  ],
  [
    'a retraction of an earlier event',
    () =>
      postOk(keeper, `${api}/events`, {
        events: [{ id: 'r1', type: 'retraction', at: day(20), event: 't2' }],
      }),
  ],
  [
    'more appends after the retraction',
    () =>
      postOk(keeper, `${api}/events`, {
        events: [
          tie('t5', 'ana', 'ed', day(21)),
          { id: 'm2', type: 'departure', at: day(22), resident: 'cy', group: 'choir' },
        ],
      }),
  ],
  [
    'an erasure',
    async () => {
      const response = await keeper.inject({
        method: 'DELETE',
        url: `${api}/residents/di`,
        headers: auth,
      });
      if (response.statusCode !== 204) throw new Error(response.body);
    },
  ],
  [
    'appends after the erasure',
    () => postOk(keeper, `${api}/events`, { events: [tie('t6', 'bo', 'ed', day(25))] }),
  ],
  [
    'a new resident and a renamed one',
    async () => {
      await postOk(keeper, `${api}/residents`, {
        residents: [{ id: 'fay', name: 'fay', consent: 'given' }],
      });
      const response = await keeper.inject({
        method: 'PATCH',
        url: `${api}/residents/bo`,
        headers: auth,
        payload: { name: 'Bo B.' },
      });
      if (response.statusCode !== 200) throw new Error(response.body);
    },
  ],
  [
    'a first event for the new resident (it sets when she joined)',
    () => postOk(keeper, `${api}/events`, { events: [tie('t7', 'fay', 'ana', day(2))] }),
  ],
  [
    'an event dated before her first (it moves when she joined)',
    () => postOk(keeper, `${api}/events`, { events: [tie('t8', 'bo', 'fay', day(1))] }),
  ],
  [
    'a withdrawn consent',
    async () => {
      const response = await keeper.inject({
        method: 'PATCH',
        url: `${api}/residents/ed`,
        headers: auth,
        payload: { consent: 'withdrawn' },
      });
      if (response.statusCode !== 200) throw new Error(response.body);
    },
  ],
];

steps.forEach(([name, step], i) => {
  t.test(`after ${name}, the kept history equals the history read whole`, async (t) => {
    await step();
    const kept = await bodies(keeper);
    const whole = await fresh();
    reads.forEach((read, i) => t.equal(kept[i], whole[i], read));
    t.equal(JSON.parse(kept[3]).edges.length, edgesAfter[i], 'ties holding, by hand');
  });
});

t.test('the kept history is not empty: the checks above compare real content', async (t) => {
  const history = JSON.parse((await bodies(keeper))[0]);
  // di is erased and ed withdrawn: ana, bo, cy and fay remain. Their ties: t1 (ana–bo, day 3) is
  // ended by x1 at the same instant (a spell of no length: none), t2 (bo–cy) is retracted; t7
  // (fay–ana, day 2) and t8 (bo–fay, day 1) hold.
  type Seen = { id: string; name: string; joinedAt: string };
  const residents = new Map<string, Seen>(history.residents.map((r: Seen) => [r.id, r]));
  t.same([...residents.keys()].sort(), ['ana', 'bo', 'cy', 'fay']);
  t.equal(residents.get('bo')?.name, 'Bo B.', 'the rename');
  t.equal(residents.get('fay')?.joinedAt, day(1), 'fay joined with her earliest event');
  t.equal(history.ties.length, 2, 't7 and t8');
  t.equal(history.memberships.length, 1, "cy's choir membership");
  t.same(history.memberships[0].spells, [{ from: day(11), to: day(22) }]);
  const timeline = JSON.parse((await bodies(keeper))[1]);
  // the span counts every event left, hidden residents' included: t8 (day 1) to t6 (day 25)
  t.equal(timeline.points.length, 25, 'one point per day from day 1 to day 25');
});
