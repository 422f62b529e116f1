// Ids that are also names of Object.prototype's members (`constructor`, `toString`, `valueOf`,
// `hasOwnProperty`, `__proto__`) are valid ids: as residents, groups, communities and events they
// must work on every read route, enumerated from the app's own route table. Five residents in a
// cycle, each in a community of their own; every expected number is counted by hand below.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { appWithRoutes, type RegisteredRoute } from '../helpers/routes.ts';
import { auth, createProject, postOk, uniqueProject } from '../helpers/server.ts';

const ODD = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'] as const;
const p = uniqueProject('odd-ids');
const api = `/api/v1/projects/${p}`;
const AT = '2025-03-01T00:00:00Z';
const BASELINE = '2025-01-15T00:00:00Z';

/** Resident i lives in community i+1 (mod 5), so no community shares a resident's own id. */
const communityOf = (i: number) => ODD[(i + 1) % ODD.length];
const KINDS = ['association', 'institution', 'space', 'business', 'activity'] as const;

let app: FastifyInstance;
let routes: RegisteredRoute[] = [];
const keys: TestKey[] = [];

t.before(async () => {
  ({ app, routes } = await appWithRoutes(t));
  await createProject(app, p);
  // an instrument of the project's own, scored 0 to 10, named like a prototype member
  await postOk(app, `${api}/instruments`, {
    id: 'constructor',
    name: 'Constructor scale',
    min: 0,
    max: 10,
    higherIsBetter: true,
  });
  await postOk(app, `${api}/communities`, {
    communities: ODD.map((id) => ({ id, name: `Community ${id}` })),
  });
  await postOk(app, `${api}/residents`, {
    residents: ODD.map((id, i) => ({
      id,
      name: `Resident ${id}`,
      communityId: communityOf(i),
      participant: i % 2 === 0,
      joinedAt: '2025-01-01T00:00:00Z',
      consent: 'given',
      // `__proto__` as a body's key is refused as prototype poisoning, before any route
      attributes: { constructor: id, toString: 'text' },
    })),
  });
  await postOk(app, `${api}/groups`, {
    groups: ODD.map((id, i) => ({ id, name: `Group ${id}`, kind: KINDS[i], communityId: id })),
  });
  await postOk(app, `${api}/events`, {
    events: [
      // the cycle constructor – toString – valueOf – hasOwnProperty – __proto__ – constructor,
      // each tie's event id the name of its first end
      ...ODD.map((id, i) => ({
        id,
        type: 'connection',
        at: '2025-02-01T00:00:00Z',
        from: id,
        to: ODD[(i + 1) % ODD.length],
      })),
      {
        id: 'm1',
        type: 'membership',
        at: '2025-01-05T00:00:00Z',
        resident: 'constructor',
        group: '__proto__',
      },
      {
        id: 'm2',
        type: 'membership',
        at: '2025-01-05T00:00:00Z',
        resident: '__proto__',
        group: 'constructor',
      },
      {
        id: 'a1',
        type: 'attendance',
        at: '2025-02-10T00:00:00Z',
        resident: 'toString',
        group: '__proto__',
      },
      ...ODD.flatMap((id, i) => [
        {
          id: `w0-${i}`,
          type: 'measure',
          at: '2025-01-10T00:00:00Z',
          resident: id,
          instrument: 'WEMWBS',
          score: 40,
          wave: 'toString',
        },
        {
          id: `w1-${i}`,
          type: 'measure',
          at: '2025-02-20T00:00:00Z',
          resident: id,
          instrument: 'WEMWBS',
          score: 50,
          wave: 'valueOf',
        },
        {
          id: `c1-${i}`,
          type: 'measure',
          at: '2025-02-20T00:00:00Z',
          resident: id,
          instrument: 'constructor',
          score: 3,
        },
      ]),
    ],
  });
  keys.push({ id: 'admin', role: 'admin', headers: auth });
  keys.push(await issueKey(app, 'coordinator', [p]));
  keys.push(await issueKey(app, 'evaluator', [p]));
});

const json = async (url: string, key: TestKey = keys[0]) => {
  const response = await app.inject({ url, headers: key.headers });
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};

/**
 * Every GET route of the API the key's role may call, as a concrete URL per odd id (one URL for
 * routes without `:id`).
 */
