// A project's own instruments: listed beside the built-ins, written by admins and coordinators,
// each the one range its measures are held to (API, sheet import) and the direction the report gives.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { BUILT_IN_INSTRUMENTS, findInstrument } from '../../server/instruments.ts';
import { issueKey } from '../helpers/keys.ts';
import {
  auth,
  countProject,
  createProject,
  postOk,
  testConfig,
  uniqueProject,
} from '../helpers/server.ts';
import { csv, multipart } from '../helpers/upload.ts';

let app: FastifyInstance;
let p: string;
const api = (project: string) => `/api/v1/projects/${project}`;
const AT = '2025-02-01T10:00:00Z';

const temperature = {
  id: 'temperature',
  name: 'Community temperature',
  min: 1,
  max: 10,
  higherIsBetter: true,
  description: 'How warm the neighbourhood feels, 1 (cold) to 10 (warm).',
};
const measure = (id: string, instrument: string, score: number, at = AT) => ({
  id,
  type: 'measure',
  at,
  resident: 'a',
  instrument,
  score,
});

t.before(async () => {
  app = await buildApp(testConfig());
  p = uniqueProject('instruments');
  await createProject(app, p);
  await postOk(app, `${api(p)}/residents`, { id: 'a', name: 'A', joinedAt: AT });
  await postOk(app, `${api(p)}/instruments`, temperature);
});
t.teardown(() => app.close());

t.test('the list has the four built-ins, then the project’s own', async (t) => {
  const response = await app.inject({ url: `${api(p)}/instruments`, headers: auth });
  t.equal(response.statusCode, 200);
  const { instruments } = response.json();
  t.same(
    instruments.map((i: { id: string; builtIn: boolean }) => [i.id, i.builtIn]),
    [
      ['WEMWBS', true],
      ['SWEMWBS', true],
      ['UCLA-3', true],
      ['BRS', true],
      ['temperature', false],
    ],
  );
  t.same(instruments[4], { ...temperature, builtIn: false });
  t.same(
    instruments
      .slice(0, 4)
      .map((i: { min: number; max: number; higherIsBetter: boolean }) => [
        i.min,
        i.max,
        i.higherIsBetter,
      ]),
    [
      [14, 70, true],
      [7, 35, true],
      [3, 9, false],
      [1, 5, true],
    ],
    'the published ranges; a higher UCLA-3 score is lonelier',
  );
});

t.test('an id that is a built-in’s or a stored one’s, spelled another way, is a 409', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `${api(p)}/instruments`,
    headers: auth,
    payload: {
      instruments: [
        { ...temperature, id: 'ucla_3' },
        { ...temperature, id: 'Temperature' },
        { ...temperature, id: 'awareness' },
        { ...temperature, id: 'AWARENESS' },
      ],
    },
  });
  t.equal(response.statusCode, 409);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['instruments.0.id', 'instruments.1.id', 'instruments.3.id'],
  );
  t.match(response.json().details[0].message, /"ucla_3" is the same instrument as "UCLA-3"/);
  const listed = (await app.inject({ url: `${api(p)}/instruments`, headers: auth })).json();
  t.equal(listed.instruments.length, 5, 'nothing written');
});

t.test('a range whose max is not above its min is refused naming `max`', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `${api(p)}/instruments`,
    headers: auth,
    payload: { ...temperature, id: 'flat', min: 5, max: 5 },
  });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['max'],
  );
});

