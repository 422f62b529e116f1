// Bad input is refused with 400 naming the field (`details[].path`) and nothing is written; batches
// are all-or-nothing; re-sending events is a no-op; conflicts and unknown projects have their codes.
import t, { type Test } from 'tap';
import type { InjectOptions } from 'fastify';
import {
  auth,
  countProject,
  postOk,
  projectWith,
  testApp,
  uniqueProject,
} from '../helpers/server.ts';

const app = await testApp(t);
/** The project every refusal is tried on: residents a, b, c; an association and an activity. */
let p: string;

const api = (project: string) => `/api/v1/projects/${project}`;
const AT = '2025-02-01T10:00:00Z';

const send = (url: string, payload: unknown) => postOk(app, url, payload);

async function freshProject(name: string): Promise<string> {
  const { p: id } = await projectWith(app, name, {
    residents: ['a', 'b', 'c'].map((r) => ({ id: r, name: r.toUpperCase(), joinedAt: AT })),
    groups: [
      { id: 'assoc', name: 'Residents association', kind: 'association' },
      { id: 'cooking', name: 'Cooking class', kind: 'activity' },
    ],
  });
  await send(`${api(id)}/instruments`, {
    id: 'mood',
    name: 'Mood today',
    min: 0,
    max: 10,
    higherIsBetter: true,
  });
  return id;
}

t.before(async () => {
  p = await freshProject('bad');
});

/** Sends the request and checks it is a 400 naming exactly `paths`, with nothing written. */
async function refused(t: Test, request: InjectOptions, paths: string[]): Promise<void> {
  const before = await countProject(app, p);
  const response = await app.inject({ headers: auth, ...request });
  t.equal(response.statusCode, 400, response.body.slice(0, 300));
  const body = response.json() as { error: string; details?: { path: string; message: string }[] };
  t.equal(body.error, 'bad_request');
  t.same((body.details ?? []).map((d) => d.path).sort(), [...paths].sort());
  t.same(await countProject(app, p), before, 'nothing written');
}

const events = (payload: unknown): InjectOptions => ({
  method: 'POST',
  url: `${api(p)}/events`,
  payload: payload as object,
});
const residents = (payload: unknown): InjectOptions => ({
  method: 'POST',
  url: `${api(p)}/residents`,
  payload: payload as object,
});
const tie = (id: string, from: string, to: string, extra: object = {}) => ({
  id,
  type: 'connection',
  at: AT,
  from,
  to,
  ...extra,
});

t.test('a body that is not JSON is refused naming the body', async (t) => {
  await refused(
    t,
    {
      ...events(undefined),
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"id": "e1", "type": "connection",',
    },
    ['body'],
  );
});

t.test('a strength sent as a string is refused naming that field', async (t) => {
  await refused(
    t,
    events({ events: [tie('e1', 'a', 'b'), tie('e2', 'b', 'c', { strength: '3' })] }),
    ['events.1.strength'],
  );
});

t.test('a participant flag sent as a string is refused naming that field', async (t) => {
  await refused(t, residents({ id: 'd', name: 'D', participant: 'yes' }), ['participant']);
});

t.test('a connection without its `to` is refused naming that field', async (t) => {
  const { to: _to, ...noTo } = tie('e1', 'a', 'b');
  await refused(t, events({ events: [noTo] }), ['events.0.to']);
});

t.test('a resident without a name is refused naming that field', async (t) => {
  await refused(t, residents({ id: 'd' }), ['name']);
});

t.test('an unknown resident in event 2 of 3 refuses the whole batch', async (t) => {
  // events 1 and 3 are valid; neither is written
  await refused(
    t,
    events({ events: [tie('e1', 'a', 'b'), tie('e2', 'a', 'nobody'), tie('e3', 'b', 'c')] }),
    ['events.1.to'],
  );
});

t.test('an unknown group is refused naming the group field', async (t) => {
  await refused(
    t,
    events({ events: [{ id: 'm1', type: 'membership', at: AT, resident: 'a', group: 'choir' }] }),
    ['events.0.group'],
  );
});