function readUrls(key: TestKey): string[] {
  const gets = routes.filter(
    (r) =>
      r.method === 'GET' &&
      r.url.startsWith('/api/v1/') &&
      // the live stream answers as changes come, and never ends
      !r.url.endsWith('/live') &&
      (key.role === 'admin' || r.access !== 'admin'),
  );
  const query = `?at=${AT}&baseline=${BASELINE}&followup=${AT}&moments=${BASELINE},${AT}`;
  return gets.flatMap((route) => {
    const url = route.url.replace(':p', p).replace(':sheet', 'residents');
    // a resident's routes take each odd id; other `:id`s (releases, keys) name nothing here
    if (!url.includes(':id')) return [url + query];
    return url.includes('/residents/:id') ? ODD.map((id) => url.replace(':id', id) + query) : [];
  });
}

t.test('every read route answers 200 for every role that may read', async (t) => {
  const urls = (key: TestKey) => [
    ...readUrls(key),
    ...ODD.flatMap((id) => [
      `${api}/events?resident=${id}`,
      `${api}/metrics?at=${AT}&community=${id}`,
      `${api}/report?baseline=${BASELINE}&followup=${AT}&community=${id}`,
      `${api}/timeline?community=${id}&centralities=true`,
      `${api}/graph?at=${AT}&community=${id}&groups=true`,
    ]),
    `${api}/export.csv?table=residents&at=${AT}`,
  ];
  t.ok(urls(keys[0]).length >= 50, `${urls(keys[0]).length} URLs`);
  for (const key of keys) {
    for (const url of urls(key)) {
      const response = await app.inject({ url, headers: key.headers });
      t.equal(response.statusCode, 200, `${key.role} ${url}: ${response.body.slice(0, 160)}`);
    }
  }
});

t.test('the graph has the five residents and the five ties of the cycle', async (t) => {
  const graph = await json(`${api}/graph?at=${AT}`);
  t.same(graph.nodes.map((n: { key: string }) => n.key).sort(), [...ODD].sort());
  const pairs = graph.edges.map((e: { source: string; target: string }) =>
    [e.source, e.target].sort().join(' '),
  );
  t.same(pairs.sort(), ODD.map((id, i) => [id, ODD[(i + 1) % 5]].sort().join(' ')).sort());
  t.same(
    graph.nodes.find((n: { key: string }) => n.key === '__proto__').attributes.communityId,
    'constructor',
  );
});

t.test('the group layer has the two groups with members, keyed by their odd ids', async (t) => {
  const graph = await json(`${api}/graph?at=${AT}&groups=true`);
  const groups = graph.nodes
    .map((n: { key: string }) => n.key)
    .filter((k: string) => k.startsWith('group/'));
  t.same(groups.sort(), ['group/__proto__', 'group/constructor']);
});

t.test(
  'the metrics key every resident by their own id with the numbers of a 5-cycle',
  async (t) => {
    const metrics = await json(`${api}/metrics?at=${AT}`);
    t.same(Object.keys(metrics.nodes).sort(), [...ODD].sort());
    for (const id of ODD) {
      t.ok(Object.hasOwn(metrics.nodes, id), id);
      // C5: degree 2; betweenness 1 pair of 6 through each node; closeness 4/(1+1+2+2); no triangle
      t.equal(metrics.nodes[id].degree, 2, `${id} degree`);
      t.ok(Math.abs(metrics.nodes[id].betweenness - 1 / 6) < 1e-12, `${id} betweenness`);
      t.ok(Math.abs(metrics.nodes[id].closeness - 2 / 3) < 1e-12, `${id} closeness`);
      t.equal(metrics.nodes[id].clustering, 0, `${id} clustering`);
    }
    t.equal(metrics.graph.edgeCount, 5);
    t.equal(metrics.graph.density, 0.5);
    // every tie joins two communities: E 5, I 0 overall, and (2 − 0)/2 in each community
    t.equal(metrics.evaluation.eiIndexByCommunity.overall, 1);
    t.same(
      metrics.evaluation.eiIndexByCommunity.byValue,
      Object.fromEntries(ODD.map((c) => [c, 1])),
    );
    t.equal(metrics.evaluation.bridgingShare, 1);
  },
);

t.test('a community named like a prototype member holds its one resident', async (t) => {
  // toString's community is valueOf (resident i lives in community i+1)
  const metrics = await json(`${api}/metrics?at=${AT}&community=valueOf`);
  t.same(Object.keys(metrics.nodes), ['toString']);
  t.equal(metrics.graph.nodeCount, 1);
});

t.test('the timeline counts the cycle at its last point', async (t) => {
  const { points } = await json(`${api}/timeline?interval=month`);
  t.same(
    points.map((pt: { nodeCount: number; edgeCount: number }) => [pt.nodeCount, pt.edgeCount]),
    [
      [5, 0],
      [5, 5],
    ],
  );
});

