// The partner view with the network grant: every read answers with pseudonyms, no names, no
// attributes, no individual measures; the residents, the event log and the report are not theirs to
// read (the report comes through releases). GET routes are enumerated as the app registers them,
// so a new route is scanned too. Seven residents, every number counted by hand.
import { strFromU8, unzipSync } from 'fflate';
import t from 'tap';
import { inGroup, measure, tie } from '../helpers/events.ts';
import { appWithRoutes } from '../helpers/routes.ts';
import {
  communities,
  createProject,
  GARDEN_AND_CHOIR,
  postOk,
  uniqueProject,
} from '../helpers/server.ts';
import { expectedPseudonym, issueKey, type TestKey } from '../helpers/keys.ts';

const SECRET = 'a-pseudonym-secret-for-the-privacy-tests-only';
const p = uniqueProject('privacy');
const api = `/api/v1/projects/${p}`;

// id, name, community, participant; the ids are first names, as real ids often are.
const PEOPLE = [
  ['ottoline', 'Ottoline Quarrie', 'north', true],
  ['barnaby', 'Barnaby Fenwright', 'north', true],
  ['cressida', 'Cressida Mowbray', 'north', false],
  ['ignatius', 'Ignatius Pellow', 'north', false],
  ['philippa', 'Philippa Trask', 'north', false],
  ['hortense', 'Hortense Gallimore', 'south', true],
  ['evander', 'Evander Scrope', 'south', false],
] as const;
const IDS = PEOPLE.map(([id]) => id);
const NAMES = PEOPLE.map(([, name]) => name);
/** Everything that identifies a person: ids, names and the free attribute values. */
const IDENTIFYING = [...IDS, ...NAMES, 'marmalade'];

const AT = '2025-03-01T00:00:00Z';
const TIED = '2025-02-01T00:00:00Z';

const { app, routes } = await appWithRoutes(t, {
  PEOPLEMAP_PSEUDONYM_SECRET: SECRET,
  PRIVACY_MIN_COUNT: 4,
  // pseudonyms, not k-anonymity, are under test here (test/api/partner-network.test.ts has that)
  PRIVACY_CLASS_MIN: 1,
});
const getRoutes = routes
  .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'))
  .map((r) => r.url);
let partner: TestKey;
let otherPartner: TestKey;
let evaluator: TestKey;
/** A partner without the network grant: releases only. */
let reader: TestKey;

const get = async (key: TestKey, url: string) => app.inject({ url, headers: key.headers });
const json = async (key: TestKey, url: string) => {
  const response = await get(key, url);
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};
const pseudonym = (key: TestKey, id: string) => expectedPseudonym(SECRET, key.id, p, id);
const found = (body: string) => IDENTIFYING.filter((word) => body.includes(word));
/** What a response says: a zip's files unpacked, so nothing hides in the compression. */
const text = (response: Awaited<ReturnType<typeof get>>) =>
  response.headers['content-type'] === 'application/zip'
    ? Object.values(unzipSync(new Uint8Array(response.rawPayload)))
        .map((file) => strFromU8(file))
        .join('\n')
    : response.body;

t.before(async () => {
  await createProject(app, p);
  await postOk(app, `${api}/communities`, { communities: communities('north', 'south') });
  await postOk(app, `${api}/residents`, {
    residents: PEOPLE.map(([id, name, communityId, participant]) => ({
      id,
      name,
      communityId,
      participant,
      joinedAt: '2025-01-01T00:00:00Z',
      consent: 'given',
      attributes: { breakfast: `marmalade for ${name}` },
    })),
  });
  await postOk(app, `${api}/groups`, { groups: GARDEN_AND_CHOIR });
  await postOk(app, `${api}/events`, {
    events: [
      inGroup('membership', 'm1', 'ottoline', 'garden', '2025-01-05T00:00:00Z'),
      inGroup('attendance', 'a1', 'evander', 'choir', '2025-01-06T00:00:00Z'),
      measure('w0', 'ottoline', '2025-01-10T00:00:00Z', 45),
      tie('t1', 'ottoline', 'barnaby', TIED),
      tie('t2', 'barnaby', 'cressida', TIED),
      tie('t3', 'cressida', 'ignatius', TIED),
      tie('t4', 'ignatius', 'philippa', TIED),
      tie('t5', 'ottoline', 'hortense', TIED),
      tie('t6', 'hortense', 'evander', TIED),
      measure('w1', 'ottoline', '2025-02-15T00:00:00Z', 50),
      measure('w2', 'barnaby', '2025-02-15T00:00:00Z', 40),
      measure('w3', 'hortense', '2025-02-15T00:00:00Z', 30),
      measure('w4', 'cressida', '2025-02-15T00:00:00Z', 44),
      measure('w5', 'ignatius', '2025-02-15T00:00:00Z', 46),
      measure('w6', 'philippa', '2025-02-15T00:00:00Z', 48),
      measure('w7', 'evander', '2025-02-15T00:00:00Z', 42),
    ],
  });
  partner = await issueKey(app, 'partner', [p], { network: true });
  otherPartner = await issueKey(app, 'partner', [p], { network: true });
  evaluator = await issueKey(app, 'evaluator', [p]);
  reader = await issueKey(app, 'partner', [p]);
});

