// Ego networks on a hand-drawn path a – b – c – d – e with a chord b – d.
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import { keepEgoNetwork } from '../../server/metrics/ego.ts';
import type { ResidentNetwork } from '../../server/metrics/moment.ts';

function path(): ResidentNetwork {
  const graph = new UndirectedGraph() as ResidentNetwork;
  for (const id of ['a', 'b', 'c', 'd', 'e', 'x']) graph.addNode(id);
  for (const [s, u] of [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'e'],
    ['b', 'd'],
  ])
    graph.addEdge(s, u);
  return graph;
}

t.test('depth 1 keeps the neighbours and the ties among them', async (t) => {
  const graph = path();
  keepEgoNetwork(graph, 'b', 1);
  t.same(graph.nodes().sort(), ['a', 'b', 'c', 'd']);
  // a–b, b–c, c–d, b–d: the tie between two neighbours (c–d) stays, as in networkx.ego_graph.
  t.equal(graph.size, 4);
});

t.test('depth 2 reaches friends of friends; an isolate is never reached', async (t) => {
  const graph = path();
  keepEgoNetwork(graph, 'a', 2);
  t.same(graph.nodes().sort(), ['a', 'b', 'c', 'd']);
  const isolate = path();
  keepEgoNetwork(isolate, 'x', 3);
  t.same(isolate.nodes(), ['x']);
});

t.test('an unknown center is refused', async (t) => {
  t.throws(() => keepEgoNetwork(path(), 'nobody', 1), /no resident "nobody"/);
});
