// GEXF and the join rule: a tie's spells start no earlier than both residents have joined, so
// Gephi never shows an edge to a node that is not there yet. Read back with @xmldom/xmldom and
// graphology-gexf, parsers that share nothing with the exporter.
import t from 'tap';
import { tie, untie } from '../helpers/events.ts';
import type { FastifyInstance } from 'fastify';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

let app: FastifyInstance;
let gexf = '';

// a, b join 1 Mar; c joins 10 Mar; d joins 20 Mar.
// a–b connected 2 Mar: spell from 2 Mar.
// a–c connected 1 Mar (before c joined): spell from 10 Mar, when c joins.
// a–d connected 1 Mar and ended 5 Mar, all before d joined: no spell, no edge.
t.before(async () => {
  app = await buildApp(testConfig());
  const p = uniqueProject('gexf-join');
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'a', name: 'A', joinedAt: '2025-03-01T00:00:00Z' },
      { id: 'b', name: 'B', joinedAt: '2025-03-01T00:00:00Z' },
      { id: 'c', name: 'C', joinedAt: '2025-03-10T00:00:00Z' },
      { id: 'd', name: 'D', joinedAt: '2025-03-20T00:00:00Z' },
    ],
  });
  await postOk(app, `${api}/events`, {
    events: [
      tie('e1', 'a', 'c', '2025-03-01T00:00:00Z'),
      tie('e2', 'a', 'd', '2025-03-01T00:00:00Z'),
      tie('e3', 'a', 'b', '2025-03-02T00:00:00Z'),
      untie('e4', 'a', 'd', '2025-03-05T00:00:00Z'),
    ],
  });
  const response = await app.inject({
    url: `${api}/export.gexf?at=2025-04-01T00:00:00Z`,
    headers: auth,
  });
  gexf = response.body;
});
t.teardown(() => app.close());

function spellsOf(tag: string): Map<string, (string | null)[][]> {
  const doc = new DOMParser().parseFromString(gexf, 'application/xml');
  return new Map(
    Array.from(doc.getElementsByTagName(tag)).map((element) => [
      element.getAttribute('id')!,
      Array.from(element.getElementsByTagName('spell')).map((s) => [
        s.getAttribute('start'),
        s.getAttribute('endopen') || null,
      ]),
    ]),
  );
}

t.test('a tie named before a resident joined starts in the file when they join', async (t) => {
  const edges = spellsOf('edge');
  t.same(edges.get('a|c'), [['2025-03-10T00:00:00.000Z', null]]);
  t.same(edges.get('a|b'), [['2025-03-02T00:00:00.000Z', null]]);
});

t.test('a tie that ended before a resident joined is not in the file', async (t) => {
  t.same([...spellsOf('edge').keys()].sort(), ['a|b', 'a|c']);
  t.equal(parseGexf(Graph, gexf).size, 2);
});

t.test('no edge spell starts before the spells of both its nodes', async (t) => {
  const nodes = spellsOf('node');
  const graph = parseGexf(Graph, gexf);
  for (const [id, spells] of spellsOf('edge')) {
    const [source, target] = graph.extremities(id);
    const joined = [nodes.get(source)![0][0]!, nodes.get(target)![0][0]!].sort().at(-1)!;
    for (const [start] of spells)
      t.ok(start! >= joined, `${id} starts ${start}, both in ${joined}`);
  }
});