/** A concrete URL for a GET route as a partner would call it (`:id` is Ottoline's pseudonym). */
const concrete = (route: string) =>
  route
    .replace(':p', p)
    .replace(':id', pseudonym(partner, 'ottoline'))
    .replace(/:[A-Za-z]+/g, 'residents') +
  `?at=${AT}&baseline=2025-01-15T00:00:00Z&followup=${AT}&moments=2025-01-15T00:00:00Z,${AT}&groups=true&depth=3`;

/**
 * The GET routes a partner with the network grant reads (docs/privacy.md): its project's name, its
 * key, the network reads and releases. Every other one answers it 403; a release id that was never
 * published, 404.
 */
const GRANTED = [
  '/api/v1/projects',
  '/api/v1/projects/:p',
  '/api/v1/me',
  '/api/v1/projects/:p/graph',
  '/api/v1/projects/:p/metrics',
  '/api/v1/projects/:p/timeline',
  '/api/v1/projects/:p/history',
  '/api/v1/projects/:p/residents/:id/ego',
  '/api/v1/projects/:p/export.gexf',
  '/api/v1/projects/:p/export.graphml',
  '/api/v1/projects/:p/export.csv',
  '/api/v1/projects/:p/export/siena.zip',
  '/api/v1/projects/:p/releases',
];
const UNPUBLISHED = ['/api/v1/projects/:p/releases/:id'];

t.test('every GET route answers a partner without a name, an id or an attribute', async (t) => {
  t.ok(getRoutes.length >= 14, `${getRoutes.length} GET routes enumerated`);
  const extra = [`${api}/export.csv?table=residents&at=${AT}`];
  const expected = [
    ...getRoutes.map((route) => ({
      url: concrete(route),
      status: GRANTED.includes(route) ? 200 : UNPUBLISHED.includes(route) ? 404 : 403,
    })),
    ...extra.map((url) => ({ url, status: 200 })),
  ];
  for (const { url, status } of expected) {
    const response = await get(partner, url);
    t.equal(response.statusCode, status, url);
    t.same(found(text(response)), [], url);
  }
});

t.test('a partner with the network grant reads the network routes of its project', async (t) => {
  const network = [
    'residents/:id/ego',
    'graph',
    'history',
    'metrics',
    'timeline',
    'export.gexf',
    'export.graphml',
    'export.csv',
  ];
  for (const path of network) {
    const response = await get(partner, concrete(`/api/v1/projects/:p/${path}`));
    t.equal(response.statusCode, 200, `${path}: ${response.body.slice(0, 200)}`);
  }
});

t.test(
  'a partner with the network grant reads no resident records, event log or report',
  async (t) => {
    for (const path of ['residents', 'residents/:id', 'events', 'report', 'report/waves']) {
      const response = await get(partner, concrete(`/api/v1/projects/:p/${path}`));
      t.equal(response.statusCode, 403, path);
      t.match(response.json().message, `GET /api/v1/projects/${p}/releases`, path);
    }
  },
);

t.test("a partner's graph has the documented pseudonym of each resident", async (t) => {
  const graph = await json(partner, `${api}/graph?at=${AT}`);
  const keys = graph.nodes.map((n: { key: string }) => n.key).sort();
  t.same(keys, IDS.map((id) => pseudonym(partner, id)).sort());
  t.ok(
    keys.every((k: string) => /^p_[0-9a-f]{20}$/.test(k)),
    'p_ and 20 hex digits',
  );
  t.ok(graph.nodes.every((n: { attributes: { name: unknown } }) => n.attributes.name === null));
});