t.test('attendance at a group that is not an activity is refused naming the group', async (t) => {
  await refused(
    t,
    events({
      events: [
        { id: 'x1', type: 'attendance', at: AT, resident: 'a', group: 'cooking' },
        { id: 'x2', type: 'attendance', at: AT, resident: 'b', group: 'assoc' },
      ],
    }),
    ['events.1.group'],
  );
});

t.test('a return without its resident is refused naming `resident`', async (t) => {
  await refused(t, events({ events: [{ id: 'l1', type: 'return', at: AT }] }), [
    'events.0.resident',
  ]);
});

t.test('a leave or participation naming an unknown resident is refused naming it', async (t) => {
  await refused(
    t,
    events({
      events: [
        { id: 'l1', type: 'leave', at: AT, resident: 'nobody' },
        { id: 'l2', type: 'participation', at: AT, resident: 'nobody' },
      ],
    }),
    ['events.0.resident', 'events.1.resident'],
  );
});

t.test('a participation whose `until` is not a date after `at` is refused naming it', async (t) => {
  await refused(
    t,
    events({
      events: [
        { id: 'p1', type: 'participation', at: AT, resident: 'a', until: 'soon' },
        { id: 'p2', type: 'participation', at: AT, resident: 'b', until: '2025-01-01T00:00:00Z' },
      ],
    }),
    ['events.0.until', 'events.1.until'],
  );
});

t.test('a connection naming a resident who has left is refused naming the field', async (t) => {
  const q = await freshProject('bad-left');
  await send(`${api(q)}/events`, { id: 'l1', type: 'leave', at: AT, resident: 'c' });
  const response = await app.inject({
    method: 'POST',
    url: `${api(q)}/events`,
    headers: auth,
    payload: { events: [tie('e1', 'a', 'b'), tie('e2', 'c', 'a')] },
  });
  t.equal(response.statusCode, 400);
  t.same(
    (response.json() as { details: { path: string }[] }).details.map((d) => d.path),
    ['events.1.from'],
  );
});

t.test('a date-time without a zone is refused naming that field', async (t) => {
  await refused(t, events({ events: [tie('e1', 'a', 'b', { at: '2025-01-02T10:00:00' })] }), [
    'events.0.at',
  ]);
});

t.test('a date that is not a date is refused naming that field', async (t) => {
  await refused(t, events(tie('e1', 'a', 'b', { at: 'next tuesday' })), ['at']);
});

t.test('a bad `at` query on /graph is refused naming `at`', async (t) => {
  await refused(t, { method: 'GET', url: `${api(p)}/graph?at=2025-13-45` }, ['at']);
});

t.test('a batch of 50,001 events is refused naming `events`', async (t) => {
  // each event is valid on its own; only the count is over the limit of 50,000
  const batch = Array.from({ length: 50_001 }, (_, i) => ({
    id: `m${i}`,
    type: 'measure',
    at: AT,
    resident: 'a',
    instrument: 'UCLA-3',
    score: 3,
  }));
  await refused(t, events({ events: batch }), ['events']);
});

t.test('an event id repeated within a batch is stored once', async (t) => {
  const own = await freshProject('bad-repeat');
  const response = await app.inject({
    method: 'POST',
    url: `${api(own)}/events`,
    headers: auth,
    // r1 twice (a–b first, then a–c under the same id) and r2: two events stored, one duplicate
    payload: { events: [tie('r1', 'a', 'b'), tie('r1', 'a', 'c'), tie('r2', 'b', 'c')] },
  });
  t.equal(response.statusCode, 201);
  t.same(response.json(), { received: 3, created: 2, duplicates: 1 });
  t.equal((await countProject(app, own)).events, 2);
  // the first r1 (a–b) is the one kept
  const graph = (
    await app.inject({ method: 'GET', url: `${api(own)}/graph?at=${AT}`, headers: auth })
  ).json() as { edges: { source: string; target: string }[] };
  t.same(graph.edges.map((e) => [e.source, e.target].sort().join('–')).sort(), ['a–b', 'b–c']);
});

