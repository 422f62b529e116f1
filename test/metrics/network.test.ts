// The time rule (docs/metrics.md, "The network at a moment"): nodes by joinedAt, edges by the latest
// connection/disconnection at or before t, on scenarios whose answers are read off by hand.
import t from 'tap';
import {
  networkAt,
  pairKey,
  tieSpells,
  TieReplay,
  type TieEvent,
} from '../../server/metrics/network.ts';
import type { ResidentRecord } from '../../server/metrics/moment.ts';

const DAY = 86_400_000;
const T = Date.UTC(2024, 0, 10);

function resident(id: string, joinedAtMs = 0, extra: Partial<ResidentRecord> = {}): ResidentRecord {
  return {
    id,
    name: id.toUpperCase(),
    communityId: null,
    participant: false,
    joinedAtMs,
    ...extra,
  };
}

let seq = 0;
function connect(from: string, to: string, atMs: number, extra: Partial<TieEvent> = {}): TieEvent {
  seq += 1;
  return { id: `e${seq}`, type: 'connection', atMs, seq, from, to, ...extra };
}
function disconnect(
  from: string,
  to: string,
  atMs: number,
  extra: Partial<TieEvent> = {},
): TieEvent {
  seq += 1;
  return { id: `e${seq}`, type: 'disconnection', atMs, seq, from, to, ...extra };
}

const people = ['a', 'b', 'c', 'd'].map((id) => resident(id));

t.test(
  'a tie formed before or exactly at t is in the network, one formed after is not',
  async (t) => {
    const ties = [connect('a', 'b', T - DAY), connect('a', 'c', T), connect('a', 'd', T + 1)];
    const graph = networkAt(people, ties, T);
    t.same(graph.edges().sort(), ['a|b', 'a|c']);
  },
);

t.test(
  'a tie ended before or exactly at t is gone, one ended after t is still there',
  async (t) => {
    const ties = [
      connect('a', 'b', T - 3 * DAY),
      connect('a', 'c', T - 3 * DAY),
      connect('a', 'd', T - 3 * DAY),
      disconnect('a', 'b', T - DAY),
      disconnect('c', 'a', T),
      disconnect('a', 'd', T + 1),
    ];
    t.same(networkAt(people, ties, T).edges(), ['a|d']);
  },
);

t.test('a reconnection after a disconnection restores the tie from the reconnection', async (t) => {
  const ties = [
    connect('a', 'b', T - 5 * DAY),
    disconnect('a', 'b', T - 3 * DAY),
    connect('b', 'a', T - DAY),
  ];
  t.equal(networkAt(people, ties, T - 2 * DAY).size, 0);
  const graph = networkAt(people, ties, T);
  t.equal(graph.getEdgeAttribute('a|b', 'formedAt'), new Date(T - DAY).toISOString());
});

t.test('events at the same instant apply in seq order', async (t) => {
  const endsTied = [connect('a', 'b', T, { seq: 1 }), disconnect('a', 'b', T, { seq: 2 })];
  t.equal(networkAt(people, endsTied, T).size, 0);
  const endsApart = [disconnect('a', 'b', T, { seq: 1 }), connect('a', 'b', T, { seq: 2 })];
  t.equal(networkAt(people, endsApart, T).size, 1);
});

t.test('residents appear from their joinedAt, and their ties with them', async (t) => {
  const residents = [resident('a'), resident('late', T)];
  const ties = [connect('a', 'late', T - DAY)];
  const before = networkAt(residents, ties, T - 1);
  t.same(before.nodes(), ['a']);
  t.equal(before.size, 0);
  const after = networkAt(residents, ties, T);
  t.same(after.nodes().sort(), ['a', 'late']);
  t.same(after.edges(), ['a|late']);
});

t.test('a self-tie is ignored', async (t) => {
  t.equal(networkAt(people, [connect('a', 'a', T)], T).size, 0);
});

t.test('a tie to a resident who is not on the list is dropped', async (t) => {
  const graph = networkAt(people, [connect('a', 'stranger', T)], T);
  t.equal(graph.size, 0);
  t.notOk(graph.hasNode('stranger'));
});

