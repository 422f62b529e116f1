// De-identification for partners: months in the project's time zone, moments snapped to month
// ends, and local recoding to classes of at least k, on hand-made residents counted by hand.
import t from 'tap';
import {
  kAnonymise,
  tieBands,
  monthEndAtOrBefore,
  monthEnds,
  monthStart,
  type QuasiIdentifiers,
} from '../../server/privacy/deidentify.ts';

const ms = Date.parse;
const iso = (value: number) => new Date(value).toISOString();

t.test('a month starts at local midnight on the 1st in the project time zone', async (t) => {
  t.equal(iso(monthStart(ms('2025-06-15T12:00:00Z'), 'UTC')), '2025-06-01T00:00:00.000Z');
  // London is on BST (UTC+1) in June: 1 June 00:00 there is 31 May 23:00 UTC
  t.equal(iso(monthStart(ms('2025-06-15T12:00:00Z'), 'Europe/London')), '2025-05-31T23:00:00.000Z');
  // 31 May 23:30 UTC is already June in London
  t.equal(iso(monthStart(ms('2025-05-31T23:30:00Z'), 'Europe/London')), '2025-05-31T23:00:00.000Z');
  t.equal(
    iso(monthStart(ms('2025-01-10T00:00:00Z'), 'Pacific/Auckland')),
    '2024-12-31T11:00:00.000Z',
  );
});

t.test('a moment snaps to the last month end at or before it', async (t) => {
  t.equal(iso(monthEndAtOrBefore(ms('2025-03-17T10:00:00Z'), 'UTC')), '2025-02-28T23:59:59.999Z');
  t.equal(
    iso(monthEndAtOrBefore(ms('2025-02-28T23:59:59.999Z'), 'UTC')),
    '2025-02-28T23:59:59.999Z',
  );
  t.equal(
    iso(monthEndAtOrBefore(ms('2025-03-01T00:00:00.000Z'), 'UTC')),
    '2025-02-28T23:59:59.999Z',
  );
  t.equal(
    iso(monthEndAtOrBefore(ms('2025-07-02T00:00:00Z'), 'Europe/London')),
    '2025-06-30T22:59:59.999Z',
  );
});

t.test('two moments 1 ms apart within a month are one moment', async (t) => {
  const a = ms('2025-03-17T10:00:00.000Z');
  t.equal(monthEndAtOrBefore(a, 'UTC'), monthEndAtOrBefore(a + 1, 'UTC'));
  t.equal(monthEndAtOrBefore(a, 'Europe/London'), monthEndAtOrBefore(a + 1, 'Europe/London'));
});

t.test('the month ends of a range leave out a month still under way', async (t) => {
  t.same(monthEnds(ms('2025-01-20T00:00:00Z'), ms('2025-04-10T00:00:00Z'), 'UTC').map(iso), [
    '2025-01-31T23:59:59.999Z',
    '2025-02-28T23:59:59.999Z',
    '2025-03-31T23:59:59.999Z',
  ]);
  t.same(monthEnds(ms('2025-04-02T00:00:00Z'), ms('2025-04-10T00:00:00Z'), 'UTC'), []);
});

// k = 3. A: three alike in January (a class already). B: three alike but for the month, each
// alone until their year is all that shows. C: three in South, each alone until their joining
// and whether they took part are hidden. D: the only North resident in an institution, alone
// whatever is generalised, and so withheld.
const person = (
  id: string,
  communityId: string,
  participant: boolean,
  joined: string,
  groups: string[],
): QuasiIdentifiers => ({
  id,
  communityId,
  participant,
  joinedAtMs: ms(joined),
  groups,
  participation: '[]',
  ties: 1,
  moves: [],
});
const RESIDENTS = [
  person('a1', 'north', true, '2025-01-05T10:00:00Z', ['activity']),
  person('a2', 'north', true, '2025-01-20T10:00:00Z', ['activity']),
  person('a3', 'north', true, '2025-01-31T10:00:00Z', ['activity', 'activity']),
  person('b1', 'north', true, '2025-02-05T10:00:00Z', ['activity']),
  person('b2', 'north', true, '2025-03-05T10:00:00Z', ['activity']),
  person('b3', 'north', true, '2025-04-05T10:00:00Z', ['activity']),
  person('c1', 'south', false, '2025-01-05T10:00:00Z', []),
  person('c2', 'south', false, '2024-01-05T10:00:00Z', []),
  person('c3', 'south', true, '2025-01-05T10:00:00Z', []),
  person('d1', 'north', true, '2025-01-05T10:00:00Z', ['institution']),
];

