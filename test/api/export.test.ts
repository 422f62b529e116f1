// Exports in open formats, read back by independent parsers (graphology-gexf, graphology-graphml,
// xmldom): GEXF replays the ties' spells; GraphML and CSV hold the network at one moment.
import t from 'tap';
import { tie, untie } from '../helpers/events.ts';
import { DOMParser } from '@xmldom/xmldom';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { auth, postOk, projectWith, testApp } from '../helpers/server.ts';

const TRICKY = 'Zoë & "Co" <x>';

t.test('exports', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'export');
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'a', name: TRICKY, joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'b', name: '=HYPERLINK("http://x")', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'c', name: 'C', joinedAt: '2025-03-01T00:00:00Z' },
    ],
  });
  await postOk(app, `${api}/events`, {
    events: [
      tie('e1', 'a', 'b', '2025-01-10T00:00:00Z'),
      untie('e2', 'a', 'b', '2025-02-10T00:00:00Z'),
      tie('e3', 'b', 'c', '2025-03-05T00:00:00Z'),
      tie('e4', 'b', 'a', '2025-04-01T00:00:00Z'),
    ],
  });
  const file = async (path: string) => {
    const response = await app.inject({ url: `${api}/${path}`, headers: auth });
    t.equal(response.statusCode, 200, `${path}: ${response.body.slice(0, 200)}`);
    return response;
  };

  t.test(
    'GEXF carries every spell of a tie, end-open, and residents from when they join',
    async (t) => {
      const response = await file('export.gexf?at=2025-05-01T00:00:00Z');
      t.match(response.headers['content-type'], 'application/gexf+xml');
      const graph = parseGexf(Graph, response.body);
      t.same(graph.nodes().sort(), ['a', 'b', 'c']);
      t.equal(graph.size, 2, 'the pairs a–b and b–c');
      t.equal(graph.getNodeAttribute('a', 'label'), TRICKY, 'names survive XML escaping');

      const doc = new DOMParser().parseFromString(response.body, 'application/xml');
      const spellsOf = (tag: string, id: string) => {
        const elements = Array.from(doc.getElementsByTagName(tag));
        const element = elements.find((e) => e.getAttribute('id') === id)!;
        return Array.from(element.getElementsByTagName('spell')).map((s) => [
          s.getAttribute('start'),
          s.getAttribute('endopen') || null,
        ]);
      };
      // a–b: formed 10 Jan, ended 10 Feb, formed again 1 Apr and still holding.
      t.same(spellsOf('edge', 'a|b'), [
        ['2025-01-10T00:00:00.000Z', '2025-02-10T00:00:00.000Z'],
        ['2025-04-01T00:00:00.000Z', null],
      ]);
      t.same(spellsOf('node', 'c'), [['2025-03-01T00:00:00.000Z', null]]);
    },
  );

  t.test('GEXF up to a moment leaves out what came after it', async (t) => {
    const graph = parseGexf(Graph, (await file('export.gexf?at=2025-02-15T00:00:00Z')).body);
    t.same(graph.nodes().sort(), ['a', 'b'], 'c joins on 1 March');
    t.equal(graph.size, 1, 'a–b, whose only spell then had already ended');
  });

  t.test('GraphML holds the network at the moment', async (t) => {
    const ended = parseGraphml(Graph, (await file('export.graphml?at=2025-02-15T00:00:00Z')).body);
    t.same(ended.nodes().sort(), ['a', 'b']);
    t.equal(ended.size, 0, 'a–b had ended on 10 February');
    const later = parseGraphml(Graph, (await file('export.graphml?at=2025-05-01T00:00:00Z')).body);
    t.equal(later.order, 3);
    t.equal(later.size, 2);
    t.equal(later.getNodeAttribute('a', 'name'), TRICKY);
  });

  t.test(
    'CSV tables: ties, and residents with degree, safe to open in a spreadsheet',
    async (t) => {
      const ties = (await file('export.csv?at=2025-05-01T00:00:00Z')).body.trim().split('\r\n');
      t.equal(ties[0], 'source,target,kind,strength,distance,formedAt,lastAt');
      t.equal(ties.length, 3, 'a header and two ties');
      const residents = (await file('export.csv?at=2025-05-01T00:00:00Z&table=residents')).body
        .trim()
        .split('\r\n');
      t.equal(residents.length, 4);
      const byId = new Map(residents.slice(1).map((line) => [line.split(',')[0], line]));
      t.match(byId.get('a'), /,1$/, 'a is tied to b');
      t.match(byId.get('b'), /,2$/, 'b is tied to a and c');
      t.match(byId.get('c'), /,1$/);
      t.match(
        byId.get('b'),
        /^b,"'=HYPERLINK\(""http:\/\/x""\)",/,
        'a formula is defused and quoted',
      );
      t.match(byId.get('a'), /^a,"Zoë & ""Co"" <x>",/);
    },
  );
});