t.test('re-sending a stored batch answers 200 with nothing created', async (t) => {
  const own = await freshProject('bad-resend');
  const batch = {
    events: [
      tie('s1', 'a', 'b'),
      { id: 's2', type: 'measure', at: AT, resident: 'c', instrument: 'UCLA-3', score: 3 },
    ],
  };
  await send(`${api(own)}/events`, batch);
  const before = await countProject(app, own);
  t.same(before, { residents: 3, groups: 2, events: 2 });
  const again = await app.inject({
    method: 'POST',
    url: `${api(own)}/events`,
    headers: auth,
    payload: batch,
  });
  t.equal(again.statusCode, 200);
  t.same(again.json(), { received: 2, created: 0, duplicates: 2 });
  t.same(await countProject(app, own), before);
});

t.test('events for an unknown project answer 404 and write nothing', async (t) => {
  const nobody = uniqueProject('bad-nobody');
  const response = await app.inject({
    method: 'POST',
    url: `${api(nobody)}/events`,
    headers: auth,
    payload: tie('e1', 'a', 'b'),
  });
  t.equal(response.statusCode, 404);
  t.equal(response.json().error, 'not_found');
  t.same(await countProject(app, nobody), { residents: 0, groups: 0, events: 0 });
});

t.test('a resident in an unknown community is refused naming `communityId`', async (t) => {
  await refused(t, residents({ id: 'd', name: 'D', communityId: 'atlantis' }), ['communityId']);
});

t.test('a resident with a taken id answers 409 and writes nothing', async (t) => {
  const before = await countProject(app, p);
  const response = await app.inject({
    ...residents({ id: 'a', name: 'Another A' }),
    headers: auth,
  });
  t.equal(response.statusCode, 409);
  const body = response.json() as { error: string; details: { path: string }[] };
  t.equal(body.error, 'conflict');
  t.same(
    body.details.map((d) => d.path),
    ['id'],
  );
  t.same(await countProject(app, p), before);
  const a = (
    await app.inject({ method: 'GET', url: `${api(p)}/residents/a`, headers: auth })
  ).json() as { name: string };
  t.equal(a.name, 'A');
});

t.test('a batch of residents with one taken id writes none of them', async (t) => {
  const before = await countProject(app, p);
  const response = await app.inject({
    ...residents({
      residents: [
        { id: 'd', name: 'D' },
        { id: 'b', name: 'Another B' },
      ],
    }),
    headers: auth,
  });
  t.equal(response.statusCode, 409);
  t.same(
    (response.json() as { details: { path: string }[] }).details.map((d) => d.path),
    ['residents.1.id'],
  );
  t.same(await countProject(app, p), before);
});

t.test('an unknown field is refused naming that field', async (t) => {
  // PATCH bodies are strict: a misspelt `name` must be named, not reported as `body`
  await refused(t, { method: 'PATCH', url: `${api(p)}/residents/a`, payload: { nme: 'Ann' } }, [
    'nme',
  ]);
});

t.test('a batch of communities naming one id twice answers 409 and writes nothing', async (t) => {
  const own = await freshProject('bad-comm-twice');
  const response = await app.inject({
    method: 'POST',
    url: `${api(own)}/communities`,
    headers: auth,
    payload: {
      communities: [
        { id: 'north', name: 'North' },
        { id: 'north', name: 'North again' },
      ],
    },
  });
  t.equal(response.statusCode, 409, response.body);
  t.same(
    (response.json() as { details?: { path: string }[] }).details?.map((d) => d.path),
    ['communities.1.id'],
  );
  const listed = await app.inject({ method: 'GET', url: `${api(own)}/communities`, headers: auth });
  t.same(listed.json(), { communities: [] });
});

