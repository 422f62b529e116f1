// A data-protection officer's review of the partner view (issue 16): a motivated intruder with two
// partner keys (one with the network grant) and an evaluator key looks for what the answers give
// away beside the numbers — names in error messages, an answer that confirms a real id, two reads
// or two keys' extracts that line up. Each attack that worked once is here, and must now fail.
// k = 3; the project is the hand-counted one of test/helpers/partner-classes.ts, with one
// measurement wave whose name a partner must never read.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { expectedPseudonym, issueKey, type TestKey } from '../helpers/keys.ts';
import { seedPartnerClasses } from '../helpers/partner-classes.ts';
import { appWithRoutes, type RegisteredRoute } from '../helpers/routes.ts';
import { auth, createProject, postOk, TEST_SECRETS, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('partner-review');
const api = `/api/v1/projects/${p}`;
const WAVE = 'Zanzibar baseline';

let app: FastifyInstance;
let routes: RegisteredRoute[] = [];
let network: TestKey;
/** A second key with the network grant: its pseudonyms are its own. */
let second: TestKey;
let evaluator: TestKey;

t.before(async () => {
  ({ app, routes } = await appWithRoutes(t, { PRIVACY_MIN_COUNT: 3 }));
  await createProject(app, p);
  await seedPartnerClasses(app, api, [
    {
      id: 'w1',
      type: 'measure',
      at: '2025-03-12T08:13:00Z',
      resident: 'a1',
      instrument: 'WEMWBS',
      score: 44,
      wave: WAVE,
    },
  ]);
  network = await issueKey(app, 'partner', [p], { network: true });
  second = await issueKey(app, 'partner', [p], { network: true });
  evaluator = await issueKey(app, 'evaluator', [p]);
});

/** The network key's pseudonym of a resident, from the documented formula (docs/privacy.md). */
const pseudonymOf = (id: string) =>
  expectedPseudonym(TEST_SECRETS.PEOPLEMAP_PSEUDONYM_SECRET, network.id, p, id);

const get = (url: string, key: TestKey | { headers: typeof auth }) =>
  app.inject({ url, headers: key.headers });

t.test(
  'a partner cannot learn the names of the measurement waves from the RSiena export',
  async (t) => {
    const bodies = new Set<string>();
    for (const waves of ['guess,another', `${encodeURIComponent(WAVE)},guess`]) {
      const response = await get(`${api}/export/siena.zip?waves=${waves}`, network);
      bodies.add(response.body);
      t.equal(response.statusCode, 400, waves);
      t.same(
        response.json().details.map((d: { path: string }) => d.path),
        ['waves'],
      );
      t.notOk(response.body.includes('Zanzibar'), `${waves}: ${response.body}`);
      t.match(response.json().message, /moments=/, 'says what a partner may give instead');
    }
    t.equal(bodies.size, 1, 'a real wave name is answered as a guess is');
    // the evaluator is told the waves there are, to pick from
    const own = await get(`${api}/export/siena.zip?waves=guess,another`, evaluator);
    t.equal(own.statusCode, 400);
    t.match(own.json().message, WAVE);
  },
);

t.test(
  'a partner cannot watch this month’s ties being recorded, nor read ahead into the future',
  async (t) => {
    const FUTURE = '2199-12-31T00:00:00Z';
    // every GET route under the project that a partner is not refused, read into the future
    const query = `?at=${FUTURE}&from=2025-01-01T00:00:00Z&to=${FUTURE}&moments=2025-02-01T00:00:00Z,${FUTURE}`;
    const urls = [
      ...routes
        .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/projects/:p'))
        .filter((r) => r.partner === 'network' && !r.url.includes(':id'))
        .map((r) => r.url.replace(':p', p) + query),
      // a1, whom a tie named now joins to a3
      `${api}/residents/${pseudonymOf('a1')}/ego?at=${FUTURE}`,
    ];
    t.ok(urls.length >= 9, urls.join(' '));
    const read = async (url: string) => {
      const response = await get(url, network);
      // a zip's entries carry the moment it was made: compare what they hold
      const body = String(response.headers['content-type']).startsWith('application/zip')
        ? Object.entries(unzipSync(response.rawPayload))
            .map(([name, file]) => `${name}\n${strFromU8(file)}`)
            .join('\n')
        : response.body;
      return { status: response.statusCode, body, response };
    };
    const before = await Promise.all(urls.map(read));
    const evaluatorEdges = async () =>
      (await get(`${api}/graph?at=${FUTURE}`, evaluator)).json().edges.length;
    t.equal(await evaluatorEdges(), 4, 'the four ties of partner-classes.ts');
    // recorded now, in the month under way: a new resident, two ties; and a tie dated ahead
    const now = new Date().toISOString();
    await postOk(app, `${api}/residents`, {
      residents: [{ id: 'n1', name: 'New', communityId: 'north', joinedAt: now, consent: 'given' }],
    });
    await postOk(app, `${api}/events`, {
      events: [
        { id: 'now-1', type: 'connection', at: now, from: 'a1', to: 'a3' },
        { id: 'now-2', type: 'connection', at: now, from: 'n1', to: 'a2' },
        { id: 'ahead-1', type: 'connection', at: '2199-06-15T12:00:00Z', from: 'a4', to: 'b3' },
      ],
    });
    t.equal(await evaluatorEdges(), 7, 'the evaluator reads the three new ties');
    const after = await Promise.all(urls.map(read));
    for (const [i, url] of urls.entries()) {
      t.equal(after[i].status, before[i].status, url);
      t.equal(after[i].body, before[i].body, `${url}: the same answer`);
    }
    const at = (path: string) => after[urls.findIndex((u) => u.startsWith(`${api}/${path}?`))];
    t.equal(after.at(-1)!.status, 200, "a1's ego network is read");
    const graph = at('graph').response.json();
    t.equal(graph.edges.length, 4);
    t.ok(Date.parse(graph.attributes.at) < Date.now(), `read at ${graph.attributes.at}`);
    const points = at('timeline').response.json().points as { at: string }[];
    t.ok(Date.parse(points.at(-1)!.at) < Date.now(), 'no timeline point after now');
    t.ok(Date.parse(at('history').response.json().to) < Date.now(), 'the history ends before now');
  },
);

t.test(
  'a partner cannot tell who named whom, so not who answered a workshop or interview',
  async (t) => {
    // a tie between a1 and a4, named by whichever of the two the key's pseudonyms sort second, so
    // that a direction kept would show as `from` differing from the edge's `source`
    const [namer, named] = pseudonymOf('a4') > pseudonymOf('a1') ? ['a4', 'a1'] : ['a1', 'a4'];
    await postOk(app, `${api}/events`, {
      events: [
        { id: 'named-1', type: 'connection', at: '2025-06-10T12:00:00Z', from: namer, to: named },
      ],
    });
    const own = (await get(`${api}/graph?at=2025-07-01T00:00:00Z`, evaluator)).json();
    const tie = own.edges.find(
      (e: { key: string }) => e.key.includes(namer) && e.key.includes(named),
    );
    t.equal(tie.attributes.from, namer, 'an evaluator reads who named whom');
    for (const url of [
      `${api}/graph?at=2025-07-01T00:00:00Z`,
      `${api}/residents/${pseudonymOf(namer)}/ego?at=2025-07-01T00:00:00Z`,
    ]) {
      const graph = (await get(url, network)).json();
      t.ok(graph.edges.length > 0, url);
      for (const edge of graph.edges) {
        t.same([edge.attributes.from, edge.attributes.to], [edge.source, edge.target], edge.key);
        t.ok(edge.source < edge.target, 'the ends in the order of their pseudonyms');
      }
    }
  },
);

t.test("two partners' metrics from Neo4j GDS do not line up row by row", async (t) => {
  const url = `${api}/metrics?engine=gds&at=2025-07-01T00:00:00Z`;
  const rows = async (key: TestKey) => {
    const response = await get(url, key);
    t.equal(response.statusCode, 200, `${key.id}: ${response.body.slice(0, 200)}`);
    t.equal(response.json().engine, 'gds');
    return Object.keys(response.json().nodes);
  };
  for (const key of [network, second]) {
    const keys = await rows(key);
    t.equal(keys.length, 10, 'the ten of partner-classes.ts (n1 joined in the month under way)');
    t.same(keys, [...keys].sort(), 'in the order of the pseudonyms, not of the store');
  }
});

t.test(
  "a partner's metrics from Neo4j GDS count the residents their other reads show, generalised joining included",
  async (t) => {
    // at the end of April 2025: a1–a4 and b1–b3 joined by then; c1–c3 are shown from the
    // project's first month (joining not shown), c3 although they joined on 7 May; the ties then
    // are a1–a2, a3–b2 and b1–c1 (partner-classes.ts)
    for (const engine of ['worker', 'gds']) {
      const response = await get(
        `${api}/metrics?engine=${engine}&at=2025-05-01T00:00:00Z`,
        network,
      );
      t.equal(response.statusCode, 200, `${engine}: ${response.body.slice(0, 200)}`);
      const { nodeCount, edgeCount } = response.json().graph;
      t.same([nodeCount, edgeCount], [10, 3], engine);
    }
  },
);
