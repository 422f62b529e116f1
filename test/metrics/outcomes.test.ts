// The outcome sections of the report on the hand-built scenario of outcomes-scenario.ts: every
// count, mean and share is worked by hand in the comments; the intervals, effect sizes and
// adjusted differences come from SciPy and statsmodels (test/metrics/reference/outcomes-scipy.py,
// its printed output pasted below).
import t from 'tap';
import type { MembershipEvent } from '../../server/metrics/memberships.ts';
import type { TieEvent } from '../../server/metrics/network.ts';
import { outcomes, type AttendanceRecord } from '../../server/metrics/outcomes.ts';
import type { MeasureRecord } from '../../server/metrics/wellbeing.ts';
import {
  BASELINE,
  FOLLOWUP,
  INVOLVEMENT_AT_FOLLOWUP,
  day,
  events,
  residents,
} from './outcomes-scenario.ts';
import type { ResidentRecord } from '../../server/metrics/moment.ts';
import { BUILT_IN_INSTRUMENTS } from '../../server/instruments.ts';

const DEGREE_ALL = { low: 0.1751851252632306, high: 0.9827096115788747 };
const DEGREE_PARTICIPANTS = { low: -0.7105780420791173, high: 1.5105780420791173 };
const DEGREE_NON_PARTICIPANTS = { low: 0.15676006421859018, high: 1.1289542214956956 };
const WEMWBS_PARTICIPANTS = { low: 4.445739743239479, high: 8.554260256760521 };
const WEMWBS_DIRECT = { low: -30.265511840436737, high: 33.26551184043674 };
const WEMWBS_UNREACHED = { low: 0.08201689624035269, high: 3.2513164370929806 };
const WEMWBS_DIRECT_VS_UNREACHED = { low: -24.257552975047226, high: 23.92421964171389 };
const DZ_DEGREE_PARTICIPANTS = {
  value: 0.447213595499958,
  low: -0.47209100067734144,
  high: 1.3665181916772573,
};
const DZ_WEMWBS_PARTICIPANTS = {
  value: 5.034878350069642,
  low: 1.4109319730866656,
  high: 8.658824727052618,
};
const DZ_WEMWBS_UNREACHED = {
  value: 0.8084520834544433,
  low: 0.05591286186549005,
  high: 1.5609913050433966,
};
const G_WEMWBS_DIRECT_VS_UNREACHED = {
  value: -0.06703868115261866,
  low: -1.4681638464210542,
  high: 1.3340864841158169,
};
const ADJUSTED_DEGREE = {
  estimate: 0.06250000000000044,
  low: -0.9739010215875392,
  high: 1.09890102158754,
  p: 0.8998681603716865,
};
const ADJUSTED_WEMWBS = {
  estimate: 2.952249950874439,
  low: -0.9048681379289225,
  high: 6.8093680396778,
  p: 0.12124476205498239,
};

const ms = (iso: string) => Date.parse(iso);
const records: ResidentRecord[] = residents.map((r) => ({
  id: r.id,
  name: r.name,
  communityId: r.communityId,
  participant: r.participant,
  joinedAtMs: ms(r.joinedAt),
}));
const ties: TieEvent[] = [];
const memberships: MembershipEvent[] = [];
const attendances: AttendanceRecord[] = [];
const measures: MeasureRecord[] = [];
for (const e of events) {
  if (e.type === 'connection' || e.type === 'disconnection')
    ties.push({ id: e.id, type: e.type, atMs: ms(e.at), seq: ties.length, from: e.from, to: e.to });
  else if (e.type === 'measure')
    measures.push({
      resident: e.resident,
      instrument: e.instrument,
      score: e.score,
      atMs: ms(e.at),
    });
  else if (e.type === 'attendance')
    attendances.push({ resident: e.resident, group: e.group, atMs: ms(e.at) });
  else if (e.type === 'membership' || e.type === 'departure')
    memberships.push({ type: e.type, resident: e.resident, group: e.group, atMs: ms(e.at) });
}

const input = {
  records,
  ties,
  memberships,
  attendances,
  measures,
  instruments: BUILT_IN_INSTRUMENTS,
  primaryInstrument: 'WEMWBS',
  baselineMs: ms(BASELINE),
  followupMs: ms(FOLLOWUP),
};
const result = outcomes(input);

