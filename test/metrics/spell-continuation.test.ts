// Upkeep without the history (tie-segments.ts continueTieSegments, continueMembershipRows): from a
// key's open relationship alone, new events that come after the stored ones give the rows a
// recompute from every event gives. Hand-worked cases, then every split of seeded random histories.
import t from 'tap';
import type { MembershipEvent } from '../../server/metrics/memberships.ts';
import type { TieEvent } from '../../server/metrics/network.ts';
import {
  continueMembershipRows,
  continueTieSegments,
  membershipRows,
  tieSegments,
  type Continuation,
  type MembershipSpellRow,
} from '../../server/metrics/tie-segments.ts';
import { createRandom } from '../../fixtures/prng.ts';
import type { TieSegment } from '../../server/metrics/moment.ts';

const tie = (
  type: TieEvent['type'],
  atMs: number,
  from = 'a',
  to = 'b',
  strength = 1,
): TieEvent => ({ id: `${type}@${atMs}`, type, atMs, seq: 0, from, to, kind: 'knows', strength });

/** The open segment a|b as stored: the latest connection at `since`, its spell from `formed`. */
const openSegment = (since: number, formed: number): TieSegment => ({
  key: 'a|b',
  source: 'a',
  target: 'b',
  since,
  until: null,
  formed,
  kind: 'knows',
  strength: 1,
  from: 'a',
  to: 'b',
});

const only = (segment: TieSegment) => new Map([[segment.key, segment]]);

t.test('a repeat connection ends the open segment and starts one in the same spell', async (t) => {
  const change = continueTieSegments(only(openSegment(200, 100)), [
    tie('connection', 300, 'b', 'a', 2),
  ]);
  t.same(change.closed, [{ key: 'a|b', until: 300 }]);
  t.same(change.removed, []);
  t.same(change.added, [{ ...openSegment(300, 100), strength: 2, from: 'b', to: 'a' }]);
});

t.test('a disconnection ends the open segment and the spell', async (t) => {
  const change = continueTieSegments(only(openSegment(200, 100)), [tie('disconnection', 250)]);
  t.same(change, { closed: [{ key: 'a|b', until: 250 }], removed: [], added: [] });
});

t.test('a disconnection at the latest connection removes its segment of no length', async (t) => {
  // spell [100, 200): the connection at 200 holds at no moment; the segment before it ends at 200
  const change = continueTieSegments(only(openSegment(200, 100)), [tie('disconnection', 200)]);
  t.same(change, { closed: [], removed: ['a|b'], added: [] });
});

t.test('a disconnection at the spell start drops the spell and its open segment', async (t) => {
  const change = continueTieSegments(only(openSegment(100, 100)), [tie('disconnection', 100)]);
  t.same(change, { closed: [], removed: ['a|b'], added: [] });
});

t.test(
  'a repeat connection alike at the same instant leaves the open segment as it is',
  async (t) => {
    const change = continueTieSegments(only(openSegment(200, 100)), [tie('connection', 200)]);
    t.same(change, { closed: [], removed: [], added: [] });
  },
);

t.test('a pair with no open segment starts from nothing', async (t) => {
  const change = continueTieSegments(new Map(), [
    tie('disconnection', 50),
    tie('connection', 100),
    tie('connection', 200),
    tie('disconnection', 300),
  ]);
  t.same(change.closed, []);
  t.same(change.removed, []);
  t.same(
    change.added.map((s) => [s.since, s.until, s.formed]),
    [
      [100, 200, 100],
      [200, 300, 100],
    ],
  );
});

const membership = (type: MembershipEvent['type'], atMs: number): MembershipEvent => ({
  type,
  atMs,
  resident: 'a',
  group: 'g',
});
const openSpell: MembershipSpellRow = {
  key: 'a>g',
  resident: 'a',
  group: 'g',
  since: 100,
  until: null,
};

t.test('a departure ends the open membership spell', async (t) => {
  const change = continueMembershipRows(new Map([['a>g', openSpell]]), [
    membership('membership', 150),
    membership('departure', 200),
    membership('membership', 300),
  ]);
  t.same(change, {
    closed: [{ key: 'a>g', until: 200 }],
    removed: [],
    added: [{ ...openSpell, since: 300 }],
  });
});

t.test('a departure at the spell start drops the open membership spell', async (t) => {
  const change = continueMembershipRows(new Map([['a>g', openSpell]]), [
    membership('departure', 100),
  ]);
  t.same(change, { closed: [], removed: ['a>g'], added: [] });
});

/** The stored rows after a continuation: open rows ended or removed, new rows added. */
function applied<Row extends { key: string; until: number | null }>(
  stored: Row[],
  change: Continuation<Row>,
): Row[] {
  const until = new Map(change.closed.map((c) => [c.key, c.until]));
  const removed = new Set(change.removed);
  return [
    ...stored.flatMap((row) => {
      if (row.until !== null) return [row];
      if (removed.has(row.key)) return [];
      return [{ ...row, until: until.get(row.key) ?? null }];
    }),
    ...change.added,
  ];
}

const order = <Row extends { key: string; since: number }>(rows: Row[]) =>
  [...rows].sort((x, y) => (x.key === y.key ? x.since - y.since : x.key < y.key ? -1 : 1));

const openByKey = <Row extends { key: string; until: number | null }>(rows: Row[]) =>
  new Map(rows.filter((r) => r.until === null).map((r) => [r.key, r]));

t.test('continuing at every split of random histories equals a recompute', async (t) => {
  const random = createRandom(8);
  let splits = 0;
  for (let history = 0; history < 100; history++) {
    // few instants and residents, so that events share instants and pairs
    const ties: TieEvent[] = [];
    const memberships: MembershipEvent[] = [];
    for (let i = 0; i < 14; i++) {
      const atMs = random.int(1, 6) * 100;
      const [from, to] = random.shuffle(['a', 'b', 'c']);
      const type = random.chance(0.6) ? 'connection' : 'disconnection';
      ties.push({ ...tie(type, atMs, from, to, random.int(1, 3)), id: String(i), seq: i });
      memberships.push({
        type: random.chance(0.6) ? 'membership' : 'departure',
        atMs,
        resident: random.pick(['a', 'b']),
        group: 'g',
      });
    }
    ties.sort((x, y) => x.atMs - y.atMs || x.seq - y.seq).forEach((e, seq) => (e.seq = seq));
    memberships.sort((x, y) => x.atMs - y.atMs);
    for (let cut = 0; cut <= ties.length; cut++) {
      const storedTies = tieSegments(ties.slice(0, cut));
      const tieChange = continueTieSegments(openByKey(storedTies), ties.slice(cut));
      t.same(
        order(applied(storedTies, tieChange)),
        order(tieSegments(ties)),
        `ties ${history}/${cut}`,
      );
      const storedSpells = membershipRows(memberships.slice(0, cut));
      const spellChange = continueMembershipRows(openByKey(storedSpells), memberships.slice(cut));
      t.same(
        order(applied(storedSpells, spellChange)),
        order(membershipRows(memberships)),
        `memberships ${history}/${cut}`,
      );
      splits++;
    }
  }
  t.equal(splits, 100 * 15);
});
