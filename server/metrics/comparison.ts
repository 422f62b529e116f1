// The comparisons a referee asks for beside a before-against-after interval (docs/report.md): the
// participant − non-participant difference adjusted for baseline (OLS), standardised effect sizes
// with intervals, Holm's adjustment of several p-values, and a difference-in-differences. Pure
// functions over explicit numbers, written to match statsmodels and SciPy (test/metrics/reference).
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import {
  mean,
  noVariation,
  sampleVariance,
  tCritical,
  welchDifference,
  type Interval,
} from './stats.ts';

/** The 97.5% quantile of the standard normal, scipy.stats.norm.ppf(0.975): effect sizes' intervals. */
export const Z_975 = 1.959963984540054;

/** Two-sided p of a t statistic with `df` degrees of freedom (scipy: 2 * stats.t.sf(|t|, df)). */
export const twoSidedP = (t: number, df: number) => 2 * tCdf(-Math.abs(t), df);

export interface ScorePair {
  baseline: number;
  followup: number;
  /** Exposed at the baseline (a participant then). */
  participant: boolean;
}

export interface Adjusted {
  /** Residents in the regression: both scores, either group. */
  n: number;
  /** The participant coefficient of followup ~ participant + baseline; null when not estimable. */
  estimate: number | null;
  /** Its t interval, estimate ± t(0.975, n − 3)·SE. */
  ci95: Interval | null;
  /** Two-sided p of estimate / SE with n − 3 degrees of freedom. */
  p: number | null;
}

const NONE = { estimate: null, ci95: null, p: null };

/**
 * Ordinary least squares of follow-up score on an intercept, a participant indicator and the
 * baseline score (statsmodels `ols('followup ~ participant + baseline')`), by the Frisch–Waugh
 * route on centred columns. Not estimable (nulls) with fewer than four residents, an empty group,
 * or baselines that do not vary apart from the groups.
 */
export function adjustedDifference(rows: readonly ScorePair[]): Adjusted {
  const n = rows.length;
  const groups = rows.filter((r) => r.participant).length;
  if (n < 4 || groups === 0 || groups === n) return { n, ...NONE };
  const p = rows.map((r) => (r.participant ? 1 : 0));
  const b = rows.map((r) => r.baseline);
  const y = rows.map((r) => r.followup);
  const [mp, mb, my] = [mean(p)!, mean(b)!, mean(y)!];
  let [spp, sbb, spb, spy, sby] = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const [dp, db, dy] = [p[i] - mp, b[i] - mb, y[i] - my];
    spp += dp * dp;
    sbb += db * db;
    spb += dp * db;
    spy += dp * dy;
    sby += db * dy;
  }
  const det = spp * sbb - spb * spb;
  if (!(det > 1e-12 * spp * sbb)) return { n, ...NONE };
  const beta = (sbb * spy - spb * sby) / det;
  const slope = (spp * sby - spb * spy) / det;
  const intercept = my - beta * mp - slope * mb;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - beta * p[i] - slope * b[i]) ** 2;
  const df = n - 3;
  const se = Math.sqrt(((rss / df) * sbb) / det);
  if (se === 0) return { n, estimate: beta, ci95: noVariation(beta), p: null };
  const half = tCritical(df) * se;
  return {
    n,
    estimate: beta,
    ci95: { low: beta - half, high: beta + half },
    p: twoSidedP(beta / se, df),
  };
}

export interface EffectSize {
  /** The standardised difference; null when a sample is too small or does not vary. */
  value: number | null;
  /** value ± z(0.975)·SE, the large-sample interval. */
  ci95: Interval | null;
}

const noEffect: EffectSize = { value: null, ci95: null };

const around = (value: number, se: number): Interval => ({
  low: value - Z_975 * se,
  high: value + Z_975 * se,
});

/**
 * Cohen's dz of within-person changes: mean change / standard deviation of the changes (n − 1),
 * with SE = √(1/n + dz²/(2n)). Null below two changes or when they do not vary.
 */
export function pairedDz(changes: readonly number[]): EffectSize {
  const variance = sampleVariance(changes);
  if (variance === null || variance === 0) return noEffect;
  const n = changes.length;
  const dz = mean(changes)! / Math.sqrt(variance);
  return { value: dz, ci95: around(dz, Math.sqrt(1 / n + dz ** 2 / (2 * n))) };
}

/**
 * Hedges' g of a against b: Cohen's d on the pooled standard deviation times the small-sample
 * correction J = 1 − 3/(4(n₁ + n₂) − 9), with SE = J·√((n₁ + n₂)/(n₁n₂) + d²/(2(n₁ + n₂)))
 * (Borenstein et al. 2009, 4.18–4.24). Null when a sample has fewer than two values or neither varies.
 */
export function hedgesG(a: readonly number[], b: readonly number[]): EffectSize {
  const [va, vb] = [sampleVariance(a), sampleVariance(b)];
  if (va === null || vb === null) return noEffect;
  const [n1, n2] = [a.length, b.length];
  const pooled = ((n1 - 1) * va + (n2 - 1) * vb) / (n1 + n2 - 2);
  if (pooled === 0) return noEffect;
  const d = (mean(a)! - mean(b)!) / Math.sqrt(pooled);
  const j = 1 - 3 / (4 * (n1 + n2) - 9);
  const se = j * Math.sqrt((n1 + n2) / (n1 * n2) + d ** 2 / (2 * (n1 + n2)));
  return { value: j * d, ci95: around(j * d, se) };
}

/**
 * Holm's step-down adjustment (statsmodels `multipletests(p, method='holm')`): the i-th smallest
 * of m p-values becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Nulls stay null and do not
 * count towards m.
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  const order = ps
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null)
    .sort((x, y) => x.p - y.p);
  const m = order.length;
  const adjusted: (number | null)[] = ps.map(() => null);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * The share of changes that improved by at least `points` in the instrument's better direction
 * (a lower score being better when `higherIsBetter` is false); null without changes.
 */
export function shareImproving(
  changes: readonly number[],
  points: number,
  higherIsBetter: boolean,
): number | null {
  if (changes.length === 0) return null;
  const sign = higherIsBetter ? 1 : -1;
  return changes.filter((c) => sign * c >= points).length / changes.length;
}

export interface DifferenceInDifferences {
  /** The smaller of the two groups (a difference and one group's mean reveal the other's). */
  n: number;
  treated: { n: number; meanChange: number | null };
  comparison: { n: number; meanChange: number | null };
  /** Mean change of the treated − mean change of the comparison. */
  estimate: number | null;
  /** Welch's t interval of that difference. */
  ci95: Interval | null;
}

/** The difference-in-differences of mean change, treated against comparison, with Welch's interval. */
export function differenceInDifferences(
  treated: readonly number[],
  comparison: readonly number[],
): DifferenceInDifferences {
  return {
    n: Math.min(treated.length, comparison.length),
    treated: { n: treated.length, meanChange: mean(treated) },
    comparison: { n: comparison.length, meanChange: mean(comparison) },
    ...welchDifference(treated, comparison),
  };
}
