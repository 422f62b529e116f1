// Calendar buckets in UTC and the one-pass timeline: hand-counted points, and agreement with
// networkAt + graphMetrics at every bucket end.
import t from 'tap';
import { bucketEnds, timeline } from '../../server/metrics/timeline.ts';
import { graphMetrics } from '../../server/metrics/graph-metrics.ts';
import { networkAt, type TieEvent } from '../../server/metrics/network.ts';
import type { ResidentRecord } from '../../server/metrics/moment.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const utc = (text: string) => Date.parse(text);

function resident(id: string, joinedAt: string): ResidentRecord {
  return { id, name: null, communityId: null, participant: false, joinedAtMs: utc(joinedAt) };
}

function tie(type: TieEvent['type'], from: string, to: string, at: string, seq: number): TieEvent {
  return { id: `e${seq}`, type, atMs: utc(at), seq, from, to };
}

t.test('day buckets end at the last millisecond of each UTC day', async (t) => {
  const ends = bucketEnds(utc('2024-01-10T12:00:00Z'), utc('2024-01-12T00:00:00Z'), 'day');
  t.same(ends.map(iso), [
    '2024-01-10T23:59:59.999Z',
    '2024-01-11T23:59:59.999Z',
    '2024-01-12T23:59:59.999Z',
  ]);
});

t.test('week buckets are ISO weeks ending on Sunday', async (t) => {
  // 2024-01-10 is a Wednesday and 2024-01-15 a Monday; 2024-01-14 is a Sunday.
  const ends = bucketEnds(utc('2024-01-10T08:00:00Z'), utc('2024-01-15T00:00:00Z'), 'week');
  t.same(ends.map(iso), ['2024-01-14T23:59:59.999Z', '2024-01-21T23:59:59.999Z']);
  const sunday = bucketEnds(utc('2024-01-14T23:00:00Z'), utc('2024-01-14T23:59:59.999Z'), 'week');
  t.same(sunday.map(iso), ['2024-01-14T23:59:59.999Z']);
});

t.test(
  'month buckets end on the last millisecond of the month, leap February included',
  async (t) => {
    const ends = bucketEnds(utc('2024-01-31T00:00:00Z'), utc('2024-03-01T00:00:00Z'), 'month');
    t.same(ends.map(iso), [
      '2024-01-31T23:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2024-03-31T23:59:59.999Z',
    ]);
  },
);

t.test('quarter buckets end on 31 March, 30 June, 30 September and 31 December', async (t) => {
  const ends = bucketEnds(utc('2024-03-31T23:59:59.999Z'), utc('2025-01-01T00:00:00Z'), 'quarter');
  t.same(ends.map(iso), [
    '2024-03-31T23:59:59.999Z',
    '2024-06-30T23:59:59.999Z',
    '2024-09-30T23:59:59.999Z',
    '2024-12-31T23:59:59.999Z',
    '2025-03-31T23:59:59.999Z',
  ]);
});

t.test('a range that ends before it starts is refused', async (t) => {
  t.throws(
    () => bucketEnds(utc('2024-02-01T00:00:00Z'), utc('2024-01-01T00:00:00Z'), 'day'),
    /before from/,
  );
});

// a and b join on 1 January and tie at noon; c joins on 3 January and ties with b at midnight;
// a–b ends at the very last millisecond of 4 January, which still counts for that day.
const residents = [
  resident('a', '2024-01-01T00:00:00Z'),
  resident('b', '2024-01-01T00:00:00Z'),
  resident('c', '2024-01-03T00:00:00Z'),
];
const ties = [
  tie('connection', 'a', 'b', '2024-01-01T12:00:00Z', 1),
  tie('connection', 'b', 'c', '2024-01-03T00:00:00Z', 2),
  tie('disconnection', 'b', 'a', '2024-01-04T23:59:59.999Z', 3),
];
const days = bucketEnds(utc('2024-01-01T00:00:00Z'), utc('2024-01-04T00:00:00Z'), 'day');

t.test('a small programme grows and splits day by day as counted by hand', async (t) => {
  const points = timeline(residents, ties, days);
  t.same(
    points.map((p) => [p.at.slice(0, 10), p.nodeCount, p.edgeCount, p.isolates, p.components]),
    [
      ['2024-01-01', 2, 1, 0, 1],
      ['2024-01-02', 2, 1, 0, 1],
      ['2024-01-03', 3, 2, 0, 1],
      ['2024-01-04', 3, 1, 1, 2],
    ],
  );
  t.ok(Math.abs(points[2].density - 2 / 3) < 1e-15);
  t.ok(Math.abs(points[3].largestComponentShare - 2 / 3) < 1e-15);
});