t.test('pseudonyms are stable across calls and routes for one key', async (t) => {
  const first = await json(partner, `${api}/graph?at=${AT}`);
  const second = await json(partner, `${api}/graph?at=${AT}`);
  const history = await json(partner, `${api}/history`);
  const keys = (g: { nodes: { key: string }[] }) => g.nodes.map((n) => n.key).sort();
  t.same(keys(first), keys(second));
  t.same(history.residents.map((r: { id: string }) => r.id).sort(), keys(first));
});

t.test('two partner keys see different pseudonyms for the same residents', async (t) => {
  const mine = await json(partner, `${api}/graph?at=${AT}`);
  const theirs = await json(otherPartner, `${api}/graph?at=${AT}`);
  const mineKeys = new Set(mine.nodes.map((n: { key: string }) => n.key));
  const shared = theirs.nodes.filter((n: { key: string }) => mineKeys.has(n.key));
  t.equal(theirs.nodes.length, 7);
  t.equal(shared.length, 0);
});

t.test(
  "a partner's edges join pseudonyms, and their from/to are the two ends in pseudonym order, not who named whom",
  async (t) => {
    const graph = await json(partner, `${api}/graph?at=${AT}`);
    const o = pseudonym(partner, 'ottoline');
    const h = pseudonym(partner, 'hortense');
    const edge = graph.edges.find(
      (e: { source: string; target: string }) =>
        [e.source, e.target].sort().join() === [o, h].sort().join(),
    );
    t.equal(graph.edges.length, 6, 'six ties');
    // t5 named Hortense from Ottoline: a partner is not told which way (docs/privacy.md)
    t.same([edge.attributes.from, edge.attributes.to], [o, h].sort());
  },
);

t.test('a partner reads an ego network by pseudonym', async (t) => {
  const ego = await json(
    partner,
    `${api}/residents/${pseudonym(partner, 'ottoline')}/ego?at=${AT}`,
  );
  // Ottoline's neighbours are Barnaby and Hortense, who are not tied to each other.
  const expected = ['ottoline', 'barnaby', 'hortense'].map((id) => pseudonym(partner, id)).sort();
  t.same(ego.nodes.map((n: { key: string }) => n.key).sort(), expected);
  t.equal(ego.edges.length, 2);
});

t.test('a partner cannot read an ego network by the real id', async (t) => {
  const response = await get(partner, `${api}/residents/ottoline/ego?at=${AT}`);
  t.equal(response.statusCode, 404);
});

t.test("another partner's pseudonym means nothing to a partner", async (t) => {
  const theirs = pseudonym(otherPartner, 'ottoline');
  const response = await get(partner, `${api}/residents/${theirs}/ego?at=${AT}`);
  t.equal(response.statusCode, 404);
});

t.test("a partner's history shows residents without names or attributes", async (t) => {
  const history = await json(partner, `${api}/history`);
  const hortense = history.residents.find(
    (r: { id: string }) => r.id === pseudonym(partner, 'hortense'),
  );
  t.same(hortense, {
    id: pseudonym(partner, 'hortense'),
    name: null,
    communityId: 'south',
    participant: true,
    joinedAt: '2025-01-01T00:00:00.000Z',
    presence: [{ from: '2025-01-01T00:00:00.000Z', to: null }],
    participation: [{ from: '2025-01-01T00:00:00.000Z', to: null }],
  });
});

t.test("a partner's metrics are keyed by pseudonym", async (t) => {
  const metrics = await json(partner, `${api}/metrics?at=${AT}`);
  t.same(Object.keys(metrics.nodes).sort(), IDS.map((id) => pseudonym(partner, id)).sort());
  t.equal(metrics.nodes[pseudonym(partner, 'ottoline')].degree, 2);
});

t.test("a partner's history names residents and ties by pseudonym only", async (t) => {
  const history = await json(partner, `${api}/history`);
  t.same(
    history.residents.map((r: { id: string }) => r.id).sort(),
    IDS.map((id) => pseudonym(partner, id)).sort(),
  );
  t.ok(history.residents.every((r: { name: unknown }) => r.name === null));
  t.same(
    history.memberships.map((m: { resident: string; group: string }) => [m.resident, m.group]),
    [
      [
        pseudonym(partner, 'ottoline'),
        history.groups.find((g: { kind: string }) => g.kind === 'space').id,
      ],
    ],
  );
  t.equal(history.ties.length, 6);
});

t.test(
  'a partner reads no measure through the event log, which is closed to partners',
  async (t) => {
    for (const url of [`${api}/events`, `${api}/events?type=measure`]) {
      t.equal((await get(partner, url)).statusCode, 403, url);
      t.equal((await get(otherPartner, url)).statusCode, 403, url);
    }
  },
);