t.test('the history names residents, groups and communities by their odd ids', async (t) => {
  const history = await json(`${api}/history`);
  t.same(history.residents.map((r: { id: string }) => r.id).sort(), [...ODD].sort());
  t.same(history.groups.map((g: { id: string }) => g.id).sort(), [...ODD].sort());
  t.same(history.communities.map((c: { id: string }) => c.id).sort(), [...ODD].sort());
  t.equal(history.ties.length, 5);
  t.same(
    history.memberships
      .map((m: { resident: string; group: string }) => `${m.resident}>${m.group}`)
      .sort(),
    ['__proto__>constructor', 'constructor>__proto__'],
  );
});

t.test('an ego network centred on each odd id holds it and its two neighbours', async (t) => {
  for (const [i, id] of ODD.entries()) {
    const ego = await json(`${api}/residents/${id}/ego?at=${AT}`);
    const expected = [ODD[(i + 4) % 5], id, ODD[(i + 1) % 5]].sort();
    t.same(ego.nodes.map((n: { key: string }) => n.key).sort(), expected, id);
    t.equal(ego.edges.length, 2, id);
  }
});

t.test('each odd resident reads back as itself, with its attribute', async (t) => {
  for (const [i, id] of ODD.entries()) {
    const resident = await json(`${api}/residents/${id}`);
    t.equal(resident.id, id);
    t.equal(resident.communityId, communityOf(i));
    t.same(resident.attributes, { constructor: id, toString: 'text' });
  }
});

t.test('the event log filters by each odd resident', async (t) => {
  // constructor: its own tie, __proto__'s tie to it, membership m1, three measures
  const log = await json(`${api}/events?resident=constructor`);
  t.same(log.events.map((e: { id: string }) => e.id).sort(), [
    '__proto__',
    'c1-0',
    'constructor',
    'm1',
    'w0-0',
    'w1-0',
  ]);
});

t.test('the report has each odd community and instrument as a key of its own', async (t) => {
  const report = await json(`${api}/report?baseline=${BASELINE}&followup=${AT}`);
  t.same(report.eiIndexByCommunity.followup.byValue, Object.fromEntries(ODD.map((c) => [c, 1])));
  t.same(Object.keys(report.wellbeing.followup).sort(), ['WEMWBS', 'constructor']);
  // participants are residents 0, 2 and 4; each scored 50 at follow-up and 40 at baseline
  t.same(report.wellbeing.followup.WEMWBS.participants, { n: 3, mean: 50 });
  t.same(report.wellbeing.followup.constructor.others, { n: 2, mean: 3 });
  t.equal(report.graph.edgeCount.delta, 5);
});

t.test('the waves are named like prototype members', async (t) => {
  const { waves } = await json(`${api}/report/waves`);
  t.same(
    waves.map((w: { wave: string; measures: number }) => [w.wave, w.measures]),
    [
      ['toString', 5],
      ['valueOf', 5],
    ],
  );
});

t.test('the exports carry every odd resident', async (t) => {
  const csv = (
    await app.inject({ url: `${api}/export.csv?table=residents&at=${AT}`, headers: auth })
  ).body;
  const rows = csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','));
  t.same(rows.map((r) => r[0]).sort(), [...ODD].sort());
  t.ok(
    rows.every((r) => r.at(-1) === '2'),
    'degree 2 each',
  );
  for (const format of ['gexf', 'graphml']) {
    const body = (await app.inject({ url: `${api}/export.${format}?at=${AT}`, headers: auth }))
      .body;
    for (const id of ODD) t.ok(body.includes(`id="${id}"`), `${format} ${id}`);
  }
});

t.test('an instrument named like a prototype member keeps its own score range', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `${api}/events`,
    headers: auth,
    payload: {
      id: 'huge',
      type: 'measure',
      at: '2025-02-20T00:00:00Z',
      resident: 'valueOf',
      instrument: 'constructor',
      score: 11,
    },
  });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['score'],
  );
});

t.test('no read has left a property on Object.prototype', async (t) => {
  // a resident `__proto__` once made the metrics route write betweenness onto Object.prototype,
  // and every later request of every key failed
  const inherited: string[] = [];
  for (const key in {}) inherited.push(key);
  t.same(inherited, []);
  t.equal(({} as Record<string, unknown>).betweenness, undefined);
});

t.test('an id may start with an underscore, but not with . : @ or -', async (t) => {
  for (const id of ['-1', '.hidden', ':x', '@home']) {
    const response = await app.inject({
      method: 'POST',
      url: `${api}/residents`,
      headers: auth,
      payload: { id, name: 'Not an id' },
    });
    t.equal(response.statusCode, 400, id);
    t.same(
      response.json().details.map((d: { path: string }) => d.path),
      ['id'],
      id,
    );
  }
});
