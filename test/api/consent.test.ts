// Consent as a read rule, for every role: a withdrawn resident, and every tie, membership,
// attendance and measure naming them, leave every read (an admin still reads the record itself);
// a pending resident is seen by admins and coordinators only. Five residents, counted by hand.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import {
  auth,
  createProject,
  GARDEN_AND_CHOIR,
  postOk,
  testConfig,
  uniqueProject,
} from '../helpers/server.ts';
import { inGroup, measure, tie } from '../helpers/events.ts';
import { expectedPseudonym, issueKey, type Role, type TestKey } from '../helpers/keys.ts';

const SECRET = 'a-pseudonym-secret-for-the-consent-tests-only';
const p = uniqueProject('consent');
const later = uniqueProject('consent-later');
const api = `/api/v1/projects/${p}`;
const AT = '2025-03-01T00:00:00Z';
const ROLES: Role[] = ['admin', 'coordinator', 'evaluator', 'partner'];
const seesPending = (role: Role) => role === 'admin' || role === 'coordinator';

let app: FastifyInstance;
const keys = {} as Record<Role, TestKey>;

const TIED = '2025-02-01T00:00:00Z';
const SCORED = '2025-02-15T00:00:00Z';
const JOINED = '2025-01-05T00:00:00Z';

t.before(async () => {
  // consent, not k-anonymity, is under test here (test/api/partner-network.test.ts has that)
  app = await buildApp(testConfig({ PEOPLEMAP_PSEUDONYM_SECRET: SECRET, PRIVACY_CLASS_MIN: 1 }));
  await createProject(app, p);
  await createProject(app, later);
  const resident = (id: string, name: string, consent: string) => ({
    id,
    name,
    consent,
    participant: id === 'ada',
    joinedAt: '2025-01-01T00:00:00Z',
  });
  await postOk(app, `${api}/residents`, {
    residents: [
      resident('ada', 'Ada Alder', 'given'),
      resident('ben', 'Ben Birch', 'given'),
      resident('cal', 'Cal Cedar', 'given'),
      // withdraws once the events below are in: a withdrawn resident takes no new events
      resident('wren', 'Wren Willow', 'given'),
      resident('quin', 'Quin Quince', 'pending'),
    ],
  });
  await postOk(app, `${api}/groups`, { groups: GARDEN_AND_CHOIR });
  await postOk(app, `${api}/events`, {
    events: [
      inGroup('membership', 'm1', 'ada', 'garden', JOINED),
      inGroup('membership', 'm2', 'wren', 'garden', JOINED),
      inGroup('membership', 'm3', 'quin', 'garden', JOINED),
      inGroup('attendance', 'a1', 'wren', 'choir', JOINED),
      tie('t1', 'ada', 'ben', TIED),
      tie('t2', 'ben', 'cal', TIED),
      tie('t3', 'ada', 'wren', TIED),
      tie('t4', 'wren', 'cal', TIED),
      tie('t5', 'quin', 'ada', TIED),
      tie('t6', 'ben', 'quin', TIED),
      measure('s1', 'ada', SCORED, 50),
      measure('s2', 'wren', SCORED, 30),
      measure('s3', 'quin', SCORED, 40),
      measure('s4', 'ben', SCORED, 44),
    ],
  });
  const withdraw = await app.inject({
    method: 'PATCH',
    url: `${api}/residents/wren`,
    headers: auth,
    payload: { consent: 'withdrawn' },
  });
  if (withdraw.statusCode !== 200) throw new Error(`withdraw: ${withdraw.body}`);
  for (const role of ROLES)
    keys[role] = await issueKey(app, role, [p, later], { network: role === 'partner' });
});
t.teardown(() => app?.close());

/** The id a role knows a resident by: a partner's pseudonym, else the id itself. */
const seen = (role: Role, id: string) =>
  role === 'partner' ? expectedPseudonym(SECRET, keys.partner.id, p, id) : id;
const get = (role: Role, url: string) => app.inject({ url, headers: keys[role].headers });
const json = async (role: Role, url: string) => {
  const response = await get(role, url);
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};
const sorted = (ids: string[]) => [...ids].sort();
/** Who each role sees: Ada, Ben and Cal; Quin (pending) for admins and coordinators. */
const visible = (role: Role) =>
  sorted(['ada', 'ben', 'cal', ...(seesPending(role) ? ['quin'] : [])].map((id) => seen(role, id)));

