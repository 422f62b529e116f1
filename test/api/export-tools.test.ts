// The snippets of docs/exports.md, run as written on this API's exports: NetworkX (Debian's
// python3-networkx under /usr/bin/python3), R igraph and R statnet read the files and their
// numbers equal /metrics and /metrics?weighted=true; Gephi's timeline is checked through its GEXF.
import t, { type Test } from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DOMParser } from '@xmldom/xmldom';
import Graph, { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import florentineFamilies from 'graphology-generators/social/florentine-families.js';
import type { Event } from '../../server/contract.ts';
import { retraction, tie, untie } from '../helpers/events.ts';
import { auth, projectWith, testApp } from '../helpers/server.ts';

const AT = '2025-06-01T00:00:00Z';
/**
 * Weighted betweenness where two paths are equally long in exact arithmetic (7/3 from Lamberteschi
 * to Castellani by Peruzzi and by Strozzi) but not in floating point: NetworkX and /metrics compare
 * sums exactly and count one path, igraph compares within a tolerance and counts both
 * (export-tools-exact.py beside this file).
 */
const FLOAT_TIES = {
  peruzzi: { networkx: 0.016544117647058824, exact: 0.014705882352941176 },
  strozzi: { networkx: 0.10110294117647059, exact: 0.10294117647058823 },
};
const TOLERANCE = 1e-9;
/** Debian's interpreter, where apt-get puts python3-networkx (a pyenv `python3` may come first on PATH). */
const PYTHON = '/usr/bin/python3';

/** Padgett's Florentine families with strengths 1–3, a refreshed tie, an ended one, a retracted one, a pair apart and a loner. */
function programme() {
  const families = florentineFamilies(UndirectedGraph);
  const id = (family: string) => family.toLowerCase();
  const residents = [...families.nodes(), 'Ada', 'Bea', 'Loner'].map((name) => ({
    id: id(name),
    name,
    joinedAt: '2025-01-01T00:00:00Z',
  }));
  const events: Event[] = families.edges().map((edge, i) => {
    const [a, b] = families.extremities(edge);
    return tie(`f${i}`, id(a), id(b), '2025-02-01T00:00:00Z', { strength: ((i % 3) + 1) as 1 });
  });
  events.push(
    tie('refresh', 'medici', 'acciaiuoli', '2025-03-01T00:00:00Z', { strength: 3 }),
    tie('pair', 'ada', 'bea', '2025-02-01T00:00:00Z', { strength: 2 }),
    tie('ended', 'medici', 'strozzi', '2025-02-01T00:00:00Z', { strength: 3 }),
    untie('end', 'medici', 'strozzi', '2025-04-01T00:00:00Z'),
    tie('mistake', 'pazzi', 'ginori', '2025-02-01T00:00:00Z', { strength: 3 }),
    retraction('undo', 'mistake', '2025-02-02T00:00:00Z'),
  );
  return { residents, events };
}

/** The fenced block of docs/exports.md whose first line names `file`. */
function snippet(file: string): string {
  const doc = readFileSync(new URL('../../docs/exports.md', import.meta.url), 'utf8');
  const block = [...doc.matchAll(/```\w+\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .find((code) => code.startsWith(`# ${file}:`));
  if (!block) throw new Error(`docs/exports.md has no snippet ${file}`);
  return block;
}

/** Runs a snippet in `dir` and returns what it printed; fails the test with its stderr otherwise. */
function run(t: Test, command: string, file: string, dir: string): string {
  writeFileSync(join(dir, file), snippet(file));
  const result = spawnSync(command, [file], { cwd: dir, encoding: 'utf8' });
  t.equal(result.status, 0, `${command} ${file}: ${result.error ?? result.stderr}`);
  return result.stdout;
}

type Row = Record<string, string>;
const readRows = (path: string): Row[] => parseCsv(readFileSync(path, 'utf8'), { columns: true });

type Metrics = { graph: Record<string, number>; nodes: Record<string, Record<string, number>> };

t.test('the export snippets give /metrics’ numbers in each tool', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'export-tools', programme());
  const dir = mkdtempSync(join(tmpdir(), 'peoplemap-export-tools-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const get = async (path: string) => {
    const response = await app.inject({ url: `${api}/${path}`, headers: auth });
    t.equal(response.statusCode, 200, path);
    return response.body;
  };
  const unweighted: Metrics = JSON.parse(await get(`metrics?at=${AT}`));
  const weighted: Metrics = JSON.parse(await get(`metrics?at=${AT}&weighted=true`));
  writeFileSync(join(dir, 'network.graphml'), await get(`export.graphml?at=${AT}`));
  writeFileSync(join(dir, 'ties.csv'), await get(`export.csv?table=ties&at=${AT}`));
  writeFileSync(join(dir, 'residents.csv'), await get(`export.csv?table=residents&at=${AT}`));
  t.equal(unweighted.graph.nodeCount, 18, 'fifteen families, a pair apart and a loner');
  t.equal(unweighted.graph.edgeCount, 21, 'twenty family ties and the pair');

  /** Every metric of every resident in `rows` equals the API's, under the API's name `as`. */
  const same = (
    t: Test,
    rows: Row[],
    api: Metrics,
    columns: Record<string, string>,
    what: string,
  ) => {
    t.equal(rows.length, unweighted.graph.nodeCount, `${what}: one row per resident`);
    let compared = 0;
    for (const row of rows) {
      for (const [column, field] of Object.entries(columns)) {
        const expected = api.nodes[row.id][field];
        const actual = Number(row[column]);
        if (Math.abs(actual - expected) > TOLERANCE)
          t.fail(`${what} ${row.id} ${column}: ${actual}, /metrics says ${expected}`);
        compared += 1;
      }
    }
    t.equal(compared, rows.length * Object.keys(columns).length, `${what}: every value compared`);
  };
  const identity = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, f]));

  t.test('NetworkX reads the GraphML, unweighted and weighted', async (t) => {
    const printed = run(t, PYTHON, 'peoplemap-networkx.py', dir);
    const all = identity([
      'degree',
      'degreeCentrality',
      'betweenness',
      'closeness',
      'eigenvector',
      'pagerank',
      'clustering',
    ]);
    same(t, readRows(join(dir, 'networkx-unweighted.csv')), unweighted, all, 'networkx');
    same(t, readRows(join(dir, 'networkx-weighted.csv')), weighted, all, 'networkx weighted');
    const density = Number(/density (\S+)/.exec(printed)?.[1]);
    t.ok(Math.abs(density - unweighted.graph.density) < TOLERANCE, `density ${density}`);
  });

  t.test(
    'weighted betweenness follows NetworkX where paths tie only in exact arithmetic',
    async (t) => {
      for (const [id, { networkx }] of Object.entries(FLOAT_TIES))
        t.ok(Math.abs(weighted.nodes[id].betweenness - networkx) < TOLERANCE, id);
    },
  );

  t.test('R igraph reads the GraphML, unweighted and weighted', async (t) => {
    const printed = run(t, 'Rscript', 'peoplemap-igraph.R', dir);
    same(
      t,
      readRows(join(dir, 'igraph-unweighted.csv')),
      unweighted,
      identity(['degree', 'betweenness', 'closeness', 'eigenvector', 'pagerank', 'clustering']),
      'igraph',
    );
    const exactly = structuredClone(weighted);
    for (const [id, { exact }] of Object.entries(FLOAT_TIES)) exactly.nodes[id].betweenness = exact;
    same(
      t,
      readRows(join(dir, 'igraph-weighted.csv')),
      exactly,
      identity(['betweenness', 'closeness', 'eigenvector', 'pagerank']),
      'igraph weighted (betweenness exact where paths tie)',
    );
    const graph = (name: string) => Number(new RegExp(`${name} (\\S+)`).exec(printed)?.[1]);
    for (const name of ['density', 'components', 'transitivity', 'degreeCentralization'])
      t.ok(
        Math.abs(graph(name) - unweighted.graph[name]) < TOLERANCE,
        `${name}: igraph ${graph(name)}, /metrics ${unweighted.graph[name]}`,
      );
  });

  t.test('R statnet reads the two CSV tables', async (t) => {
    const printed = run(t, 'Rscript', 'peoplemap-statnet.R', dir);
    const rows = readRows(join(dir, 'statnet.csv'));
    same(t, rows, unweighted, identity(['degree', 'betweenness', 'closeness']), 'statnet');
    same(
      t,
      rows,
      weighted,
      { weightedBetweenness: 'betweenness', weightedCloseness: 'closeness' },
      'statnet weighted',
    );
    const graph = (name: string) => Number(new RegExp(`${name} (\\S+)`).exec(printed)?.[1]);
    for (const name of ['density', 'components', 'transitivity'])
      t.ok(
        Math.abs(graph(name) - unweighted.graph[name]) < TOLERANCE,
        `${name}: statnet ${graph(name)}, /metrics ${unweighted.graph[name]}`,
      );
  });

  t.test('GraphML carries strength and distance, and weight only when asked', async (t) => {
    const plain = await get(`export.graphml?at=${AT}`);
    t.notMatch(plain, /attr\.name="weight"/, 'no weight by default');
    const graph = parseGraphml(Graph, plain);
    const edge = graph.edge('medici', 'acciaiuoli') ?? graph.edge('acciaiuoli', 'medici');
    t.same(
      [graph.getEdgeAttribute(edge, 'strength'), graph.getEdgeAttribute(edge, 'distance')],
      [3, 1 / 3],
      'the refreshed tie: the latest strength and its inverse',
    );
    for (const [weight, expected] of [
      ['strength', 3],
      ['distance', 1 / 3],
    ] as const) {
      const asked = parseGraphml(Graph, await get(`export.graphml?at=${AT}&weight=${weight}`));
      const e = asked.edge('medici', 'acciaiuoli') ?? asked.edge('acciaiuoli', 'medici');
      t.equal(asked.getEdgeAttribute(e, 'weight'), expected, `weight=${weight}`);
    }
    const bad = await app.inject({ url: `${api}/export.graphml?weight=length`, headers: auth });
    t.equal(bad.statusCode, 400);
    t.equal(bad.json().details[0].path, 'weight');
  });

  t.test('Gephi’s timeline: the GEXF at each moment is /graph’s network', async (t) => {
    const gexf = await get('export.gexf');
    t.match(gexf, /mode="dynamic"[^>]*timeformat="datetime"/);
    const edges = Array.from(
      new DOMParser().parseFromString(gexf, 'application/xml').getElementsByTagName('edge'),
    );
    const pair = (a: string, b: string) => [a, b].sort().join('|');
    const heldAt = (moment: string) =>
      edges
        .filter((edge) =>
          Array.from(edge.getElementsByTagName('spell')).some((spell) => {
            const from = new Date(spell.getAttribute('start')!).getTime();
            const to = spell.getAttribute('endopen');
            const at = new Date(moment).getTime();
            return from <= at && (!to || at < new Date(to).getTime());
          }),
        )
        .map((edge) => pair(edge.getAttribute('source')!, edge.getAttribute('target')!))
        .sort();
    type Network = { edges: { source: string; target: string; attributes: { weight: number } }[] };
    for (const moment of ['2025-03-15T00:00:00Z', AT]) {
      const graph: Network = JSON.parse(await get(`graph?at=${moment}`));
      t.same(
        heldAt(moment),
        graph.edges.map((e) => pair(e.source, e.target)).sort(),
        `the ties held at ${moment}`,
      );
    }
    t.not(heldAt('2025-03-15T00:00:00Z').length, heldAt(AT).length, 'medici–strozzi ended');

    const history = parseGexf(Graph, gexf);
    const graph: Network = JSON.parse(await get(`graph?at=${AT}`));
    for (const e of graph.edges) {
      const edge = history.edge(e.source, e.target) ?? history.edge(e.target, e.source);
      const a = history.getEdgeAttributes(edge);
      if (
        a.weight !== e.attributes.weight ||
        a.strength !== a.weight ||
        a.distance !== 1 / a.weight
      )
        t.fail(`${e.source}–${e.target}: ${JSON.stringify(a)}`);
    }
    t.pass('every tie’s weight and strength are /graph’s, its distance their inverse');
  });
});
