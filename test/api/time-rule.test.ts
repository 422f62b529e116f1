// The time rule (docs/metrics.md, "The network at a moment") read through the API: /graph, /metrics,
// /timeline, /ego and the exports on small scenarios whose answers are counted by hand in the
// comments, and the shared table of scenarios.
import t from 'tap';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';
import {
  EARLY as EARLY_OFFSET,
  GROUP,
  retractionScenarios,
  scenarios,
  sent,
  T as TABLE_T,
  type Scenario,
} from '../scenarios/time-rule-scenarios.ts';

interface GraphExport {
  nodes: { key: string }[];
  edges: { source: string; target: string }[];
}

interface ResidentIn {
  id: string;
  name: string;
  joinedAt?: string;
  communityId?: string;
}

let app: FastifyInstance;

t.before(async () => {
  app = await buildApp(testConfig());
});
t.teardown(() => app.close());

/** The moment every test looks at. */
const T = '2025-03-10T12:00:00.000Z';
const TMs = Date.parse(T);
const HOUR = 3_600_000;
/** T shifted by a number of hours (fractions allowed), as ISO 8601. */
const at = (hours: number) => new Date(TMs + hours * HOUR).toISOString();
/** Everyone in the basic scenarios has joined well before T. */
const EARLY = '2025-01-01T00:00:00Z';

const api = (p: string) => `/api/v1/projects/${p}`;

const send = (url: string, payload: unknown) => postOk(app, url, payload);

async function text(url: string): Promise<string> {
  const response = await app.inject({ method: 'GET', url, headers: auth });
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.body;
}

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: 'GET', url, headers: auth });
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json() as T;
}

let eventSeq = 0;
const connect = (from: string, to: string, when: string) => ({
  id: `ev${++eventSeq}`,
  type: 'connection',
  at: when,
  from,
  to,
});
const disconnect = (from: string, to: string, when: string) => ({
  id: `ev${++eventSeq}`,
  type: 'disconnection',
  at: when,
  from,
  to,
});

/** A fresh project with the given residents, communities and events (all sent in one batch). */
async function scenario(
  name: string,
  residents: ResidentIn[],
  events: object[],
  communities: string[] = [],
): Promise<string> {
  const p = uniqueProject(name);
  await createProject(app, p);
  if (communities.length > 0) {
    await send(`${api(p)}/communities`, {
      communities: communities.map((id) => ({ id, name: id })),
    });
  }
  await send(`${api(p)}/residents`, { residents });
  if (events.length > 0) await send(`${api(p)}/events`, { events });
  return p;
}

const early = (...ids: string[]): ResidentIn[] =>
  ids.map((id) => ({ id, name: id.toUpperCase(), joinedAt: EARLY }));

/** The graph at a moment as sorted node keys and sorted "x–y" pairs. */
async function graphAt(p: string, when: string, query = '') {
  const graph = await get<GraphExport>(`${api(p)}/graph?at=${encodeURIComponent(when)}${query}`);
  return {
    nodes: graph.nodes.map((n) => n.key).sort(),
    edges: graph.edges.map((e) => [e.source, e.target].sort().join('–')).sort(),
  };
}

t.test('a tie formed before t is present at t', async (t) => {
  const p = await scenario('tr-before', early('a', 'b'), [connect('a', 'b', at(-1))]);
  t.same((await graphAt(p, T)).edges, ['a–b']);
});

t.test('a tie formed exactly at t is present at t and absent a millisecond earlier', async (t) => {
  const p = await scenario('tr-at', early('a', 'b'), [connect('a', 'b', T)]);
  t.same((await graphAt(p, T)).edges, ['a–b']);
  t.same((await graphAt(p, '2025-03-10T11:59:59.999Z')).edges, []);
});

t.test('a tie formed after t is absent at t', async (t) => {
  const p = await scenario('tr-after', early('a', 'b'), [connect('a', 'b', at(1))]);
  t.same((await graphAt(p, T)).edges, []);
});