for (const role of ROLES) {
  t.test(`the ${role}'s graph leaves out the withdrawn resident and their ties`, async (t) => {
    const graph = await json(role, `${api}/graph?at=${AT}&groups=true`);
    const residents = graph.nodes.filter(
      (n: { attributes: { layer?: string } }) => n.attributes.layer !== 'group',
    );
    t.same(sorted(residents.map((n: { key: string }) => n.key)), visible(role));
    // Ties Ada–Ben and Ben–Cal; with Quin also Quin–Ada and Ben–Quin. Wren's t3 and t4 are gone.
    const ties = graph.edges.filter(
      (e: { attributes: { layer?: string } }) => e.attributes.layer !== 'membership',
    );
    t.equal(ties.length, seesPending(role) ? 4 : 2);
    // Garden members: Ada, and Quin for those who see Quin; Wren's membership is gone.
    const memberships = graph.edges.length - ties.length;
    t.equal(memberships, seesPending(role) ? 2 : 1);
  });

  t.test(`the ${role}'s metrics and timeline count without the withdrawn resident`, async (t) => {
    const metrics = await json(role, `${api}/metrics?at=${AT}`);
    t.same(sorted(Object.keys(metrics.nodes)), visible(role));
    t.equal(metrics.graph.edgeCount, seesPending(role) ? 4 : 2);
    const gds = await json(role, `${api}/metrics?at=${AT}&engine=gds`);
    t.equal(gds.engine, 'gds');
    t.same(sorted(Object.keys(gds.nodes)), visible(role), 'GDS projects whom the role sees');
    t.equal(gds.graph.edgeCount, seesPending(role) ? 4 : 2);
    const timeline = await json(role, `${api}/timeline?interval=month`);
    const last = timeline.points.at(-1);
    t.same([last.nodeCount, last.edgeCount], seesPending(role) ? [4, 4] : [3, 2]);
  });

  t.test(`the ${role}'s history has no withdrawn resident, tie or membership`, async (t) => {
    const history = await json(role, `${api}/history`);
    t.same(sorted(history.residents.map((r: { id: string }) => r.id)), visible(role));
    t.equal(history.ties.length, seesPending(role) ? 4 : 2);
    const members = history.memberships.map((m: { resident: string }) => m.resident);
    t.same(
      sorted(members),
      sorted(['ada', ...(seesPending(role) ? ['quin'] : [])].map((id) => seen(role, id))),
    );
  });

  t.test(`the ${role} gets 404 for the withdrawn resident's ego network`, async (t) => {
    const response = await get(role, `${api}/residents/${seen(role, 'wren')}/ego?at=${AT}`);
    t.equal(response.statusCode, 404);
  });

  t.test(`the ${role}'s exports leave out the withdrawn resident`, async (t) => {
    const csv = await get(role, `${api}/export.csv?table=residents&at=${AT}`);
    const ids = csv.body
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    t.same(sorted(ids), visible(role));
    for (const format of ['gexf', 'graphml', 'csv']) {
      const body = (await get(role, `${api}/export.${format}?at=${AT}`)).body;
      t.notOk(body.includes(seen(role, 'wren')), `${format} has no trace of Wren`);
      t.notOk(body.includes('Wren Willow'), `${format} has not Wren's name`);
    }
  });

  t.test(`the ${role}'s event log has nothing that names the withdrawn resident`, async (t) => {
    if (role === 'partner') {
      // even with the network grant, a partner reads no event log
      t.equal((await get(role, `${api}/events`)).statusCode, 403);
      return;
    }
    const log = await json(role, `${api}/events`);
    // 14 events; Wren is named by m2, a1, t3, t4, s2 (9 left); Quin by m3, t5, t6, s3 (5 left).
    const expected = { admin: 9, coordinator: 9, evaluator: 5 }[role];
    t.equal(log.events.length, expected);
    t.notOk(JSON.stringify(log).includes(seen(role, 'wren')));
    const wren = await get(role, `${api}/events?resident=${seen(role, 'wren')}`);
    // the admin reads Wren's record, so their log is there and empty; to the others Wren is not
    if (role === 'admin') t.same(wren.json().events, []);
    else
      t.same(
        [wren.statusCode, wren.json().message],
        [404, `resident "${seen(role, 'wren')}" not found`],
      );
  });
}

