// A community's mixing in the whole network against random mixing, on a hand-made network; the
// expected values and p come from enumerating every labeling over NetworkX
// (test/metrics/reference/mixing-networkx.py, its output in the comments).
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import { eiIndex } from '../../server/metrics/evaluation.ts';
import { communityMixing, mixingByCommunity } from '../../server/metrics/mixing.ts';

// a1–a2–a3 in A, b1–b2–b3 in B, one tie a1–b1 between them, and x (no community) tied to a1.
const graph = new UndirectedGraph();
const community: Record<string, string | null> = {
  a1: 'A',
  a2: 'A',
  a3: 'A',
  b1: 'B',
  b2: 'B',
  b3: 'B',
  x: null,
};
for (const [id, communityId] of Object.entries(community)) graph.addNode(id, { communityId });
for (const [a, b] of [
  ['a1', 'a2'],
  ['a2', 'a3'],
  ['a1', 'b1'],
  ['b1', 'b2'],
  ['b2', 'b3'],
  ['x', 'a1'],
])
  graph.addEdge(a, b);

// A: external 1, internal 2, ei −1/3, eiExpected 23/50, bridgingExpected 73/100, p 2/20, 20 labelings
t.test('a community’s row is read in the whole network, against random mixing', async (t) => {
  const a = communityMixing(graph, 'A');
  t.match(a, { external: 1, internal: 2, permutations: 20, exact: true });
  t.ok(Math.abs(a.ei! - -1 / 3) < 1e-12);
  t.ok(Math.abs(a.bridging! - 1 / 3) < 1e-12);
  t.ok(Math.abs(a.eiExpected! - 23 / 50) < 1e-12, `expected ${a.eiExpected}`);
  t.ok(Math.abs(a.bridgingExpected! - 73 / 100) < 1e-12, `expected ${a.bridgingExpected}`);
  t.ok(Math.abs(a.p! - 2 / 20) < 1e-12, `p ${a.p}`);
  t.equal(a.ei, eiIndex(graph, 'communityId').byValue.A, 'the E-I index’s own row');
});

t.test('every community has its row, or only the one asked for', async (t) => {
  t.same(Object.keys(mixingByCommunity(graph)), ['A', 'B']);
  t.same(Object.keys(mixingByCommunity(graph, 'B')), ['B']);
  t.same(mixingByCommunity(graph, 'nowhere'), {});
});

t.test('a community with no ties has no index and no p', async (t) => {
  const lonely = graph.copy();
  lonely.addNode('c1', { communityId: 'C' });
  t.match(communityMixing(lonely, 'C'), {
    external: 0,
    internal: 0,
    ei: null,
    bridging: null,
    p: null,
  });
});