t.test('a tie ended before t is absent at t', async (t) => {
  const p = await scenario('tr-end-before', early('a', 'b'), [
    connect('a', 'b', at(-2)),
    disconnect('a', 'b', at(-1)),
  ]);
  t.same((await graphAt(p, T)).edges, []);
});

t.test('a tie ended exactly at t is absent at t', async (t) => {
  const p = await scenario('tr-end-at', early('a', 'b'), [
    connect('a', 'b', at(-2)),
    disconnect('b', 'a', T),
  ]);
  t.same((await graphAt(p, T)).edges, []);
});

t.test('a tie ended after t is present at t', async (t) => {
  const p = await scenario('tr-end-after', early('a', 'b'), [
    connect('a', 'b', at(-2)),
    disconnect('a', 'b', at(1)),
  ]);
  t.same((await graphAt(p, T)).edges, ['a–b']);
});

t.test('a pair that disconnects and reconnects is tied again after the reconnection', async (t) => {
  // connected at −3 h, ended at −2 h, connected again at −1 h
  const p = await scenario('tr-reconnect', early('a', 'b'), [
    connect('a', 'b', at(-3)),
    disconnect('a', 'b', at(-2)),
    connect('b', 'a', at(-1)),
  ]);
  t.same((await graphAt(p, at(-1.5))).edges, []);
  t.same((await graphAt(p, T)).edges, ['a–b']);
});

t.test('repeated connections between a pair make one edge', async (t) => {
  // a→b three times and b→a once: one undirected tie
  const p = await scenario('tr-repeat', early('a', 'b'), [
    connect('a', 'b', at(-4)),
    connect('a', 'b', at(-3)),
    connect('b', 'a', at(-2)),
    connect('a', 'b', at(-1)),
  ]);
  t.same((await graphAt(p, T)).edges, ['a–b']);
  const metrics = await get<{ graph: { edgeCount: number } }>(`${api(p)}/metrics?at=${T}`);
  t.equal(metrics.graph.edgeCount, 1);
});

t.test('a self-tie is ignored', async (t) => {
  const p = await scenario('tr-self', early('a', 'b'), [connect('a', 'a', at(-1))]);
  t.same(await graphAt(p, T), { nodes: ['a', 'b'], edges: [] });
  // two residents, no ties: both isolates
  const metrics = await get<{ graph: { edgeCount: number; isolates: number } }>(
    `${api(p)}/metrics?at=${T}`,
  );
  t.match(metrics.graph, { edgeCount: 0, isolates: 2 });
});

t.test('an `at` with a zone offset is the same instant as in UTC', async (t) => {
  // T is 12:00Z = 13:00+01:00 (the + percent-encoded, as a query string needs)
  const p = await scenario('tr-offset', early('a', 'b'), [connect('a', 'b', T)]);
  t.same((await graphAt(p, '2025-03-10T13:00:00+01:00')).edges, ['a–b']);
  t.same((await graphAt(p, '2025-03-10T12:59:59.999+01:00')).edges, []);
});

t.test('a resident who joins later is absent before joinedAt and present at it', async (t) => {
  // c joins at T; a names c an hour earlier, so the tie waits for c to join
  const p = await scenario(
    'tr-join',
    [...early('a', 'b'), { id: 'c', name: 'C', joinedAt: T }],
    [connect('a', 'b', at(-2)), connect('a', 'c', at(-1))],
  );
  t.same(await graphAt(p, '2025-03-10T11:59:59.999Z'), { nodes: ['a', 'b'], edges: ['a–b'] });
  t.same(await graphAt(p, T), { nodes: ['a', 'b', 'c'], edges: ['a–b', 'a–c'] });
});

t.test('a resident without joinedAt appears with their first event', async (t) => {
  // d has no joinedAt; their first event is the tie with a at T − 1 h
  const p = await scenario(
    'tr-join-event',
    [...early('a'), { id: 'd', name: 'D' }],
    [connect('d', 'a', at(-1))],
  );
  t.same(await graphAt(p, at(-2)), { nodes: ['a'], edges: [] });
  t.same(await graphAt(p, at(-1)), { nodes: ['a', 'd'], edges: ['a–d'] });
});