t.test('each resident is generalised only as far as their class needs', async (t) => {
  const { released } = kAnonymise(RESIDENTS, 3, 'UTC');
  const shown = (id: string) => {
    const r = released.get(id)!;
    return [
      r.communityId,
      r.participant,
      r.joinedAtMs === null ? null : iso(r.joinedAtMs),
      r.joined,
    ];
  };
  for (const id of ['a1', 'a2', 'a3'])
    t.same(shown(id), ['north', true, '2025-01-01T00:00:00.000Z', 'month'], id);
  for (const id of ['b1', 'b2', 'b3'])
    t.same(shown(id), ['north', true, '2025-01-01T00:00:00.000Z', 'year'], id);
  for (const id of ['c1', 'c2', 'c3']) t.same(shown(id), ['south', null, null, null], id);
  t.same(released.get('d1'), {
    communityId: null,
    participant: null,
    joinedAtMs: null,
    joined: null,
    groupsWithheld: true,
    leavingHidden: false,
    withheld: true,
  });
  t.ok(
    [...released.entries()].every(([id, r]) => r.withheld === (id === 'd1')),
    'only d1 is withheld',
  );
});

t.test('every resident shown is in a class of at least k', async (t) => {
  const { released } = kAnonymise(RESIDENTS, 3, 'UTC');
  const sizes = new Map<string, number>();
  const keyOf = (r: QuasiIdentifiers) => {
    const seen = released.get(r.id)!;
    const kinds = seen.groupsWithheld ? null : [...new Set(r.groups)].sort();
    return JSON.stringify([
      seen.communityId,
      seen.participant,
      seen.joinedAtMs,
      seen.joined,
      kinds,
    ]);
  };
  const shown = RESIDENTS.filter((r) => !released.get(r.id)!.withheld);
  for (const r of shown) sizes.set(keyOf(r), (sizes.get(keyOf(r)) ?? 0) + 1);
  t.same(
    shown.filter((r) => sizes.get(keyOf(r))! < 3).map((r) => r.id),
    [],
  );
  t.equal(sizes.size, 3, 'classes A, B and C');
});

t.test('the answer counts the residents each step was taken for', async (t) => {
  // year: B's three, C's three, d1; joining hidden and taking part hidden: C's three, d1; the
  // rest: d1 alone
  t.same(kAnonymise(RESIDENTS, 3, 'UTC').generalised, {
    leavingHidden: 0,
    joinedAtToYear: 7,
    joinedAtHidden: 4,
    participantHidden: 4,
    groupsWithheld: 1,
    communityHidden: 1,
    residentWithheld: 1,
  });
});

t.test('with k = 1 nothing is generalised', async (t) => {
  const { generalised, released } = kAnonymise(RESIDENTS, 1, 'UTC');
  t.ok(Object.values(generalised).every((n) => n === 0));
  t.equal(released.get('d1')!.joined, 'month');
});

t.test('tie counts fall in doubling bands of at least k residents, joined upwards', async (t) => {
  // bands 0 (two), 1 (three): together five, closing at 1; 2–3, 4–7 and 8–15 hold one each
  t.same(tieBands([0, 0, 1, 1, 1, 2, 5, 9], 3), [1, 9]);
  // 0, 1 and 2–3 hold one, one and two: together four; 4–7 holds three
  t.same(tieBands([0, 1, 2, 3, 4, 5, 6], 3), [3, 6]);
  // 8–15 holds one, fewer than k, and joins the band before it
  t.same(tieBands([0, 0, 0, 1, 1, 1, 9], 3), [0, 9]);
  t.same(tieBands([4, 7], 3), [7], 'fewer than k in all: one band');
  t.same(tieBands([], 3), []);
});

