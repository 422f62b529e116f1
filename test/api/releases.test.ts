// Releases through the API: who publishes and who reads, the moments moved to the ends of their
// intervals, a frozen body served byte for byte by every replica, the audit, bad requests, and
// differencing between two releases of one project. The programme: test/helpers/release-programme.ts.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { measure, releaseProgramme } from '../helpers/release-programme.ts';
import { auth, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('releases');
const api = `/api/v1/projects/${p}`;
const WINTER_TO_MAY = {
  name: 'Winter to May',
  baseline: '2025-01-15T09:30:00Z',
  followup: '2025-05-21T00:00:00Z',
  interval: 'month',
};

let app: FastifyInstance;
const keys = {} as Record<'evaluator' | 'coordinator' | 'partner' | 'network' | 'other', TestKey>;

t.before(async () => {
  app = await buildApp(testConfig());
  await releaseProgramme(app, p);
  const other = uniqueProject('releases-other');
  await postOk(app, '/api/v1/projects', { id: other, name: other });
  keys.evaluator = await issueKey(app, 'evaluator', [p]);
  keys.coordinator = await issueKey(app, 'coordinator', [p]);
  keys.partner = await issueKey(app, 'partner', [p]);
  keys.network = await issueKey(app, 'partner', [p], { network: true });
  keys.other = await issueKey(app, 'partner', [other]);
});
t.teardown(() => app?.close());

const publish = (payload: object, headers: Record<string, string> = keys.evaluator.headers) =>
  app.inject({ method: 'POST', url: `${api}/releases`, headers, payload });

async function published(payload: object = WINTER_TO_MAY) {
  const response = await publish(payload);
  if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  return { body: response.json(), text: response.body };
}

t.test(
  'an evaluator publishes and every key of the project reads, partners included',
  async (t) => {
    const { body, text } = await published();
    t.match(body.id, /^rel_/);
    for (const key of [keys.partner, keys.network, keys.coordinator, keys.evaluator]) {
      const read = await app.inject({ url: `${api}/releases/${body.id}`, headers: key.headers });
      t.equal(read.statusCode, 200, key.role);
      t.equal(read.body, text, 'the bytes published');
      t.equal(read.headers['content-type'], 'application/json; charset=utf-8');
    }
    const list = await app.inject({ url: `${api}/releases`, headers: keys.partner.headers });
    const mine = list.json().releases.find((r: { id: string }) => r.id === body.id);
    t.same(mine, {
      id: body.id,
      name: 'Winter to May',
      baseline: '2025-01-31T23:59:59.999Z',
      followup: '2025-05-31T23:59:59.999Z',
      interval: 'month',
      publishedAt: body.publishedAt,
    });
  },
);

t.test('an admin may publish; a coordinator or a partner may not', async (t) => {
  t.equal((await publish(WINTER_TO_MAY, auth)).statusCode, 201);
  for (const key of [keys.coordinator, keys.partner, keys.network]) {
    const response = await publish(WINTER_TO_MAY, key.headers);
    t.equal(response.statusCode, 403, key.role);
  }
});

t.test("another project's partner reads none of this project's releases", async (t) => {
  const { body } = await published();
  for (const url of [`${api}/releases`, `${api}/releases/${body.id}`]) {
    t.equal((await app.inject({ url, headers: keys.other.headers })).statusCode, 403, url);
  }
});

t.test(
  'the moments move to the end of their month, with a timeline point at each month end',
  async (t) => {
    const { body } = await published();
    t.same(
      [body.baseline, body.followup],
      ['2025-01-31T23:59:59.999Z', '2025-05-31T23:59:59.999Z'],
    );
    t.same(
      body.scopes.map((s: { community: string | null; name: string }) => [s.community, s.name]),
      [
        [null, 'Every community'],
        ['north', 'North'],
        ['south', 'South'],
      ],
    );
    const all = body.scopes[0];
    t.same(
      all.timeline.map((point: { at: string }) => point.at.slice(0, 10)),
      ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31'],
    );
    // 18 residents; no ties in January, then two chains (9 + 7 ties) and one tie across: 17
    t.same(
      all.timeline.map((point: { edgeCount: { value: number } }) => point.edgeCount.value),
      [0, 17, 17, 17, 17],
    );
    t.same(all.metrics.followup.graph.nodeCount, { value: 18 });
    t.equal(all.metrics.followup.at, '2025-05-31T23:59:59.999Z');
  },
);

t.test('quarters move the moments to the ends of March and June', async (t) => {
  const { body } = await published({ ...WINTER_TO_MAY, interval: 'quarter' });
  t.same([body.baseline, body.followup], ['2025-03-31T23:59:59.999Z', '2025-06-30T23:59:59.999Z']);
  t.same(
    body.scopes[0].timeline.map((point: { at: string }) => point.at.slice(0, 10)),
    ['2025-03-31', '2025-06-30'],
  );
});

t.test(
  'every number is a released number, rounded, and the report is the report route’s',
  async (t) => {
    const { body } = await published();
    const report = await app.inject({
      url: `${api}/report?baseline=2025-01-31T23:59:59.999Z&followup=2025-05-31T23:59:59.999Z`,
      headers: keys.evaluator.headers,
    });
    const exact = report.json().wellbeing.followup.WEMWBS.participants;
    // participants n1–n5 (44…48: 230) and s1–s4 (44…47: 182): 412 / 9 = 45.777…
    t.same(exact, { n: 9, mean: 412 / 9 });
    t.same(body.scopes[0].report.wellbeing.followup.WEMWBS.participants, {
      n: { value: 9 },
      mean: { value: 45.8 },
    });
    t.same(body.disclosure, {
      minCount: 5,
      meanDecimals: 1,
      shareDecimals: 2,
      withheld: body.disclosure.withheld,
      networkGrant: true, // keys.network: checked against what it reads too
    });
    t.equal(body.disclosure.withheld.unclassified, 0, 'every number of the report has a rule');
  },
);

t.test(
  'a release is frozen: later writes change nothing, and another replica serves the same bytes',
  async (t) => {
    const { body, text } = await published();
    await postOk(app, `${api}/events`, measure('late-n1', 'n1', '2025-05-02T00:00:00Z', 70));
    const again = await app.inject({ url: `${api}/releases/${body.id}`, headers: auth });
    t.equal(again.body, text);
    const replica = await buildApp(testConfig());
    t.teardown(() => replica.close());
    const there = await replica.inject({ url: `${api}/releases/${body.id}`, headers: auth });
    t.equal(there.body, text);
  },
);

t.test('publishing and reading a release leave audit entries naming it', async (t) => {
  const { body } = await published();
  await app.inject({ url: `${api}/releases/${body.id}`, headers: keys.partner.headers });
  const audit = await app.inject({ url: `/api/v1/audit?project=${p}&limit=10000`, headers: auth });
  const entries = audit
    .json()
    .entries.filter((e: { detail: { release?: string } | null }) => e.detail?.release === body.id);
  t.same(
    entries.map((e: { action: string; role: string; status: number }) => [
      e.action,
      e.role,
      e.status,
    ]),
    [
      ['POST /api/v1/projects/:p/releases', 'evaluator', 201],
      ['GET /api/v1/projects/:p/releases/:id', 'partner', 200],
    ],
  );
});

t.test('bad requests name the field, and an unknown release is a 404', async (t) => {
  const paths = async (payload: object) =>
    (await publish(payload)).json().details?.map((d: { path: string }) => d.path);
  t.same(await paths({ ...WINTER_TO_MAY, followup: '2024-12-01T00:00:00Z' }), ['followup']);
  t.same(await paths({ ...WINTER_TO_MAY, interval: 'week' }), ['interval']);
  t.same(await paths({ ...WINTER_TO_MAY, baseline: '1990-01-01T00:00:00Z' }), ['interval']);
  t.same(await paths({ ...WINTER_TO_MAY, name: '' }), ['name']);
  const unknown = await app.inject({ url: `${api}/releases/rel_nothing`, headers: auth });
  t.equal(unknown.statusCode, 404);
});

t.test('a release names no resident', async (t) => {
  const { text } = await published();
  t.notMatch(text, /Resident [ns]\d|"[ns]\d+"/);
});