function closeTo(
  t: Tap,
  actual: { low: number; high: number } | null,
  expected: { low: number; high: number },
) {
  t.ok(actual, 'an interval');
  t.ok(Math.abs(actual!.low - expected.low) < 1e-9, `low ${actual?.low} vs SciPy ${expected.low}`);
  t.ok(
    Math.abs(actual!.high - expected.high) < 1e-9,
    `high ${actual?.high} vs SciPy ${expected.high}`,
  );
}
type Tap = Pick<typeof t, 'ok'>;

function effectNear(
  t: Tap,
  actual: { value: number | null; ci95: { low: number; high: number } | null },
  expected: { value: number; low: number; high: number },
) {
  t.ok(Math.abs(actual.value! - expected.value) < 1e-9, `${actual.value} vs ${expected.value}`);
  closeTo(t, actual.ci95, expected);
}

function adjustedNear(
  t: Tap,
  actual: { estimate: number | null; ci95: { low: number; high: number } | null; p: number | null },
  expected: { estimate: number; low: number; high: number; p: number },
) {
  t.ok(Math.abs(actual.estimate! - expected.estimate) < 1e-9, `estimate ${actual.estimate}`);
  closeTo(t, actual.ci95, expected);
  t.ok(Math.abs(actual.p! - expected.p) < 1e-9, `p ${actual.p} vs ${expected.p}`);
}

// Degree at B (day 100; N14 has not joined): P1 1, P2 1, P3 1, P4 1, N1 1, N2 1, N3 1, N4 1, the
// other eleven 0 (N5–N6 ended on day 90). At F (day 300): P1 2, P2 2, P3 1, P4 0, P5 1, N1 2,
// N2 2, N3 1, N4 0, N5 1, N6 1, N7 2, N8 0, N9 2, N10 1, N11 1, N12 0, N13 0, N15 0.
// Changes: participants [1, 1, 0, −1, 1]; non-participants [1, 1, 0, −1, 1, 1, 2, 0, 2, 1, 1, 0, 0, 0].
t.test(
  'within-person degree change covers the 19 residents who joined by the baseline',
  async (t) => {
    const { all, participants, nonParticipants } = result.connections.withinPerson;
    t.equal(all.n, 19);
    t.equal(participants.n, 5);
    t.equal(nonParticipants.n, 14);
  },
);

t.test('within-person degree change gives mean, median and the shares up and down', async (t) => {
  const { all, participants, nonParticipants } = result.connections.withinPerson;
  t.ok(Math.abs(participants.meanChange! - 2 / 5) < 1e-12);
  t.equal(participants.medianChange, 1);
  t.equal(participants.shareIncreased, 3 / 5);
  t.equal(participants.shareDecreased, 1 / 5);
  t.ok(Math.abs(nonParticipants.meanChange! - 9 / 14) < 1e-12);
  // Sorted: −1, 0 ×5, 1 ×6, 2 ×2: the 7th and 8th values are both 1.
  t.equal(nonParticipants.medianChange, 1);
  t.equal(nonParticipants.shareIncreased, 8 / 14);
  t.equal(nonParticipants.shareDecreased, 1 / 14);
  t.ok(Math.abs(all.meanChange! - 11 / 19) < 1e-12);
  t.equal(all.medianChange, 1);
  t.equal(all.shareIncreased, 11 / 19);
  t.equal(all.shareDecreased, 2 / 19);
});

// test/metrics/reference/permutation-scipy.py, WITHIN_PERSON: 8853 of 11628 labelings,
// p = 0.7613519091847265. 11,628 > 9,999, so 9,999 labelings are drawn: p is within four
// standard errors (√(p(1 − p)/9,999) ≈ 0.0043) of the exact value.
t.test(
  'participants against non-participants has a permutation p over the 19 residents’ labels',
  async (t) => {
    const test = result.connections.withinPerson.permutation;
    t.equal(test.n, 5, 'the smaller group');
    t.ok(Math.abs(test.difference! - (2 / 5 - 9 / 14)) < 1e-12);
    t.equal(test.exact, false);
    t.equal(test.permutations, 9_999);
    t.ok(Math.abs(test.p! - 8853 / 11628) < 4 * 0.0043, `p ${test.p}`);
  },
);

