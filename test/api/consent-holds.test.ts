// Consent holds against the people who write: to a coordinator a withdrawn resident is not there,
// whatever the verb, and answers exactly as an id that never existed; events and sheet rows naming
// them are refused alike; only an admin may bring them back; the audit log names the resident of a
// change by a keyed hash and the fields by name. Wren withdrew; "nobody" never existed.
import t from 'tap';
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';
import { csv, multipart } from '../helpers/upload.ts';

const HASH_SECRET = 'a-hash-secret-for-the-consent-holds-tests-only';
const p = uniqueProject('consent-holds');
const api = `/api/v1/projects/${p}`;
const AT = '2025-03-01T00:00:00Z';

let app: FastifyInstance;
let coordinator: TestKey;

t.before(async () => {
  app = await buildApp(testConfig({ PEOPLEMAP_HASH_SECRET: HASH_SECRET }));
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'ada', name: 'Ada Alder', consent: 'given', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'wren', name: 'Wren Willow', consent: 'withdrawn', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'fay', name: 'Fay Fir', consent: 'given', joinedAt: '2025-01-01T00:00:00Z' },
    ],
  });
  await postOk(app, `${api}/groups`, { id: 'choir', name: 'Choir', kind: 'activity' });
  coordinator = await issueKey(app, 'coordinator', [p]);
});
t.teardown(() => app?.close());

const as = (key: TestKey, method: 'GET' | 'PATCH' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: key.headers, payload });

/** An answer with the resident's id written as X, to compare two answers but for the id. */
const shape = (response: { statusCode: number; body: string }, id: string) => ({
  status: response.statusCode,
  body: response.body.replaceAll(id, 'X'),
});

t.test(
  'a withdrawn resident answers a coordinator on every verb as an id that never existed',
  async (t) => {
    const calls: [string, 'GET' | 'PATCH', (id: string) => string, object?][] = [
      ['GET', 'GET', (id) => `${api}/residents/${id}`],
      ['PATCH {}', 'PATCH', (id) => `${api}/residents/${id}`, {}],
      ['PATCH consent', 'PATCH', (id) => `${api}/residents/${id}`, { consent: 'given' }],
      ['ego', 'GET', (id) => `${api}/residents/${id}/ego?at=${AT}`],
      ['event log', 'GET', (id) => `${api}/events?resident=${id}`],
    ];
    for (const [label, method, url, payload] of calls) {
      const withdrawn = await as(coordinator, method, url('wren'), payload);
      const never = await as(coordinator, method, url('nobody'), payload);
      t.equal(withdrawn.statusCode, 404, label);
      t.same(shape(withdrawn, 'wren'), shape(never, 'nobody'), label);
    }
  },
);

t.test("a coordinator's PATCH leaves the withdrawn resident as they were", async (t) => {
  const wren = (await app.inject({ url: `${api}/residents/wren`, headers: auth })).json();
  t.same([wren.name, wren.consent], ['Wren Willow', 'withdrawn']);
});

t.test('events naming a withdrawn resident are refused as naming no one', async (t) => {
  const event = (id: string, resident: string) => ({
    id,
    type: 'attendance',
    at: AT,
    resident,
    group: 'choir',
  });
  for (const key of [coordinator, { id: 'admin', role: 'admin' as const, headers: auth }]) {
    const withdrawn = await as(key, 'POST', `${api}/events`, { events: [event('e1', 'wren')] });
    const never = await as(key, 'POST', `${api}/events`, { events: [event('e1', 'nobody')] });
    t.equal(withdrawn.statusCode, 400, key.role);
    t.same(withdrawn.json().details, [
      { path: 'events.0.resident', message: 'unknown resident "wren"' },
    ]);
    t.same(shape(withdrawn, 'wren'), shape(never, 'nobody'), key.role);
  }
  const log = (await app.inject({ url: `${api}/events`, headers: auth })).json();
  t.same(log.events, [], 'nothing written');
});

t.test('sheet rows naming a withdrawn resident are refused as naming no one', async (t) => {
  const upload = async (name: string) => {
    const { payload, headers } = multipart([
      csv('ties.csv', ['from,to,at', `Ada Alder,${name},2025-03-01`]),
    ]);
    return app.inject({
      method: 'POST',
      url: `${api}/import?dryRun=true`,
      headers: { ...coordinator.headers, ...headers },
      payload,
    });
  };
  const withdrawn = await upload('Wren Willow');
  const never = await upload('Nobody Atall');
  t.same(
    withdrawn.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]),
    [[2, 'to']],
  );
  t.same(shape(withdrawn, 'Wren Willow'), shape(never, 'Nobody Atall'));
});

t.test('only an admin may change consent away from withdrawn', async (t) => {
  const back = await app.inject({
    method: 'PATCH',
    url: `${api}/residents/wren`,
    headers: auth,
    payload: { consent: 'given' },
  });
  t.same([back.statusCode, back.json().consent], [200, 'given']);
  t.equal((await as(coordinator, 'GET', `${api}/residents/wren`)).statusCode, 200);
  const away = await as(coordinator, 'PATCH', `${api}/residents/wren`, { consent: 'withdrawn' });
  t.same([away.statusCode, away.json().consent], [200, 'withdrawn'], 'a coordinator may withdraw');
  t.equal((await as(coordinator, 'GET', `${api}/residents/wren`)).statusCode, 404);
});

/** docs/access.md: HMAC-SHA256 keyed by the hash secret, of the JSON of label, project and id. */
const residentHash = (id: string) =>
  createHmac('sha256', HASH_SECRET)
    .update(JSON.stringify(['audit resident', p, id]))
    .digest('hex');

t.test(
  "a change's audit entry names the resident by a keyed hash and the fields by name only",
  async (t) => {
    const patch = await as(coordinator, 'PATCH', `${api}/residents/fay`, {
      participant: true,
      name: 'Fay Firethorn',
    });
    t.equal(patch.statusCode, 200);
    const { entries } = (
      await app.inject({ url: `/api/v1/audit?project=${p}&resident=fay`, headers: auth })
    ).json();
    t.same(
      entries.map((e: { action: string; resident: string; fields: string[]; status: number }) => [
        e.action,
        e.resident,
        e.fields,
        e.status,
      ]),
      [
        [
          'PATCH /api/v1/projects/:p/residents/:id',
          residentHash('fay'),
          ['name', 'participant'],
          200,
        ],
      ],
    );
    const text = JSON.stringify(entries);
    t.notOk(text.includes('Firethorn') || text.includes('"fay"'), 'no value and no id');
  },
);

t.test('the audit log finds every change about one resident, refused ones too', async (t) => {
  const { entries } = (
    await app.inject({ url: `/api/v1/audit?project=${p}&resident=wren`, headers: auth })
  ).json();
  // the coordinator's PATCH {} and PATCH consent (404), the admin's consent back (200), the
  // coordinator's withdrawal (200)
  t.same(
    entries.map((e: { role: string; status: number; fields: string[] }) => [
      e.role,
      e.status,
      e.fields,
    ]),
    [
      ['coordinator', 404, []],
      ['coordinator', 404, ['consent']],
      ['admin', 200, ['consent']],
      ['coordinator', 200, ['consent']],
    ],
  );
  t.ok(entries.every((e: { resident: string }) => e.resident === residentHash('wren')));
});

t.test(
  'a resident named without a project in the audit query is a 400 naming project',
  async (t) => {
    const response = await app.inject({ url: '/api/v1/audit?resident=wren', headers: auth });
    t.equal(response.statusCode, 400);
    t.same(
      response.json().details.map((d: { path: string }) => d.path),
      ['project'],
    );
  },
);
