// The store's network reads leave out the residents they are asked to hide, with every tie,
// membership, measure and log entry naming them (the access rules choose whom to hide).
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

let app: FastifyInstance;
let p = '';
const AT = Date.parse('2025-03-10T12:00:00Z');

// a, b, c joined early; ties a–b and b–c; a and c in group g; a measure each for a and c.
t.before(async () => {
  app = await buildApp(testConfig());
  p = uniqueProject('hidden');
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: ['a', 'b', 'c'].map((id) => ({ id, name: id, joinedAt: '2025-01-01T00:00:00Z' })),
  });
  await postOk(app, `${api}/groups`, { id: 'g', name: 'G', kind: 'association' });
  const at = '2025-03-01T00:00:00Z';
  await postOk(app, `${api}/events`, {
    events: [
      { id: 'e1', type: 'connection', at, from: 'a', to: 'b' },
      { id: 'e2', type: 'connection', at, from: 'b', to: 'c' },
      { id: 'e3', type: 'membership', at, resident: 'a', group: 'g' },
      { id: 'e4', type: 'membership', at, resident: 'c', group: 'g' },
      { id: 'e5', type: 'measure', at, resident: 'a', instrument: 'WEMWBS', score: 50 },
      { id: 'e6', type: 'measure', at, resident: 'c', instrument: 'WEMWBS', score: 40 },
    ],
  });
});
t.teardown(() => app.close());

const hidden = ['a'];

t.test('the network at a moment leaves out a hidden resident and their ties', async (t) => {
  const { records, segments } = await app.store.network.moment(p, AT, { hidden });
  t.same(records.map((r) => r.id).sort(), ['b', 'c']);
  t.same(
    segments.map((s) => s.key),
    ['b|c'],
  );
});

t.test(
  'the GDS projection takes only the residents present, without the ties of others',
  async (t) => {
    const run = await app.store.gds.metricsAt(
      { projectId: p, atMs: AT, present: ['b', 'c'] },
      { betweenness: true },
      new AbortController().signal,
    );
    t.same(Object.keys(run.nodes).sort(), ['b', 'c']);
    t.equal(run.edgeCount, 1, 'b–c only');
  },
);

t.test('the group layer leaves out their memberships', async (t) => {
  const { memberships } = await app.store.network.groupLayerAt(p, AT, { hidden });
  t.same(
    memberships.map((m) => m.resident),
    ['c'],
  );
});

t.test(
  'the replay input and the history leave them out, and are not served from the cache of the full view',
  async (t) => {
    t.equal(
      (await app.store.network.replayInput(p, { hidden: [] })).ties.length,
      2,
      'the full view first',
    );
    const input = await app.store.network.replayInput(p, { hidden });
    t.same(input.records.map((r) => r.id).sort(), ['b', 'c']);
    t.same(
      input.ties.map((e) => e.id),
      ['e2'],
    );
    const history = await app.store.network.history(p, { hidden });
    t.same(
      history.memberships.map((m) => m.resident),
      ['c'],
    );
  },
);

t.test('measures and the event log leave them out', async (t) => {
  t.same(
    (await app.store.network.measures(p, { hidden })).map((m) => m.resident),
    ['c'],
  );
  const page = await app.store.events.page(
    p,
    {
      fromMs: -Number.MAX_SAFE_INTEGER,
      toMs: Number.MAX_SAFE_INTEGER,
      types: null,
      residentId: null,
      after: null,
      limit: 100,
    },
    { hidden },
  );
  t.same(
    page.events.map((e) => e.id),
    ['e2', 'e4', 'e6'],
  );
});

t.test('a store read not told whom to hide refuses to read, and does not compile', async (t) => {
  // Each call below leaves out `hidden`: tsc --noEmit fails if one of them type-checks again
  // (an optional or defaulted `hidden`), and at run time each is refused rather than read whole.
  const query = {
    fromMs: 0,
    toMs: Number.MAX_SAFE_INTEGER,
    types: null,
    residentId: null,
    after: null,
    limit: 10,
  };
  const reads: (() => Promise<unknown>)[] = [
    // @ts-expect-error hidden is required
    () => app.store.network.moment(p, AT, {}),
    // @ts-expect-error hidden is required
    () => app.store.network.groupLayerAt(p, AT, {}),
    // @ts-expect-error hidden is required
    () => app.store.network.replayInput(p, {}),
    // @ts-expect-error hidden is required
    () => app.store.network.groupLayer(p, {}),
    // @ts-expect-error hidden is required
    () => app.store.network.measures(p, {}),
    // @ts-expect-error hidden is required
    () => app.store.network.history(p, {}),
    // @ts-expect-error hidden is required
    () => app.store.outcomes.attendances(p),
    // @ts-expect-error hidden is required
    () => app.store.outcomes.waves(p),
    // @ts-expect-error hidden is required
    () => app.store.events.page(p, query, {}),
  ];
  for (const read of reads)
    await t.rejects(read(), { message: /must be given the residents to hide/ }, String(read));
});
