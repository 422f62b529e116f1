// The report's comparisons on hand-made numbers: the expected values are statsmodels', SciPy's
// and the effect-size formulas in NumPy (test/metrics/reference/comparison-statsmodels.py, its
// printed output pasted below).
import t from 'tap';
import {
  adjustedDifference,
  differenceInDifferences,
  hedgesG,
  holm,
  pairedDz,
  shareImproving,
  twoSidedP,
} from '../../server/metrics/comparison.ts';
import { meanInterval, welchDifference } from '../../server/metrics/stats.ts';

const ADJUSTED = {
  estimate: 2.916771752837331,
  low: -2.3045034604760906,
  high: 8.138046966150753,
  p: 0.22805929069612987,
};
const DZ = { value: 5.034878350069642, low: 1.4109319730866656, high: 8.658824727052618 };
const HEDGES_G = { value: 2.514157444218835, low: 0.8210528946658913, high: 4.207261993771779 };
const HOLM = [0.04, 0.09, 0.09, 0.2];
const DID = { low: 1.0171419094761849, high: 4.982858090523815 };
const T_P = 0.04099221858575289;

const near = (t: Tap, actual: number | null | undefined, expected: number, what: string) =>
  t.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-9,
    `${what}: ${actual} vs ${expected}`,
  );
type Tap = Pick<typeof t, 'ok'>;

const pair = (participant: number, baseline: number, followup: number) => ({
  participant: participant === 1,
  baseline,
  followup,
});
const rows = [
  pair(1, 40, 48),
  pair(1, 44, 51),
  pair(1, 38, 43),
  pair(1, 35, 41),
  pair(0, 45, 49),
  pair(0, 47, 50),
  pair(0, 44, 50),
  pair(0, 50, 52),
  pair(0, 46, 47),
  pair(0, 48, 48),
];

t.test(
  'the adjusted difference is the participant coefficient of statsmodels’ followup ~ participant + baseline',
  async (t) => {
    const a = adjustedDifference(rows);
    t.equal(a.n, 10);
    near(t, a.estimate, ADJUSTED.estimate, 'estimate');
    near(t, a.ci95?.low, ADJUSTED.low, 'low');
    near(t, a.ci95?.high, ADJUSTED.high, 'high');
    near(t, a.p, ADJUSTED.p, 'p');
    // the unadjusted difference in follow-up means is 45.75 − 49.33 = −3.58: the adjustment for
    // the participants' lower baselines reverses its sign
    t.ok(a.estimate! > 0);
  },
);

t.test(
  'the adjusted difference is not estimated without both groups, with under four residents or with one baseline',
  async (t) => {
    const none = { estimate: null, ci95: null, p: null };
    t.same(adjustedDifference(rows.filter((r) => r.participant)), { n: 4, ...none });
    t.same(adjustedDifference(rows.slice(2, 5)), { n: 3, ...none });
    const flat = rows.map((r) => ({ ...r, baseline: 40 }));
    t.same(adjustedDifference(flat), { n: 10, ...none }, 'baseline collinear with the intercept');
  },
);

t.test('a two-sided t p-value is SciPy’s 2·t.sf(|t|, df)', async (t) => {
  near(t, twoSidedP(2.5, 7), T_P, 'p');
  near(t, twoSidedP(-2.5, 7), T_P, 'p of −t');
});

t.test('paired dz is the mean change over its standard deviation, with its interval', async (t) => {
  const dz = pairedDz([8, 7, 5, 6]);
  near(t, dz.value, DZ.value, 'dz');
  near(t, dz.ci95?.low, DZ.low, 'low');
  near(t, dz.ci95?.high, DZ.high, 'high');
  t.same(pairedDz([2, 2, 2]), { value: null, ci95: null }, 'changes that do not vary');
  t.same(pairedDz([2]), { value: null, ci95: null });
});

t.test('Hedges’ g of direct against unreached, with its interval', async (t) => {
  const g = hedgesG([4, 3, 6], [0, -1, 2, 0, -1, 2]);
  near(t, g.value, HEDGES_G.value, 'g');
  near(t, g.ci95?.low, HEDGES_G.low, 'low');
  near(t, g.ci95?.high, HEDGES_G.high, 'high');
  t.same(hedgesG([1], [1, 2]), { value: null, ci95: null });
  t.same(hedgesG([1, 1], [2, 2]), { value: null, ci95: null });
});

t.test(
  'Holm’s adjustment matches statsmodels and leaves a missing p out of the count',
  async (t) => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.2]);
    HOLM.forEach((p, i) => near(t, adjusted[i], p, `p ${i}`));
    t.same(holm([null, 0.02, 0.04]), [null, 0.04, 0.04]);
    t.same(holm([]), []);
  },
);

t.test('the share improving counts changes in the better direction', async (t) => {
  t.equal(shareImproving([3, 2, 5, -4], 3, true), 2 / 4);
  t.equal(shareImproving([3, 2, 5, -4], 3, false), 1 / 4, 'lower is better: −4 improved');
  t.equal(shareImproving([], 3, true), null);
});

t.test('the difference-in-differences is Welch’s interval of the two mean changes', async (t) => {
  const did = differenceInDifferences([3, 5, 2, 4, 6], [1, 0, 2, 1]);
  t.equal(did.n, 4);
  t.same(did.treated, { n: 5, meanChange: 4 });
  t.same(did.comparison, { n: 4, meanChange: 1 });
  t.equal(did.estimate, 3);
  near(t, did.ci95?.low, DID.low, 'low');
  near(t, did.ci95?.high, DID.high, 'high');
});

t.test('an interval over values that do not vary says it is not informative', async (t) => {
  t.same(meanInterval([2, 2, 2]), { low: 2, high: 2, informative: false });
  t.same(welchDifference([2, 2], [1, 1]), {
    estimate: 1,
    ci95: { low: 1, high: 1, informative: false },
  });
  t.notOk('informative' in meanInterval([1, 2, 3])!, 'an interval with width says nothing more');
});