t.test(
  'the community filter keeps only that community and the ties among its residents',
  async (t) => {
    // north: n1, n2, n3; south: s1, s2. Ties n1–n2, n2–s1 (bridging), s1–s2. n3 has none.
    const residents = [
      ...['n1', 'n2', 'n3'].map((id) => ({ id, name: id, joinedAt: EARLY, communityId: 'north' })),
      ...['s1', 's2'].map((id) => ({ id, name: id, joinedAt: EARLY, communityId: 'south' })),
    ];
    const p = await scenario(
      'tr-community',
      residents,
      [connect('n1', 'n2', at(-3)), connect('n2', 's1', at(-2)), connect('s1', 's2', at(-1))],
      ['north', 'south'],
    );
    t.same(await graphAt(p, T, '&community=north'), {
      nodes: ['n1', 'n2', 'n3'],
      edges: ['n1–n2'],
    });
    t.same(await graphAt(p, T, '&community=south'), { nodes: ['s1', 's2'], edges: ['s1–s2'] });
    // north alone: 3 residents, 1 tie, n3 isolated, components {n1,n2} {n3}
    const metrics = await get<{ graph: Record<string, number> }>(
      `${api(p)}/metrics?at=${T}&community=north`,
    );
    t.match(metrics.graph, { nodeCount: 3, edgeCount: 1, isolates: 1, components: 2 });
  },
);

t.test('a daily timeline equals the network counted by hand at the end of each day', async (t) => {
  // a, b join 1 Apr 08:00; c joins 2 Apr 09:00; d joins 3 Apr 10:00.
  // a–b forms 1 Apr 10:00; b–c forms 2 Apr 12:00; a–b ends 3 Apr 09:00;
  // c–d forms at the very last millisecond of 3 Apr (which still counts for that day).
  const p = await scenario(
    'tr-timeline',
    [
      { id: 'a', name: 'A', joinedAt: '2025-04-01T08:00:00Z' },
      { id: 'b', name: 'B', joinedAt: '2025-04-01T08:00:00Z' },
      { id: 'c', name: 'C', joinedAt: '2025-04-02T09:00:00Z' },
      { id: 'd', name: 'D', joinedAt: '2025-04-03T10:00:00Z' },
    ],
    [
      connect('a', 'b', '2025-04-01T10:00:00Z'),
      connect('b', 'c', '2025-04-02T12:00:00Z'),
      disconnect('a', 'b', '2025-04-03T09:00:00Z'),
      connect('c', 'd', '2025-04-03T23:59:59.999Z'),
    ],
  );
  const { interval, points } = await get<{
    interval: string;
    points: {
      at: string;
      nodeCount: number;
      edgeCount: number;
      isolates: number;
      components: number;
    }[];
  }>(`${api(p)}/timeline?interval=day&from=2025-04-01T00:00:00Z&to=2025-04-03T12:00:00Z`);
  t.equal(interval, 'day');
  t.same(
    points.map((pt) => [pt.at, pt.nodeCount, pt.edgeCount, pt.isolates, pt.components]),
    [
      // 1 Apr: a, b; a–b
      ['2025-04-01T23:59:59.999Z', 2, 1, 0, 1],
      // 2 Apr: a, b, c; a–b, b–c
      ['2025-04-02T23:59:59.999Z', 3, 2, 0, 1],
      // 3 Apr: a, b, c, d; b–c, c–d; a isolated
      ['2025-04-03T23:59:59.999Z', 4, 2, 1, 2],
    ],
  );
});