t.test('each timeline point equals the network at its bucket end', async (t) => {
  // A busier programme: 30 residents joining over a month, 400 connections and disconnections.
  let state = 12345;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = utc('2024-03-01T00:00:00Z');
  const month = 31 * 86_400_000;
  const people = Array.from({ length: 30 }, (_, i) => ({
    id: `r${i}`,
    name: null,
    communityId: null,
    participant: i % 5 === 0,
    joinedAtMs: start + Math.floor(random() * month),
  }));
  const events: TieEvent[] = Array.from({ length: 400 }, (_, i) => ({
    id: `e${i}`,
    type: random() < 0.25 ? ('disconnection' as const) : ('connection' as const),
    atMs: start + Math.floor(random() * month),
    seq: i,
    from: `r${Math.floor(random() * 30)}`,
    to: `r${Math.floor(random() * 30)}`,
  })).sort((x, y) => x.atMs - y.atMs || x.seq - y.seq);
  const ends = bucketEnds(start, start + month, 'week');
  const points = timeline(people, events, ends);
  t.equal(points.length, ends.length);
  points.forEach((point, i) => {
    t.same(
      point,
      { at: iso(ends[i]), ...graphMetrics(networkAt(people, events, ends[i])) },
      point.at,
    );
  });
});

t.test('with centralities a point names the most between residents and the mean', async (t) => {
  // On 3 January the network is the path a–b–c: b lies on the one a–c path → 1; mean 1/3.
  const [point] = timeline(residents, ties, [days[2]], { centralities: true });
  t.same(point.topBetweenness, [
    { id: 'b', value: 1 },
    { id: 'a', value: 0 },
    { id: 'c', value: 0 },
  ]);
  t.ok(Math.abs(point.meanBetweenness! - 1 / 3) < 1e-15);
});

t.test('bucket ends out of order are refused', async (t) => {
  t.throws(() => timeline(residents, ties, [days[1], days[0]]), /only moves forward/);
});

t.test(
  'a resident who leaves drops out of the points with their ties, and counts again on returning',
  async (t) => {
    // a, b, c, d joined early: ties a–b, b–c, a–c (a triangle) and c–d.
    // Day 2 noon b leaves; day 3 e joins and ties to d at 01:00; day 3 noon b returns.
    const records: ResidentRecord[] = [
      resident('a', '2024-01-01T00:00:00Z'),
      {
        ...resident('b', '2024-01-01T00:00:00Z'),
        moves: [
          { atMs: utc('2024-01-02T12:00:00Z'), leaves: true },
          { atMs: utc('2024-01-03T12:00:00Z'), leaves: false },
        ],
      },
      resident('c', '2024-01-01T00:00:00Z'),
      resident('d', '2024-01-01T00:00:00Z'),
      resident('e', '2024-01-03T00:00:00Z'),
    ];
    const ties = [
      tie('connection', 'a', 'b', '2024-01-01T01:00:00Z', 0),
      tie('connection', 'b', 'c', '2024-01-01T02:00:00Z', 1),
      tie('connection', 'a', 'c', '2024-01-01T03:00:00Z', 2),
      tie('connection', 'c', 'd', '2024-01-01T04:00:00Z', 3),
      tie('connection', 'd', 'e', '2024-01-03T01:00:00Z', 4),
    ];
    const ends = bucketEnds(utc('2024-01-01T00:00:00Z'), utc('2024-01-03T00:00:00Z'), 'day');
    const points = timeline(records, ties, ends);
    // Day 1: n 4, m 4; clustering a 1, b 1, c 1/3 (one of its three pairs tied), d 0.
    t.match(points[0], { nodeCount: 4, edgeCount: 4, isolates: 0, components: 1 });
    t.equal(points[0].averageClustering, (1 + 1 + 1 / 3 + 0) / 4);
    // Day 2: b gone with a–b and b–c: the path a–c–d, n 3, m 2, no triangle.
    t.match(points[1], { nodeCount: 3, edgeCount: 2, isolates: 0, components: 1 });
    t.equal(points[1].averageClustering, 0);
    // Day 3: b back with both ties, e tied to d: n 5, m 5; triples a 1, b 1, c 3, d 1 = 6.
    t.match(points[2], { nodeCount: 5, edgeCount: 5, isolates: 0, components: 1 });
    t.equal(points[2].transitivity, 3 / 6);
    t.ok(Math.abs(points[2].averageClustering - (1 + 1 + 1 / 3) / 5) < 1e-15);
  },
);