t.test('a single community with a taken id is refused naming `id`', async (t) => {
  const own = await freshProject('bad-comm-taken');
  await send(`${api(own)}/communities`, { id: 'north', name: 'North' });
  const response = await app.inject({
    method: 'POST',
    url: `${api(own)}/communities`,
    headers: auth,
    payload: { id: 'north', name: 'North again' },
  });
  t.equal(response.statusCode, 409);
  // the body was one community, so the path is that of its field, as for residents and groups
  t.same(
    (response.json() as { details: { path: string }[] }).details.map((d) => d.path),
    ['id'],
  );
});

t.test(
  'the same resident sent by concurrent requests is created once and the rest answer 409',
  async (t) => {
    const own = await freshProject('bad-race-resident');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: `${api(own)}/residents`,
          headers: auth,
          payload: { id: 'dana', name: `Dana ${i}` },
        }),
      ),
    );
    t.same(
      responses.map((r) => r.statusCode).sort(),
      [201, 409, 409, 409, 409, 409, 409, 409],
      responses.map((r) => r.body).join('\n'),
    );
    // a, b, c and dana
    t.equal((await countProject(app, own)).residents, 4);
  },
);

t.test(
  'the same batch sent by concurrent requests is stored once and no request fails',
  async (t) => {
    // a client retrying a slow request must get the no-op the API promises, not a 500
    const own = await freshProject('bad-race-events');
    const batch = {
      events: Array.from({ length: 1000 }, (_, i) => tie(`c${i}`, i % 2 ? 'a' : 'b', 'c')),
    };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({ method: 'POST', url: `${api(own)}/events`, headers: auth, payload: batch }),
      ),
    );
    t.same(
      responses.map((r) => r.statusCode).sort(),
      [200, 200, 200, 200, 201],
      responses.map((r) => r.body).join('\n'),
    );
    t.equal((await countProject(app, own)).events, 1000);
  },
);

t.test(
  'an `at` whose offset Neo4j cannot store (beyond ±18:00) is refused naming it',
  async (t) => {
    // ISO 8601 allows offsets up to ±23:59; Neo4j stores at most ±18:00
    await refused(
      t,
      events({ events: [tie('e1', 'a', 'b', { at: '9999-12-31T23:59:59-23:59' })] }),
      ['events.0.at'],
    );
  },
);

t.test('an offset of +18:30 in a query is refused naming the field', async (t) => {
  await refused(t, { method: 'GET', url: `${api(p)}/graph?at=2025-01-01T00:00:00%2B18:30` }, [
    'at',
  ]);
});

t.test('a date after 2200-01-01 UTC once its offset is applied is refused naming it', async (t) => {
  // 23:30 at -01:00 on 31 December 2199 is 00:30 UTC on 1 January 2200
  await refused(t, events(tie('e1', 'a', 'b', { at: '2199-12-31T23:30:00-01:00' })), ['at']);
});

t.test('a joinedAt before 1900-01-01 UTC is refused naming it', async (t) => {
  await refused(t, residents({ id: 'd', name: 'D', joinedAt: '1899-12-31T23:59:59Z' }), [
    'joinedAt',
  ]);
});

t.test('the first and last instants of the range are accepted', async (t) => {
  for (const at of ['1900-01-01T00:00:00Z', '2200-01-01T00:00:00Z', '2200-01-01T01:00:00+01:00']) {
    const response = await app.inject({
      url: `${api(p)}/graph?at=${encodeURIComponent(at)}`,
      headers: auth,
    });
    t.equal(response.statusCode, 200, `${at}: ${response.body.slice(0, 200)}`);
  }
});

t.test('a control character in a resident name is refused naming that field', async (t) => {
  await refused(t, residents({ id: 'd', name: 'D\u0001' }), ['name']);
});

t.test('a control character in an attribute value is refused naming that attribute', async (t) => {
  await refused(t, residents({ id: 'd', name: 'D', attributes: { note: 'bell\u0007' } }), [
    'attributes.note',
  ]);
});

