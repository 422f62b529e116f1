// The network at a moment (moment.ts): presence, the periods a tie is in the network, and the
// network built from the projection's TIE segments. Expected values are worked by hand.
import t from 'tap';
import {
  networkFromSegments,
  overlap,
  residentChanges,
  presentAt,
  presentBy,
  tieInNetwork,
  type TieSegment,
  type ResidentRecord,
} from '../../server/metrics/moment.ts';

const resident = (id: string): ResidentRecord => ({
  id,
  name: id,
  communityId: null,
  participant: false,
  joinedAtMs: 0,
});

const segment = (since: number, until: number | null, strength: number): TieSegment => ({
  key: 'a|b',
  source: 'a',
  target: 'b',
  since,
  until,
  formed: 100,
  kind: 'knows',
  strength,
  from: 'a',
  to: 'b',
});

t.test('a read that meets a segment and its successor keeps one edge, the later one', async (t) => {
  // Both rows can reach a read that overlaps the write replacing the pair (read-committed).
  const residents = [resident('a'), resident('b')];
  for (const order of [
    [segment(100, null, 1), segment(200, null, 3)],
    [segment(200, null, 3), segment(100, null, 1)],
  ]) {
    const graph = networkFromSegments(residents, order, 300);
    t.equal(graph.size, 1);
    t.equal(graph.getEdgeAttribute('a|b', 'weight'), 3);
    t.equal(graph.getEdgeAttribute('a|b', 'lastAt'), new Date(200).toISOString());
  }
});

t.test('a segment that ended by the moment draws no edge', async (t) => {
  const graph = networkFromSegments([resident('a'), resident('b')], [segment(100, 200, 1)], 200);
  t.equal(graph.size, 0);
  t.equal(graph.order, 2);
});

t.test(
  'a resident is in the network from their joinedAt on, and of their community only',
  async (t) => {
    const north = { ...resident('n'), communityId: 'north', joinedAtMs: 50 };
    t.equal(presentAt(49)(north), false, 'not a millisecond before joining');
    t.equal(presentAt(50)(north), true, 'at the joining itself');
    t.equal(presentAt(10_000)(north), true, 'and ever after');
    t.equal(presentAt(60, { communityId: 'north' })(north), true);
    t.equal(presentAt(60, { communityId: 'south' })(north), false);
  },
);

t.test('a history up to t holds the residents who joined by t', async (t) => {
  t.equal(presentBy(50)({ joinedAtMs: 50 }), true);
  t.equal(presentBy(49)({ joinedAtMs: 50 }), false);
});

t.test(
  'presence changes come in time order, residents joining together in the order given',
  async (t) => {
    const residents = [
      { ...resident('c'), joinedAtMs: 30 },
      { ...resident('b'), joinedAtMs: 10 },
      { ...resident('a'), joinedAtMs: 30 },
    ];
    t.same(
      residentChanges(residents).map((c) => [c.atMs, c.resident.id]),
      [
        [10, 'b'],
        [30, 'c'],
        [30, 'a'],
      ],
    );
  },
);

t.test('the overlap of two lists of spells is the periods in both', async (t) => {
  // [0,10) [20,∞) against [5,25): [5,10) and [20,25)
  t.same(
    overlap(
      [
        { fromMs: 0, toMs: 10 },
        { fromMs: 20, toMs: null },
      ],
      [{ fromMs: 5, toMs: 25 }],
    ),
    [
      { fromMs: 5, toMs: 10 },
      { fromMs: 20, toMs: 25 },
    ],
  );
  // touching ends share no moment: [0,10) and [10,20)
  t.same(overlap([{ fromMs: 0, toMs: 10 }], [{ fromMs: 10, toMs: 20 }]), []);
  t.same(overlap([{ fromMs: 3, toMs: null }], [{ fromMs: 7, toMs: null }]), [
    { fromMs: 7, toMs: null },
  ]);
});

t.test('a tie is in the network while it holds and both its residents are there', async (t) => {
  const early = { joinedAtMs: 0 };
  const late = { joinedAtMs: 100 };
  // named at 50 before the second resident joins at 100: in the network from 100
  t.same(tieInNetwork([{ fromMs: 50, toMs: null }], early, late), [{ fromMs: 100, toMs: null }]);
  // a spell over before the second resident joins is never in the network
  t.same(tieInNetwork([{ fromMs: 50, toMs: 100 }], early, late), []);
  // a spell after both joined is kept as it is
  t.same(tieInNetwork([{ fromMs: 150, toMs: 200 }], early, late), [{ fromMs: 150, toMs: 200 }]);
});