t.test('within-person degree change has the paired t interval SciPy gives', async (t) => {
  const { all, participants, nonParticipants } = result.connections.withinPerson;
  closeTo(t, all.ci95, DEGREE_ALL);
  closeTo(t, participants.ci95, DEGREE_PARTICIPANTS);
  closeTo(t, nonParticipants.ci95, DEGREE_NON_PARTICIPANTS);
  effectNear(t, participants.dz, DZ_DEGREE_PARTICIPANTS);
  t.equal(result.connections.withinPerson.left, 0, 'nobody left');
});

// (participant at B, degree at B, degree at F) for the 19: see the degrees above.
t.test(
  'participants’ degree at follow-up against others’, adjusted for degree at baseline, is statsmodels’ OLS',
  async (t) => {
    const adjusted = result.connections.withinPerson.adjusted;
    t.equal(adjusted.n, 19);
    adjustedNear(t, adjusted, ADJUSTED_DEGREE);
  },
);

// At B: P1–G1 holds (the repeat on day 60 changes nothing), P3–G2 and N6–G4 hold; P2 left G1 on
// day 80; N4's spell [90, 100) has ended at exactly 100. Attendance in (day 10, day 100]: P1 on
// days 40 and 70 (day 10 is outside), P2 on 95, N1 on 100.
t.test(
  'involvement at the baseline counts groups held at B and attendance in the 90 days to B',
  async (t) => {
    t.same(result.involvement.baseline, {
      n: 19,
      residents: 19,
      inGroup: 3,
      inGroupShare: 3 / 19,
      membershipsPerResident: 3 / 19,
      activeAttendees: 3,
      attendances: 4,
    });
  },
);

t.test(
  'involvement at the follow-up counts groups held at F and attendance in the 90 days to F',
  async (t) => {
    t.same(result.involvement.followup, INVOLVEMENT_AT_FOLLOWUP);
  },
);

// Exposure is read in the WHOLE network at B (day 100), not at F: ties P1–P2, P3–N1, N2–N3 and
// P4–N4 hold. Participants P1–P5; direct N1 (P3) and N4 (P4); nobody indirect; the other twelve
// (N2, N3, N5–N13, N15) unreached. At F, N2 (P2, day 130) and N7 (P5, day 140) would have been
// direct: people who tied to a participant after the baseline are not counted as exposed before.
// N14 joined after B and has no class.
// WEMWBS (the window (day 10, day 100] for baseline scores, (day 210, day 300] for follow-up):
// participants P1 40→48, P2 44→51 (its day-200 score is outside both windows), P3 38→43, P5
// 35→41: [8, 7, 5, 6]; P4 has no follow-up. Direct N1 +4, N4 −1; unreached N2 +3, N7 +6, N3 +2,
// N9 +1, N10 0, N5 +2, N8 0, N12 −1, N13 +2 (its day-320 score is after F). N6 lacks a follow-up,
// N11 a baseline, N15 both.
t.test('the butterfly classes are taken from the network at the baseline', async (t) => {
  const w = result.butterfly.WEMWBS;
  t.same([w.participants.n, w.direct.n, w.indirect.n, w.unreached.n], [4, 2, 0, 9]);
  t.ok(Math.abs(w.participants.meanChange! - 6.5) < 1e-12);
  t.ok(Math.abs(w.direct.meanChange! - 1.5) < 1e-12);
  t.equal(w.indirect.meanChange, null);
  t.ok(Math.abs(w.unreached.meanChange! - 15 / 9) < 1e-12);
});

t.test('the butterfly classes have the paired t intervals SciPy gives', async (t) => {
  const w = result.butterfly.WEMWBS;
  closeTo(t, w.participants.ci95, WEMWBS_PARTICIPANTS);
  closeTo(t, w.direct.ci95, WEMWBS_DIRECT);
  closeTo(t, w.unreached.ci95, WEMWBS_UNREACHED);
  t.equal(w.indirect.ci95, null);
  effectNear(t, w.participants.dz, DZ_WEMWBS_PARTICIPANTS);
  effectNear(t, w.unreached.dz, DZ_WEMWBS_UNREACHED);
});

