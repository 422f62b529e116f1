// De-identification for partners: months in the project's time zone, moments snapped to month
// ends, and local recoding to classes of at least k, on hand-made residents counted by hand.
import t from 'tap';
import {
  kAnonymise,
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
  kinds: string[],
): QuasiIdentifiers => ({ id, communityId, participant, joinedAtMs: ms(joined), kinds });
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
    const kinds = seen.groupsWithheld ? null : [...new Set(r.kinds)].sort();
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