t.test('a timeline without from and to spans the first to the last event', async (t) => {
  // events on 5 and 7 May: three days, 5, 6 and 7 May
  const p = await scenario('tr-timeline-span', early('a', 'b', 'c'), [
    connect('a', 'b', '2025-05-05T15:00:00Z'),
    connect('b', 'c', '2025-05-07T01:00:00Z'),
  ]);
  const { points } = await get<{ points: { at: string; edgeCount: number }[] }>(
    `${api(p)}/timeline?interval=day`,
  );
  t.same(
    points.map((pt) => [pt.at, pt.edgeCount]),
    [
      ['2025-05-05T23:59:59.999Z', 1],
      ['2025-05-06T23:59:59.999Z', 1],
      ['2025-05-07T23:59:59.999Z', 2],
    ],
  );
});

// Ego scenario: a path a–b–c–d with e hanging off b, and f alone.
//   a — b — c — d
//       |
//       e          f
async function egoScenario(name: string): Promise<string> {
  return scenario(name, early('a', 'b', 'c', 'd', 'e', 'f'), [
    connect('a', 'b', at(-4)),
    connect('b', 'c', at(-3)),
    connect('c', 'd', at(-2)),
    connect('b', 'e', at(-1)),
  ]);
}

async function egoAt(p: string, center: string, depth: number) {
  const graph = await get<GraphExport>(`${api(p)}/residents/${center}/ego?at=${T}&depth=${depth}`);
  return {
    nodes: graph.nodes.map((n) => n.key).sort(),
    edges: graph.edges.map((e) => [e.source, e.target].sort().join('–')).sort(),
  };
}

t.test(
  'the ego network at depth 1 is the resident, their neighbours and the ties among them',
  async (t) => {
    const p = await egoScenario('tr-ego1');
    // c's neighbours: b and d
    t.same(await egoAt(p, 'c', 1), { nodes: ['b', 'c', 'd'], edges: ['b–c', 'c–d'] });
  },
);

t.test('the ego network at depth 2 reaches the neighbours of neighbours', async (t) => {
  const p = await egoScenario('tr-ego2');
  // from c: b, d in one step; a, e through b in two; f never
  t.same(await egoAt(p, 'c', 2), {
    nodes: ['a', 'b', 'c', 'd', 'e'],
    edges: ['a–b', 'b–c', 'b–e', 'c–d'],
  });
});

t.test('the ego network of a resident before they join answers 404', async (t) => {
  const p = await scenario(
    'tr-ego-early',
    [...early('a'), { id: 'c', name: 'C', joinedAt: T }],
    [],
  );
  const response = await app.inject({
    method: 'GET',
    url: `${api(p)}/residents/c/ego?at=${at(-1)}`,
    headers: auth,
  });
  t.equal(response.statusCode, 404);
});

t.test('the ego network of an unknown resident answers 404', async (t) => {
  const p = await egoScenario('tr-ego404');
  const response = await app.inject({
    method: 'GET',
    url: `${api(p)}/residents/nobody/ego?at=${T}`,
    headers: auth,
  });
  t.equal(response.statusCode, 404);
  t.equal(response.json().error, 'not_found');
});

/** Loads a table scenario into a fresh project: its residents, the group, its events in one batch. */
async function loadTableScenario(scenario: Scenario): Promise<string> {
  const iso = (offset: number) => new Date(TABLE_T + offset).toISOString();
  const p = uniqueProject('tr-table');
  await createProject(app, p);
  await send(`${api(p)}/residents`, {
    residents: scenario.residents.map((r) => ({
      id: r.id,
      name: r.id,
      joinedAt: iso(r.joinedAt ?? EARLY_OFFSET),
      participant: r.participant ?? false,
    })),
  });
  await send(`${api(p)}/groups`, GROUP);
  await send(`${api(p)}/events`, {
    events: scenario.events.map((e) => sent(e)),
  });
  return p;
}

interface LayeredGraph {
  nodes: { key: string; attributes?: { layer?: string; participant?: boolean } }[];
  edges: { source: string; target: string; attributes?: { layer?: string } }[];
}

const pairOf = (a: string, b: string) => [a, b].sort().join('–');

/** The residents and ties a GraphML export holds, read back by graphology-graphml. */
function graphmlNetwork(text: string) {
  const graph = parseGraphml(Graph, text);
  return {
    nodes: graph.nodes().sort(),
    edges: graph.mapEdges((_, _a, source, target) => pairOf(source, target)).sort(),
  };
}

