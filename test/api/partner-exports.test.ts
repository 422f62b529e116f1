// A partner's files say how they were de-identified, as the JSON answers' `privacy: {k,
// generalised}` does, each where the tools reading it look (docs/exports.md): Gephi's GEXF meta
// description, GraphML graph attributes (NetworkX's G.graph, read here by NetworkX itself), the
// RSiena README, and a response header on every file, CSV included. A resident whose participation
// is not shown is written as unknown (no value, an empty cell, NA), never as not taking part.
// k = 3; the classes are those of partner-network.test.ts, counted by hand there.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { NOTE_K3, seedPartnerClasses } from '../helpers/partner-classes.ts';
import { auth, createProject, testApp, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('partner-exports');
const api = `/api/v1/projects/${p}`;
const AT = '2025-07-01T00:00:00Z';
/** Debian's interpreter, where apt-get puts python3-networkx. */
const PYTHON = '/usr/bin/python3';

let app: FastifyInstance;
let partner: TestKey;
/** The pseudonyms of c1–c3 (community, participation and joining not shown), and of the rest. */
let hidden: string[] = [];
let shown: string[] = [];

t.before(async () => {
  app = await testApp(t, { PRIVACY_MIN_COUNT: 3 });
  await createProject(app, p);
  await seedPartnerClasses(app, api, [
    // c1 leaves and comes back: the replay meets them again while they are in the network
    { id: 'l1', type: 'leave', at: '2025-05-03T09:00:00Z', resident: 'c1' },
    { id: 'r1', type: 'return', at: '2025-06-04T09:00:00Z', resident: 'c1' },
  ]);
  partner = await issueKey(app, 'partner', [p], { network: true });
  const history = (await app.inject({ url: `${api}/history`, headers: partner.headers })).json();
  const residents = history.residents as { id: string; communityId: string | null }[];
  hidden = residents.filter((r) => r.communityId === null).map((r) => r.id);
  shown = residents.filter((r) => r.communityId !== null).map((r) => r.id);
});

const get = (url: string, headers: { authorization: string }) => app.inject({ url, headers });
/** The classes' note, and c1 alone on leaving in May: their leaving and returning are hidden. */
const NOTE = { ...NOTE_K3, generalised: { ...NOTE_K3.generalised, leavingHidden: 1 } };
const FILES = [
  `${api}/export.gexf?at=${AT}`,
  `${api}/export.graphml?at=${AT}`,
  `${api}/export.csv?at=${AT}`,
  `${api}/export.csv?at=${AT}&table=residents`,
  `${api}/export/siena.zip?moments=2025-03-01T00:00:00Z,${AT}`,
];

t.test('the classes are as counted: three residents with everything hidden', async (t) => {
  t.equal(hidden.length, 3);
  t.equal(shown.length, 7);
});

t.test('every file a partner downloads carries the privacy note in a header', async (t) => {
  for (const url of FILES) {
    const response = await get(url, partner.headers);
    t.equal(response.statusCode, 200, url);
    t.same(JSON.parse(String(response.headers['peoplemap-privacy'])), NOTE, url);
    const own = await get(url, auth);
    t.equal(own.headers['peoplemap-privacy'], undefined, `${url}: no note for an admin`);
  }
});

t.test('the GEXF says it in its description and leaves hidden participation out', async (t) => {
  const text = (await get(FILES[0], partner.headers)).body;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const description = doc.getElementsByTagName('description')[0].textContent!;
  t.match(description, /k = 3/);
  t.match(description, /participation not shown \(unknown\): 3/);
  const attribute = Array.from(doc.getElementsByTagName('attribute')).find(
    (a) => a.getAttribute('id') === 'participant',
  )!;
  t.equal(attribute.getElementsByTagName('default').length, 0, 'no default of false');
  const values = new Map(
    Array.from(doc.getElementsByTagName('node')).map((node) => [
      node.getAttribute('id')!,
      Array.from(node.getElementsByTagName('attvalue'))
        .filter((a) => a.getAttribute('for') === 'participant')
        .map((a) => a.getAttribute('value')),
    ]),
  );
  for (const id of hidden) t.same(values.get(id), [], `${id}: unknown`);
  // the seven shown are non-participants throughout
  for (const id of shown) t.same(values.get(id), ['false'], `${id}: not taking part`);
});

t.test('NetworkX reads the GraphML note as graph attributes', async (t) => {
  const text = (await get(FILES[1], partner.headers)).body;
  const script = [
    'import json, sys, networkx as nx',
    'g = nx.read_graphml(sys.stdin.buffer)',
    'nodes = {n: d.get("participant") for n, d in g.nodes(data=True)}',
    'print(json.dumps({"graph": g.graph, "nodes": nodes}))',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', script], { input: text, encoding: 'utf8' });
  t.equal(run.status, 0, run.stderr);
  const read = JSON.parse(run.stdout);
  t.equal(read.graph['privacy.k'], 3);
  for (const [step, count] of Object.entries(NOTE.generalised))
    t.equal(read.graph[`privacy.generalised.${step}`], count, step);
  for (const id of hidden) t.equal(read.nodes[id], null, `${id}: no participant value`);
  for (const id of shown) t.equal(read.nodes[id], false, `${id}: not taking part`);
});

t.test('the residents CSV leaves hidden participation empty', async (t) => {
  const rows = parseCsv((await get(FILES[3], partner.headers)).body, { columns: true }) as Record<
    string,
    string
  >[];
  const participant = new Map(rows.map((r) => [r.id, r.participant]));
  // c1 left in May and came back in June, which is not shown: present from joining on
  for (const id of hidden) t.equal(participant.get(id), '', `${id}: empty`);
  for (const id of shown) t.equal(participant.get(id), 'false', id);
});

t.test('the RSiena README says it, and residents.csv has NA for unknown', async (t) => {
  const zip = unzipSync((await get(FILES[4], partner.headers)).rawPayload);
  const readme = strFromU8(zip['README.txt']);
  t.match(readme, /k = 3/);
  t.match(readme, /memberships withheld: 3/);
  t.match(readme, /leaving and returning not shown: 1/);
  const rows = parseCsv(strFromU8(zip['residents.csv']), { columns: true }) as Record<
    string,
    string
  >[];
  const participant = new Map(rows.map((r) => [r.id, r.participant]));
  for (const id of hidden) t.equal(participant.get(id), 'NA', id);
  for (const id of shown) t.equal(participant.get(id), '0', id);
});
