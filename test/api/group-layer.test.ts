// `graph?groups=true` adds the bipartite layer: groups with members at the moment, and the
// memberships in force (membership opens, departure closes; events at exactly `at` count). Group
// nodes are keyed `group/<id>`: a resident id can never hold a `/`, so the two never collide.
import t from 'tap';
import { inGroup } from '../helpers/events.ts';
import { auth, joinedEarly, projectWith, testApp } from '../helpers/server.ts';

interface Exported {
  nodes: { key: string; attributes: Record<string, unknown> }[];
  edges: { source: string; target: string; attributes: Record<string, unknown> }[];
}

t.test('the group layer follows memberships and departures through time', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'groups', {
    residents: joinedEarly('a', 'b'),
    groups: [
      { id: 'garden', name: 'Garden club', kind: 'association' },
      { id: 'choir', name: 'Choir', kind: 'informal' },
    ],
    events: [
      inGroup('membership', 'm1', 'a', 'garden', '2025-02-01T10:00:00Z'),
      inGroup('membership', 'm2', 'b', 'garden', '2025-02-02T10:00:00Z'),
      inGroup('departure', 'd1', 'a', 'garden', '2025-02-03T10:00:00Z'),
      inGroup('membership', 'm3', 'b', 'choir', '2025-02-04T10:00:00Z'),
    ],
  });
  const layer = async (at: string) => {
    const response = await app.inject({ url: `${api}/graph?at=${at}&groups=true`, headers: auth });
    t.equal(response.statusCode, 200);
    const graph = response.json() as Exported;
    return {
      groups: graph.nodes
        .filter((n) => n.attributes.layer === 'group')
        .map((n) => n.key)
        .sort(),
      memberships: graph.edges
        .filter((e) => e.attributes.layer === 'membership')
        .map((e) => `${e.source}-${e.target}`)
        .sort(),
    };
  };

  // 2 Feb 10:00 exactly: b's membership counts; a joined the day before.
  t.same(await layer('2025-02-02T10:00:00Z'), {
    groups: ['group/garden'],
    memberships: ['a-group/garden', 'b-group/garden'],
  });
  // 3 Feb 10:00 exactly: a's departure counts.
  t.same(await layer('2025-02-03T10:00:00Z'), {
    groups: ['group/garden'],
    memberships: ['b-group/garden'],
  });
  // 5 Feb: b is in both groups.
  t.same(await layer('2025-02-05T00:00:00Z'), {
    groups: ['group/choir', 'group/garden'],
    memberships: ['b-group/choir', 'b-group/garden'],
  });

  const plain = await app.inject({ url: `${api}/graph?at=2025-02-05T00:00:00Z`, headers: auth });
  t.same(
    (plain.json() as Exported).nodes.map((n) => n.key).sort(),
    ['a', 'b'],
    'without groups=true the graph is the resident network alone',
  );
});

t.test('a resident whose id reads like a group key stays apart from that group', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'groups-clash', {
    residents: [
      ...joinedEarly('a'),
      { id: 'group:garden', name: 'Gardener', joinedAt: '2025-01-01T00:00:00Z' },
    ],
    groups: [{ id: 'garden', name: 'Garden club', kind: 'association' }],
    events: [
      inGroup('membership', 'm1', 'a', 'garden', '2025-02-01T10:00:00Z'),
      inGroup('membership', 'm2', 'group:garden', 'garden', '2025-02-01T10:00:00Z'),
    ],
  });
  const response = await app.inject({
    url: `${api}/graph?at=2025-03-01T00:00:00Z&groups=true`,
    headers: auth,
  });
  t.equal(response.statusCode, 200, response.body.slice(0, 300));
  const graph = response.json() as Exported;
  t.same(graph.nodes.map((n) => `${n.key}:${n.attributes.layer ?? 'resident'}`).sort(), [
    'a:resident',
    'group/garden:group',
    'group:garden:resident',
  ]);
  t.same(
    graph.edges
      .filter((e) => e.attributes.layer === 'membership')
      .map((e) => `${e.source}-${e.target}`)
      .sort(),
    ['a-group/garden', 'group:garden-group/garden'],
  );
});