/** The rows of a CSV export, header first, read back by csv-parse. */
const csvRows = (text: string): string[][] => parseCsv(text) as string[][];

/**
 * The residents, ties and participants whose GEXF spells hold at `atMs`, read with xmldom: a spell
 * (or a dynamic attvalue) holds from its start, up to (not at) its endopen.
 */
function gexfAt(text: string, atMs: number) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const within = (bounded: Element) =>
    Date.parse(bounded.getAttribute('start')!) <= atMs &&
    (!bounded.hasAttribute('endopen') || atMs < Date.parse(bounded.getAttribute('endopen')!));
  const holds = (element: Element) =>
    Array.from(element.getElementsByTagName('spell')).some(within);
  const held = (tag: string) => Array.from(doc.getElementsByTagName(tag)).filter(holds);
  const participant = (node: Element) =>
    Array.from(node.getElementsByTagName('attvalue')).some(
      (a) =>
        a.getAttribute('for') === 'participant' && a.getAttribute('value') === 'true' && within(a),
    );
  return {
    nodes: held('node')
      .map((n) => n.getAttribute('id')!)
      .sort(),
    edges: held('edge')
      .map((e) => pairOf(e.getAttribute('source')!, e.getAttribute('target')!))
      .sort(),
    participants: held('node')
      .filter(participant)
      .map((n) => n.getAttribute('id')!)
      .sort(),
  };
}

for (const scenario of [...scenarios, ...retractionScenarios]) {
  t.test(`the API follows the time-rule table: ${scenario.name}`, async (t) => {
    const p = await loadTableScenario(scenario);
    for (const expected of scenario.expected) {
      const when = new Date(TABLE_T + expected.at).toISOString();
      const graph = await get<LayeredGraph>(`${api(p)}/graph?at=${when}&groups=true`);
      const isMembership = (e: LayeredGraph['edges'][number]) =>
        e.attributes?.layer === 'membership';
      const pair = (e: LayeredGraph['edges'][number]) => [e.source, e.target].sort().join('–');
      t.same(
        graph.nodes
          .filter((n) => n.attributes?.layer !== 'group')
          .map((n) => n.key)
          .sort(),
        expected.nodes,
        `residents at ${when}`,
      );
      t.same(
        graph.edges
          .filter((e) => !isMembership(e))
          .map(pair)
          .sort(),
        expected.edges,
        `ties at ${when}`,
      );
      t.same(
        graph.edges
          .filter(isMembership)
          .map((e) => `${e.source}–${GROUP.id}`)
          .sort(),
        expected.memberships,
        `memberships at ${when}`,
      );
      const participants = expected.participants ?? [];
      t.same(
        graph.nodes
          .filter((n) => n.attributes?.participant === true)
          .map((n) => n.key)
          .sort(),
        participants,
        `participants at ${when}`,
      );
      const network = { nodes: expected.nodes, edges: expected.edges };
      const file = (name: string) => text(`${api(p)}/${name}at=${encodeURIComponent(when)}`);
      t.same(graphmlNetwork(await file('export.graphml?')), network, `GraphML at ${when}`);
      const [, ...ties] = csvRows(await file('export.csv?table=ties&'));
      t.same(ties.map(([a, b]) => pairOf(a, b)).sort(), expected.edges, `CSV ties at ${when}`);
      const [header, ...residents] = csvRows(await file('export.csv?table=residents&'));
      t.same(residents.map(([id]) => id).sort(), expected.nodes, `CSV residents at ${when}`);
      const column = header.indexOf('participant');
      t.same(
        residents
          .filter((row) => row[column] === 'true')
          .map(([id]) => id)
          .sort(),
        participants,
        `CSV participants at ${when}`,
      );
      t.same(
        gexfAt(await file('export.gexf?'), TABLE_T + expected.at),
        { ...network, participants },
        `GEXF at ${when}`,
      );
    }
  });
}
