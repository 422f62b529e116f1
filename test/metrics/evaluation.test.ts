// ABCD evaluation measures on small networks counted by hand (Krackhardt & Stern 1988 for E-I).
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import { graphMetrics } from '../../server/metrics/graph-metrics.ts';
import {
  bridgingShare,
  change,
  eiIndex,
  isolateCohort,
  participantReach,
} from '../../server/metrics/evaluation.ts';

type Person = [id: string, communityId: string | null, participant?: boolean];

function network(people: Person[], ties: Array<[string, string]>): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const [id, communityId, participant = false] of people)
    graph.addNode(id, { communityId, participant });
  for (const [a, b] of ties) graph.addEdge(a, b, { weight: 1, distance: 1 });
  return graph;
}

// north {a,b,c}, south {d,e}, east {h} with no ties, f without a community.
// Ties: a–b, b–c inside north; c–d across; d–e inside south; e–f left out (f has no community).
const neighbourhood = network(
  [
    ['a', 'north'],
    ['b', 'north'],
    ['c', 'north'],
    ['d', 'south'],
    ['e', 'south'],
    ['f', null],
    ['h', 'east'],
  ],
  [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'e'],
    ['e', 'f'],
  ],
);

t.test(
  'the E-I index counts external against internal ties overall and per community',
  async (t) => {
    // Overall E=1, I=3 → −2/4. north E=1, I=2 → −1/3. south E=1, I=1 → 0. east has no tie → null.
    const ei = eiIndex(neighbourhood, 'communityId');
    t.equal(ei.overall, -0.5);
    t.same(ei.byValue, { north: -1 / 3, south: 0, east: null });
  },
);

t.test('the E-I index is null when no tie joins two residents with the attribute', async (t) => {
  t.same(
    eiIndex(
      network(
        [
          ['a', null],
          ['b', 'north'],
        ],
        [['a', 'b']],
      ),
      'communityId',
    ),
    {
      overall: null,
      byValue: { north: null },
    },
  );
});

t.test('the bridging share is the share of ties across communities', async (t) => {
  t.equal(bridgingShare(neighbourhood, 'communityId'), 1 / 4);
  t.equal(bridgingShare(new UndirectedGraph(), 'communityId'), null);
});

t.test('participant reach counts non-participants one and two steps away', async (t) => {
  // p (participant) – x – y – z, and w alone: x within one; x, y within two; of 4 non-participants.
  const graph = network(
    [
      ['p', null, true],
      ['x', null],
      ['y', null],
      ['z', null],
      ['w', null],
    ],
    [
      ['p', 'x'],
      ['x', 'y'],
      ['y', 'z'],
    ],
  );
  t.same(participantReach(graph), {
    nonParticipants: 4,
    withinOne: 1,
    withinTwo: 2,
    shareWithinOne: 0.25,
    shareWithinTwo: 0.5,
  });
});

t.test('participant reach shares are null when everyone took part', async (t) => {
  const reach = participantReach(
    network(
      [
        ['p', null, true],
        ['q', null, true],
      ],
      [['p', 'q']],
    ),
  );
  t.equal(reach.nonParticipants, 0);
  t.equal(reach.shareWithinOne, null);
  t.equal(reach.shareWithinTwo, null);
});

t.test('the isolate cohort follows baseline isolates into the follow-up', async (t) => {
  // Baseline isolates a, b, c. Follow-up: a has a tie, b is still alone, c is gone.
  const baseline = network(
    [
      ['a', null],
      ['b', null],
      ['c', null],
      ['d', null],
      ['e', null],
    ],
    [['d', 'e']],
  );
  const followup = network(
    [
      ['a', null],
      ['b', null],
      ['d', null],
      ['e', null],
    ],
    [
      ['a', 'd'],
      ['d', 'e'],
    ],
  );
  t.same(isolateCohort(baseline, followup), { baselineIsolates: 3, nowConnected: 1, share: 1 / 3 });
});

t.test('the isolate cohort share is null without baseline isolates', async (t) => {
  const graph = network(
    [
      ['a', null],
      ['b', null],
    ],
    [['a', 'b']],
  );
  t.equal(isolateCohort(graph, graph).share, null);
});

t.test('change reports both moments and the difference of every graph metric', async (t) => {
  // A path a–b–c grows into a triangle: 2 → 3 ties, density 2/3 → 1, transitivity 0 → 1.
  const people: Person[] = [
    ['a', null],
    ['b', null],
    ['c', null],
  ];
  const before = graphMetrics(
    network(people, [
      ['a', 'b'],
      ['b', 'c'],
    ]),
  );
  const after = graphMetrics(
    network(people, [
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ]),
  );
  const result = change(before, after);
  t.same(result.edgeCount, { baseline: 2, followup: 3, delta: 1 });
  t.same(result.transitivity, { baseline: 0, followup: 1, delta: 1 });
  t.ok(Math.abs(result.density.delta - 1 / 3) < 1e-15);
  t.same(Object.keys(result).sort(), Object.keys(before).sort());
});