t.test('a control character in an attribute name is refused naming the attributes', async (t) => {
  await refused(t, residents({ id: 'd', name: 'D', attributes: { 'no\u001bte': 'x' } }), [
    'attributes.no\u001bte',
  ]);
});

t.test('a control character in an event field is refused naming that field', async (t) => {
  await refused(
    t,
    events({
      events: [
        tie('e1', 'a', 'b'),
        { id: 'm1', type: 'measure', at: AT, resident: 'a', instrument: 'ucla\u007f', score: 1 },
      ],
    }),
    ['events.1.instrument'],
  );
});

t.test('a C1 control character in a group name is refused naming that field', async (t) => {
  await refused(
    t,
    {
      method: 'POST',
      url: `${api(p)}/groups`,
      payload: { id: 'g', name: 'G\u0085', kind: 'space' },
    },
    ['name'],
  );
});

t.test('tab, line feed and carriage return are accepted in text', async (t) => {
  const own = await freshProject('bad-whitespace');
  const response = await app.inject({
    method: 'POST',
    url: `${api(own)}/residents`,
    headers: auth,
    payload: { id: 'd', name: 'D\tE', attributes: { note: 'line one\r\nline two\n' } },
  });
  t.equal(response.statusCode, 201, response.body);
});

const measure = (id: string, instrument: string, score: number) => ({
  id,
  type: 'measure',
  at: AT,
  resident: 'a',
  instrument,
  score,
});

t.test('a score of 1e308 is refused naming `score`', async (t) => {
  // two such scores overflowed the report's mean to Infinity (a 500)
  await refused(t, events({ events: [measure('m1', 'mood', 1e308)] }), ['events.0.score']);
});

t.test('a score outside its instrument’s range is refused naming `score`', async (t) => {
  // names match case-insensitively, ignoring spaces, hyphens and underscores
  await refused(
    t,
    events({
      events: [
        measure('m1', 'WEMWBS', 13),
        measure('m2', 'wemwbs', 71),
        measure('m3', 'SWEMWBS', 6.9),
        measure('m4', 'swemwbs', 35.1),
        measure('m5', 'UCLA-3', 2),
        measure('m6', 'ucla 3', 10),
        measure('m7', 'BRS', 0.5),
        measure('m8', 'brs', 5.01),
        measure('m9', 'mood', 10.5),
        measure('m10', 'WEMWBS', 50),
      ],
    }),
    Array.from({ length: 9 }, (_, i) => `events.${i}.score`),
  );
});

t.test(
  'a measure naming no instrument of the project is refused naming `instrument`',
  async (t) => {
    // "wellbeing" is no built-in and the project has only "mood" of its own
    const response = await app.inject({
      headers: auth,
      ...events({ events: [measure('m1', 'wellbeing', 50), measure('m2', 'mood', 5)] }),
    });
    t.equal(response.statusCode, 400);
    t.same(response.json().details, [
      {
        path: 'events.0.instrument',
        message:
          'unknown instrument "wellbeing": use one of WEMWBS, SWEMWBS, UCLA-3, BRS, mood, or add it to the project\'s instruments first',
      },
    ]);
  },
);

t.test('scores at the ends of each instrument’s range are accepted', async (t) => {
  const own = await freshProject('bad-score-ends');
  const response = await app.inject({
    method: 'POST',
    url: `${api(own)}/events`,
    headers: auth,
    payload: {
      events: [
        measure('m1', 'WEMWBS', 14),
        measure('m2', 'WEMWBS', 70),
        measure('m3', 'SWEMWBS', 7),
        measure('m4', 'SWEMWBS', 35),
        measure('m5', 'UCLA3', 3),
        measure('m6', 'UCLA_3', 9),
        measure('m7', 'BRS', 1),
        measure('m8', 'BRS', 5),
        measure('m9', 'Mood', 0),
        measure('m10', 'MOOD', 10),
      ],
    },
  });
  t.equal(response.statusCode, 201, response.body);
});