t.test(
  "a coordinator's event log pages are full while more follow, hidden events skipped",
  async (t) => {
    // the coordinator sees 9 of the 14 events (hand count above): pages of 4, 4 and 1
    const sizes: number[] = [];
    const ids: string[] = [];
    let after = '';
    for (let page = 0; page < 5; page++) {
      const body = await json('coordinator', `${api}/events?limit=4${after}`);
      sizes.push(body.events.length);
      ids.push(...body.events.map((e: { id: string }) => e.id));
      if (body.next === null) break;
      after = `&after=${body.next}`;
    }
    t.same(sizes, [4, 4, 1]);
    t.equal(new Set(ids).size, 9);
    t.notOk(ids.some((id) => ['m2', 'a1', 't3', 't4', 's2'].includes(id)));
  },
);

t.test("the report's wellbeing leaves out the withdrawn resident's measure", async (t) => {
  const url = `${api}/report?baseline=2025-01-15T00:00:00Z&followup=${AT}`;
  // Participant Ada 50. Others: admin sees Ben 44 and Quin 40 (mean 42), Wren's 30 is gone.
  t.same((await json('admin', url)).wellbeing.followup.WEMWBS, {
    participants: { n: 1, mean: 50 },
    others: { n: 2, mean: 42 },
  });
  // The evaluator does not see Quin either: Ben's 44 alone.
  t.same((await json('evaluator', url)).wellbeing.followup.WEMWBS.others, { n: 1, mean: 44 });
});

t.test("an admin still reads the withdrawn resident's record", async (t) => {
  const one = await json('admin', `${api}/residents/wren`);
  t.same([one.name, one.consent], ['Wren Willow', 'withdrawn']);
  const list = await json('admin', `${api}/residents`);
  t.same(sorted(list.residents.map((r: { id: string }) => r.id)), [
    'ada',
    'ben',
    'cal',
    'quin',
    'wren',
  ]);
});

t.test("a partner, even with the network grant, reads no resident's record", async (t) => {
  t.equal((await get('partner', `${api}/residents/${seen('partner', 'ada')}`)).statusCode, 403);
  t.equal((await get('partner', `${api}/residents`)).statusCode, 403);
});

for (const role of ['coordinator', 'evaluator'] as Role[]) {
  t.test(`a ${role} cannot read the withdrawn resident's record`, async (t) => {
    t.equal((await get(role, `${api}/residents/${seen(role, 'wren')}`)).statusCode, 404);
    const list = await json(role, `${api}/residents`);
    t.same(sorted(list.residents.map((r: { id: string }) => r.id)), visible(role));
  });
}

t.test('a coordinator reads a pending resident', async (t) => {
  t.equal((await json('coordinator', `${api}/residents/quin`)).consent, 'pending');
});

t.test('an evaluator cannot read a pending resident', async (t) => {
  t.equal((await get('evaluator', `${api}/residents/quin`)).statusCode, 404);
});

t.test('a resident created without consent is pending', async (t) => {
  await postOk(app, `/api/v1/projects/${later}/residents`, { id: 'dot', name: 'Dot Dogwood' });
  t.equal((await json('admin', `/api/v1/projects/${later}/residents/dot`)).consent, 'pending');
});

t.test('consent "unknown" is refused with 400 naming the field', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${later}/residents`,
    headers: auth,
    payload: { id: 'eve', name: 'Eve Elm', consent: 'unknown' },
  });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['consent'],
  );
});

t.test('withdrawing consent takes a resident out of the very next read', async (t) => {
  const url = `/api/v1/projects/${later}`;
  await postOk(app, `${url}/residents`, {
    residents: [
      { id: 'fay', name: 'Fay Fir', consent: 'given', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'gus', name: 'Gus Gorse', consent: 'given', joinedAt: '2025-01-01T00:00:00Z' },
    ],
  });
  await postOk(app, `${url}/events`, tie('fg', 'fay', 'gus', TIED));
  const before = await json('evaluator', `${url}/graph?at=${AT}`);
  t.same([before.nodes.length, before.edges.length], [2, 1]);
  const patch = await app.inject({
    method: 'PATCH',
    url: `${url}/residents/gus`,
    headers: auth,
    payload: { consent: 'withdrawn' },
  });
  t.equal(patch.statusCode, 200);
  const after = await json('evaluator', `${url}/graph?at=${AT}`);
  t.same([after.nodes.map((n: { key: string }) => n.key), after.edges.length], [['fay'], 0]);
});