t.test('a coordinator may add an instrument; an evaluator may only list them', async (t) => {
  const coordinator = await issueKey(app, 'coordinator', [p]);
  const evaluator = await issueKey(app, 'evaluator', [p]);
  const awareness = {
    id: 'awareness',
    name: 'Awareness of mental health',
    min: 1,
    max: 5,
    higherIsBetter: true,
  };
  const byEvaluator = await app.inject({
    method: 'POST',
    url: `${api(p)}/instruments`,
    headers: evaluator.headers,
    payload: awareness,
  });
  t.equal(byEvaluator.statusCode, 403);
  const byCoordinator = await app.inject({
    method: 'POST',
    url: `${api(p)}/instruments`,
    headers: coordinator.headers,
    payload: awareness,
  });
  t.equal(byCoordinator.statusCode, 201);
  t.same(byCoordinator.json(), { created: 1 });
  const listed = await app.inject({ url: `${api(p)}/instruments`, headers: evaluator.headers });
  t.same(
    listed.json().instruments.map((i: { id: string }) => i.id),
    ['WEMWBS', 'SWEMWBS', 'UCLA-3', 'BRS', 'awareness', 'temperature'],
  );
  const audit = await app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth });
  t.ok(
    audit
      .json()
      .entries.some(
        (e: { action: string; keyId: string }) =>
          e.action === 'POST /api/v1/projects/:p/instruments' && e.keyId === coordinator.id,
      ),
    'the write is in the audit log',
  );
});

t.test('a measure of the project’s instrument is held to its range', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `${api(p)}/events`,
    headers: auth,
    payload: { events: [measure('m1', 'temperature', 11), measure('m2', 'temperature', 0.5)] },
  });
  t.equal(response.statusCode, 400);
  t.same(response.json().details, [
    { path: 'events.0.score', message: 'temperature scores run from 1 to 10' },
    { path: 'events.1.score', message: 'temperature scores run from 1 to 10' },
  ]);
});

t.test('a measure is stored under its instrument’s id, however it was spelled', async (t) => {
  await postOk(app, `${api(p)}/events`, {
    events: [measure('s1', 'ucla 3', 5), measure('s2', 'TEMPERATURE', 7)],
  });
  const log = await app.inject({ url: `${api(p)}/events?type=measure`, headers: auth });
  t.same(
    log.json().events.map((e: { id: string; instrument: string }) => [e.id, e.instrument]),
    [
      ['s1', 'UCLA-3'],
      ['s2', 'temperature'],
    ],
  );
});

t.test('the report names each instrument with its range and which way is better', async (t) => {
  const report = await app.inject({
    url: `${api(p)}/report?baseline=2025-01-01T00:00:00Z&followup=2025-03-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(report.statusCode, 200, report.body.slice(0, 300));
  // the range and direction are the published scale's; the sentence about it is the code's own
  const ucla3Words = findInstrument(BUILT_IN_INSTRUMENTS, 'UCLA-3')?.description;
  t.same(report.json().instruments, {
    'UCLA-3': {
      name: 'Three-item UCLA Loneliness Scale',
      min: 3,
      max: 9,
      higherIsBetter: false,
      description: ucla3Words,
    },
    temperature: {
      name: temperature.name,
      min: 1,
      max: 10,
      higherIsBetter: true,
      description: temperature.description,
    },
  });
  // a's one score of each at 1 February: the mean at follow-up is that score, n 1
  t.same(report.json().wellbeing.followup.temperature.others, { n: 1, mean: 7 });
});

t.test(
  'a sheet naming an unknown instrument or a score out of range is refused at its cell',
  async (t) => {
    const before = await countProject(app, p);
    const lines = [
      'resident,instrument,score,at',
      'a,temperature,10,2025-03-01',
      'a,Temperature,12,2025-03-02',
      'a,wellbeing,40,2025-03-03',
    ];
    const upload = multipart([csv('measures.csv', lines)]);
    const response = await app.inject({
      method: 'POST',
      url: `${api(p)}/import`,
      headers: { ...auth, ...upload.headers },
      payload: upload.payload,
    });
    t.equal(response.statusCode, 400, response.body.slice(0, 300));
    t.same(
      response
        .json()
        .errors.map((e: { row: number; column: string; message: string }) => [
          e.row,
          e.column,
          e.message,
        ]),
      [
        [3, 'score', 'temperature scores run from 1 to 10'],
        [
          4,
          'instrument',
          'unknown instrument "wellbeing": use one of WEMWBS, SWEMWBS, UCLA-3, BRS, awareness, temperature, or add it to the project\'s instruments first',
        ],
      ],
    );
    t.same(await countProject(app, p), before, 'nothing written');
  },
);