t.test('a class is split by tie band, and generalised until each part holds k', async (t) => {
  // k = 3. Bands: {0} (q1–q3) and {5} (r1, r2, s1). In January, q1–q3 make a class of their own;
  // r1 and r2 are two in their band, s1 (February) one: the three go to their year, and together
  // make a class of three
  const at = (id: string, joined: string, ties: number) => ({
    ...person(id, 'north', false, `${joined}T10:00:00Z`, []),
    ties,
  });
  const residents = [
    at('q1', '2025-01-05', 0),
    at('q2', '2025-01-06', 0),
    at('q3', '2025-01-07', 0),
    at('r1', '2025-01-08', 5),
    at('r2', '2025-01-09', 5),
    at('s1', '2025-02-05', 5),
  ];
  const { generalised, released } = kAnonymise(residents, 3, 'UTC');
  t.same(generalised, {
    leavingHidden: 0,
    joinedAtToYear: 3,
    joinedAtHidden: 0,
    participantHidden: 0,
    groupsWithheld: 0,
    communityHidden: 0,
    residentWithheld: 0,
  });
  t.same(
    residents.map((r) => released.get(r.id)!.joined),
    ['month', 'month', 'month', 'year', 'year', 'year'],
  );
});

t.test(
  'leaving and returning are in the class, and hidden where they single someone out',
  async (t) => {
    // k = 3, London. North, January: n1–n4 never left; m1 has a leave recorded before joining, which
    // changes nothing and is not shown; l1 alone left in June, so their leaving is hidden and they
    // join the other five. South, February: l2–l4 all left in July (l4 at 23:30 UTC on 30 June,
    // already July in London): a class of three whose leaving stays shown. l5 also left in July but
    // came back in September, alone on that: hidden, and in a class with r1 and r2, who never left.
    const left = (r: QuasiIdentifiers, ...moves: [string, boolean][]): QuasiIdentifiers => ({
      ...r,
      moves: moves.map(([at, leaves]) => ({ atMs: ms(at), leaves })),
    });
    const north = (id: string, day: number) =>
      person(id, 'north', false, `2025-01-${10 + day}T10:00:00Z`, []);
    const south = (id: string, day: number) =>
      person(id, 'south', false, `2025-02-${10 + day}T10:00:00Z`, []);
    const residents = [
      north('n1', 1),
      north('n2', 2),
      north('n3', 3),
      north('n4', 4),
      left(north('m1', 5), ['2024-12-20T10:00:00Z', true]),
      left(north('l1', 6), ['2025-06-10T10:00:00Z', true]),
      left(south('l2', 1), ['2025-07-02T10:00:00Z', true]),
      left(south('l3', 2), ['2025-07-28T10:00:00Z', true]),
      left(south('l4', 3), ['2025-06-30T23:30:00Z', true]),
      left(south('l5', 4), ['2025-07-03T10:00:00Z', true], ['2025-09-01T10:00:00Z', false]),
      south('r1', 5),
      south('r2', 6),
    ];
    const { generalised, released } = kAnonymise(residents, 3, 'Europe/London');
    t.same(generalised, {
      leavingHidden: 2,
      joinedAtToYear: 0,
      joinedAtHidden: 0,
      participantHidden: 0,
      groupsWithheld: 0,
      communityHidden: 0,
      residentWithheld: 0,
    });
    t.same(
      residents.filter((r) => released.get(r.id)!.leavingHidden).map((r) => r.id),
      ['l1', 'l5'],
    );
    t.ok(
      residents.every(
        (r) => released.get(r.id)!.joined === 'month' && !released.get(r.id)!.withheld,
      ),
      'nothing else about anyone is generalised',
    );
  },
);