t.test('repeated connections make one edge carrying the latest naming', async (t) => {
  const ties = [
    connect('b', 'a', T - 2 * DAY, { kind: 'knows', strength: 1 }),
    connect('a', 'b', T - DAY, { kind: 'friend', strength: 2 }),
  ];
  const graph = networkAt(people, ties, T);
  t.equal(graph.size, 1);
  t.same(graph.getEdgeAttributes('a|b'), {
    weight: 2,
    distance: 0.5,
    kind: 'friend',
    formedAt: new Date(T - 2 * DAY).toISOString(),
    lastAt: new Date(T - DAY).toISOString(),
    from: 'a',
    to: 'b',
  });
});

t.test(
  'an edge is keyed by its pair in string order whatever the direction of naming',
  async (t) => {
    t.equal(pairKey('zoe', 'amir'), 'amir|zoe');
    t.same(networkAt(people, [connect('d', 'c', T)], T).edges(), ['c|d']);
  },
);

t.test('a resident node carries name, community, participation and joinedAt', async (t) => {
  const residents = [
    resident('a', T - DAY, { name: 'Ana', communityId: 'north', participant: true }),
  ];
  t.same(networkAt(residents, [], T).getNodeAttributes('a'), {
    name: 'Ana',
    communityId: 'north',
    participant: true,
    joinedAt: new Date(T - DAY).toISOString(),
  });
});

t.test('a community filter keeps only that community and the ties inside it', async (t) => {
  const residents = [
    resident('a', 0, { communityId: 'north' }),
    resident('b', 0, { communityId: 'north' }),
    resident('c', 0, { communityId: 'south' }),
    resident('d', 0),
  ];
  const ties = [connect('a', 'b', T), connect('a', 'c', T), connect('b', 'd', T)];
  const graph = networkAt(residents, ties, T, { communityId: 'north' });
  t.same(graph.nodes().sort(), ['a', 'b']);
  t.same(graph.edges(), ['a|b']);
});

t.test('tie events out of (atMs, seq) order are refused', async (t) => {
  const ties = [connect('a', 'b', T), connect('a', 'c', T - 1)];
  t.throws(() => networkAt(people, ties, T), /sorted by \(atMs, seq\)/);
});

t.test('a strength that is not positive is refused', async (t) => {
  t.throws(() => networkAt(people, [connect('a', 'b', T, { strength: 0 })], T), /positive number/);
});

t.test('a replay walked forward matches the network at every instant', async (t) => {
  const residents = [resident('a'), resident('b'), resident('c', T), resident('d', T + 2 * DAY)];
  const ties = [
    connect('a', 'b', T - DAY),
    connect('a', 'c', T - DAY),
    disconnect('a', 'b', T + DAY),
    connect('c', 'd', T + DAY),
    connect('a', 'b', T + 3 * DAY, { strength: 3 }),
  ];
  const replay = new TieReplay(residents, ties);
  for (let at = T - 2 * DAY; at <= T + 4 * DAY; at += DAY) {
    const live = replay.advanceTo(at);
    const fresh = networkAt(residents, ties, at);
    t.same(live.export(), fresh.export(), `at day ${(at - T) / DAY}`);
  }
});

t.test('a replay refuses to move backwards', async (t) => {
  const replay = new TieReplay(people, []);
  replay.advanceTo(T);
  t.throws(() => replay.advanceTo(T - 1), /only moves forward/);
});

t.test('tie spells open on connection, close on disconnection and ignore repeats', async (t) => {
  const ties = [
    connect('b', 'a', T, { kind: 'knows' }),
    connect('a', 'b', T + DAY, { kind: 'friend', strength: 3 }),
    disconnect('a', 'b', T + 2 * DAY),
    disconnect('a', 'b', T + 3 * DAY),
    connect('a', 'b', T + 4 * DAY, { kind: 'support', strength: 2 }),
  ];
  t.same(tieSpells(ties).get('a|b'), {
    source: 'a',
    target: 'b',
    spells: [
      { fromMs: T, toMs: T + 2 * DAY },
      { fromMs: T + 4 * DAY, toMs: null },
    ],
    kind: 'support',
    weight: 2,
  });
});

t.test('a tie made and ended at the same instant has no spell', async (t) => {
  const ties = [
    connect('a', 'b', T, { seq: 1 }),
    disconnect('a', 'b', T, { seq: 2 }),
    connect('a', 'a', T, { seq: 3 }),
  ];
  t.equal(tieSpells(ties).size, 0);
});
