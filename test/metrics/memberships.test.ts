// Membership spells and the bipartite group layer, on hand-made event lists.
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import {
  addGroupLayer,
  membershipSpells,
  type MembershipEvent,
} from '../../server/metrics/memberships.ts';

const joins = (atMs: number, resident = 'a', group = 'g'): MembershipEvent => ({
  type: 'membership',
  atMs,
  resident,
  group,
});
const leaves = (atMs: number, resident = 'a', group = 'g'): MembershipEvent => ({
  type: 'departure',
  atMs,
  resident,
  group,
});

t.test(
  'a departure closes the spell a membership opened, and a new membership opens another',
  async (t) => {
    const [history] = membershipSpells([joins(10), leaves(20), joins(30)]);
    t.same(history.spells, [
      { fromMs: 10, toMs: 20 },
      { fromMs: 30, toMs: null },
    ]);
  },
);

t.test(
  'a repeated membership changes nothing and a departure without one is ignored',
  async (t) => {
    const [history] = membershipSpells([leaves(5), joins(10), joins(15), leaves(20)]);
    t.same(history.spells, [{ fromMs: 10, toMs: 20 }]);
  },
);

t.test('joining and leaving at the same instant leaves no spell', async (t) => {
  t.same(membershipSpells([joins(10), leaves(10)]), []);
});

function residents(...ids: string[]) {
  const graph = new UndirectedGraph();
  for (const id of ids) graph.addNode(id, { name: id });
  return graph;
}

const groups = [
  { id: 'g', name: 'Garden club', kind: 'association', communityId: null },
  { id: 'h', name: 'Choir', kind: 'informal', communityId: null },
];

t.test(
  'the group layer holds the memberships in force at the moment (a departure at t counts)',
  async (t) => {
    const spells = membershipSpells([joins(10, 'a'), joins(12, 'b'), leaves(20, 'a')]);
    const at = (ms: number) => {
      const graph = residents('a', 'b');
      addGroupLayer(graph, groups, spells, ms);
      return graph;
    };
    // At 15 both are members: one group node, two membership edges.
    t.same(at(15).edges().sort(), ['a|group/g', 'b|group/g']);
    t.same(at(15).getNodeAttributes('group/g'), {
      layer: 'group',
      name: 'Garden club',
      kind: 'association',
      communityId: null,
    });
    // At 20 a's departure counts: only b remains.
    t.same(at(20).edges(), ['b|group/g']);
    // At 11 only a has joined; the choir has no members and is not drawn.
    t.same(at(11).edges(), ['a|group/g']);
    t.equal(at(11).hasNode('group/h'), false);
  },
);

t.test('memberships of residents outside the network are left out', async (t) => {
  const graph = residents('b');
  addGroupLayer(graph, groups, membershipSpells([joins(10, 'a')]), 15);
  t.equal(graph.order, 1, 'only b, no group without a member shown');
  t.equal(graph.size, 0);
});