t.test("a partner's CSV export lists the residents by pseudonym", async (t) => {
  const response = await get(partner, `${api}/export.csv?table=residents&at=${AT}`);
  const ids = response.body
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[0])
    .sort();
  t.same(ids, IDS.map((id) => pseudonym(partner, id)).sort());
});

t.test(
  'a partner reads no report, even with the network grant: reports come as releases',
  async (t) => {
    const response = await get(
      partner,
      `${api}/report?baseline=2025-01-15T00:00:00Z&followup=${AT}`,
    );
    t.equal(response.statusCode, 403);
    t.match(response.json().message, /releases/);
  },
);

/** The release of 15 January to 1 March 2025, moved to the ends of January and March. */
async function release() {
  const published = await app.inject({
    method: 'POST',
    url: `${api}/releases`,
    headers: evaluator.headers,
    payload: { name: 'Winter', baseline: '2025-01-15T00:00:00Z', followup: AT, interval: 'month' },
  });
  if (published.statusCode !== 201) throw new Error(published.body);
  return json(reader, `${api}/releases/${published.json().id}`);
}

t.test(
  'a release withholds wellbeing cells of fewer than PRIVACY_MIN_COUNT (4) from a partner',
  async (t) => {
    const body = await release();
    const all = body.scopes[0];
    t.equal(all.community, null);
    // Follow-up WEMWBS: participants Ottoline 50, Barnaby 40, Hortense 30 (n 3 < 4: withheld);
    // the others Cressida 44, Ignatius 46, Philippa 48, Evander 42 (n 4, not below 4): mean 45.
    t.same(all.report.wellbeing.followup.WEMWBS, {
      participants: {
        n: { value: null, suppressed: true },
        mean: { value: null, suppressed: true },
      },
      others: { n: { value: 4 }, mean: { value: 45 } },
    });
    // Baseline: only Ottoline's 45 (n 1): withheld; no one else (n 0): a zero is shown.
    t.same(all.report.wellbeing.baseline.WEMWBS, {
      participants: {
        n: { value: null, suppressed: true },
        mean: { value: null, suppressed: true },
      },
      others: { n: { value: 0 }, mean: { value: null } },
    });
  },
);

t.test(
  'a release withholds a community of fewer than PRIVACY_MIN_COUNT residents from a partner',
  async (t) => {
    const body = await release();
    // North (5 residents): ties inside 4, to South 1, E-I (1 − 4)/5. South has 2 residents.
    // Overall: 1 external, 5 internal ties: (1 − 5)/6 = −0.666…, −0.67 at whole percent.
    const ei = body.scopes[0].report.eiIndexByCommunity.followup;
    t.same(ei, {
      overall: { value: -0.67 },
      byValue: { north: { value: -0.6 }, south: { value: null, suppressed: true } },
    });
    // South's 2 residents are withheld, and so is North's network, or every community together
    // minus North would give South.
    const [, north, south] = body.scopes;
    t.same([north.community, south.community], ['north', 'south']);
    t.same(south.report.graph.nodeCount.followup, { value: null, suppressed: true });
    t.same(north.report.graph.nodeCount.followup, { value: null, suppressed: true });
    t.same(body.scopes[0].report.graph.nodeCount.followup, { value: 7 });
  },
);

t.test('a release names no one, whoever reads it', async (t) => {
  const body = await release();
  t.same(found(JSON.stringify(body)), []);
});

t.test('an evaluator reads the report unsuppressed', async (t) => {
  const report = await json(
    evaluator,
    `${api}/report?baseline=2025-01-15T00:00:00Z&followup=${AT}`,
  );
  // (50 + 40 + 30)/3 = 40; South: one tie inside, one out: (1 − 1)/2 = 0.
  t.same(report.wellbeing.followup.WEMWBS.participants, { n: 3, mean: 40 });
  t.same(report.eiIndexByCommunity.followup.byValue, { north: -0.6, south: 0 });
});

t.test('an evaluator sees names and real ids', async (t) => {
  const graph = await json(evaluator, `${api}/graph?at=${AT}`);
  t.same(graph.nodes.map((n: { key: string }) => n.key).sort(), [...IDS].sort());
  t.same(
    graph.nodes.map((n: { attributes: { name: string } }) => n.attributes.name).sort(),
    [...NAMES].sort(),
  );
});