t.test(
  'direct against unreached is the difference of means with Welch’s interval and Hedges’ g',
  async (t) => {
    const d = result.butterfly.WEMWBS.directVsUnreached;
    t.ok(Math.abs(d.estimate! - (1.5 - 15 / 9)) < 1e-12);
    t.equal(d.n, 2, 'the smaller class');
    closeTo(t, d.ci95, WEMWBS_DIRECT_VS_UNREACHED);
    effectNear(t, d.hedgesG, G_WEMWBS_DIRECT_VS_UNREACHED);
    // permutation-scipy.py, BUTTERFLY: 55 of 55 labelings (every one enumerated): the observed
    // −1/6 is the smallest difference any choice of 2 of the 11 changes can make
    t.same(d.permutation, { difference: d.estimate, p: 1, permutations: 55, exact: true });
  },
);

// (participant at B, baseline, follow-up) of the 15 with both scores: the changes above.
t.test(
  'WEMWBS at follow-up, participants against others adjusted for baseline, is statsmodels’ OLS',
  async (t) => {
    const adjusted = result.butterfly.WEMWBS.adjusted;
    t.equal(adjusted.n, 15);
    adjustedNear(t, adjusted, ADJUSTED_WEMWBS);
    t.equal(adjusted.pHolm, null, 'the primary instrument is not adjusted for the others');
  },
);

t.test(
  'WEMWBS, the primary instrument, gives the share improving by 3 points or more',
  async (t) => {
    const w = result.butterfly.WEMWBS;
    t.equal(w.role, 'primary');
    t.equal(w.direction, 'higher is better');
    t.equal(w.minimumImportantDifference, 3);
    t.equal(w.participants.shareImproved, 1, '8, 7, 5 and 6');
    t.equal(w.direct.shareImproved, 1 / 2, '+4 of +4 and −1');
    t.equal(w.unreached.shareImproved, 2 / 9, '+3 and +6');
    t.same(Object.keys(result.butterfly), ['WEMWBS', 'UCLA-3'], 'the primary first');
  },
);

t.test('the attrition table counts who of each class has which scores', async (t) => {
  t.same(result.butterfly.WEMWBS.attrition, {
    participants: { n: 5, both: 4, baselineOnly: 1, followupOnly: 0, neither: 0 },
    direct: { n: 2, both: 2, baselineOnly: 0, followupOnly: 0, neither: 0 },
    indirect: { n: 0, both: 0, baselineOnly: 0, followupOnly: 0, neither: 0 },
    unreached: { n: 12, both: 9, baselineOnly: 1, followupOnly: 1, neither: 1 },
  });
});

t.test(
  'a class of one resident has a mean and no interval; an empty class has neither',
  async (t) => {
    // UCLA-3: only P1, 6 → 4; lower is better, so it is exploratory and says so.
    const u = result.butterfly['UCLA-3'];
    t.equal(u.role, 'exploratory');
    t.equal(u.direction, 'lower is better');
    t.equal(u.minimumImportantDifference, null);
    const none = { value: null, ci95: null };
    t.same(u.participants, { n: 1, meanChange: -2, ci95: null, dz: none, shareImproved: null });
    t.same(u.direct, { n: 0, meanChange: null, ci95: null, dz: none, shareImproved: null });
    t.same(u.directVsUnreached, {
      n: 0,
      estimate: null,
      ci95: null,
      hedgesG: none,
      permutation: { difference: null, p: null, permutations: 0, exact: true },
    });
    t.same(u.adjusted, { n: 1, estimate: null, ci95: null, p: null, pHolm: null });
  },
);

// Connections in (B, F − 90 days] = (day 100, day 210] with no tie at B: N5–N6 (ended day 90),
// P1–N1, P2–N2, P5–N7, P5–N8, N7–N9, N9–N10, N14–N11 = 8; P1–P2 on day 180 held at B; none in
// (day 210, day 300]; P1–N12 on day 310 is after F. All hold at F but P5–N8 (ended day 250).
t.test('sustainability counts new pairs of (B, F] and those still tied at F', async (t) => {
  const s = result.sustainability;
  t.same([s.newPairs, s.retainedPairs, s.retention, s.recentPairs], [8, 7, 7 / 8, 0]);
  t.equal(s.horizonDays, 90);
});

// With a 150-day horizon only (day 100, day 150] counts: N5–N6, P1–N1, P2–N2, P5–N7 and P5–N8,
// of which all but P5–N8 hold at F; N7–N9 (160), N9–N10 (170) and N14–N11 (190) are too recent.
t.test('a tie formed within the horizon before F is too recent to count as retained', async (t) => {
  const s = outcomes({ ...input, horizonMs: 150 * 86_400_000 }).sustainability;
  t.same([s.newPairs, s.retainedPairs, s.recentPairs, s.horizonDays], [5, 4, 3, 150]);
});

// Of the 7 new ties held at F, a wave confirms those a resident of the pair re-answered after
// the tie formed and by F: N9 answers on day 200, after N7–N9 (160) and N9–N10 (170), so 2; N14
// answered on day 140, before N14–N11 formed (190); P5 answers on day 320, after F.
t.test(
  'a held tie counts as confirmed only when a wave re-asked one of its residents',
  async (t) => {
    const at = (n: number) => Date.parse(day(n));
    const interviews = [
      { resident: 'N9', wave: 'w2', atMs: at(200) },
      { resident: 'N14', wave: 'w1', atMs: at(140) },
      { resident: 'P5', wave: 'w3', atMs: at(320) },
    ];
    const s = outcomes({ ...input, interviews }).sustainability;
    t.same([s.retainedPairs, s.confirmedPairs], [7, 2]);
    t.equal(result.sustainability.confirmedPairs, 0, 'no interviews: nothing confirmed');
  },
);

// Spells begun in (B, F]: N1–G2 (120), N2–G3 (130), P2–G1 (150, a rejoining), P5–G1 (200),
// P5–G3 (210), P4–G3 (300) = 6; P3's repeat on day 200 starts nothing, N5's on 320 is after F.
// All but N2–G3 (left day 280) hold at F.
t.test(
  'sustainability counts membership spells begun in (B, F] and those holding at F',
  async (t) => {
    const s = result.sustainability;
    t.same([s.membershipsStarted, s.membershipsRetained, s.membershipRetention], [6, 5, 5 / 6]);
  },
);

// In (day 210, day 300]: G1 (P5 attends 220), G3 (attendance; P4 joins at 300). G4 has only a
// departure (250); P5 joining G3 on day 210 is outside the window. In (day 10, day 100]: G1 (P1
// attends 40, 70; P2 joins 50), G2 (N4 joins 90), G3 (P2 attends 95), G4 (N6 joins 20).
t.test(
  'active groups have an attendance or membership in the 90 days to each moment',
  async (t) => {
    t.same(result.sustainability.activeGroups, { baseline: 4, followup: 2 });
  },
);

t.test('every section carries its definition', async (t) => {
  t.match(result.connections.withinPerson.definition, /t\(0\.975, n−1\)/);
  t.match(result.involvement.definition, /90 × 24 hours/);
  t.match(result.butterfly.WEMWBS.definition, /Welch/);
  t.match(result.butterfly.WEMWBS.definition, /What it cannot show: It is observational/);
  t.match(result.sustainability.definition, /rejoining after a departure starts a new one/);
});

t.test('a community filter keeps only its residents and their events', async (t) => {
  const crossing: TieEvent = {
    id: 'x',
    type: 'connection',
    atMs: ms(BASELINE) + 1,
    seq: 0,
    from: 'S1',
    to: 'P1',
  };
  const south = outcomes({
    ...input,
    records: [
      ...records,
      { id: 'S1', name: 'S1', communityId: 'south', participant: false, joinedAtMs: 0 },
    ],
    ties: [...ties, crossing].sort((a, b) => a.atMs - b.atMs).map((tie, seq) => ({ ...tie, seq })),
    communityId: 'south',
  });
  t.equal(south.connections.withinPerson.all.n, 1);
  t.equal(south.connections.withinPerson.all.meanChange, 0, 'the tie to P1 leaves the community');
  t.equal(south.sustainability.newPairs, 0);
  t.equal(south.involvement.followup.inGroup, 0);
});
