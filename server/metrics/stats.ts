// Summary statistics and the two t intervals the report uses, written to match SciPy so an
// evaluator can reproduce them: scipy.stats.t.interval for a mean (the paired interval on
// changes) and scipy.stats.ttest_ind(a, b, equal_var=False).confidence_interval() for Welch.
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Interval {
  low: number;
  high: number;
  /** False when the values do not vary: the interval has no width and says nothing. */
  informative?: false;
}

/** An interval with no width: the data do not vary, so it says nothing about uncertainty. */
export const noVariation = (value: number): Interval => ({
  low: value,
  high: value,
  informative: false,
});

export interface Difference {
  /** mean(a) − mean(b); null when either sample is empty. */
  estimate: number | null;
  /** Welch's 95% interval; null when either sample has fewer than two values. */
  ci95: Interval | null;
}

const LEVEL = 0.95;

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle value, or the mean of the two middle values (NumPy's median). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Sample variance with n − 1 in the denominator (NumPy's ddof=1); null below two values. */
export function sampleVariance(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}

/** The two-sided 95% quantile of Student's t with `df` degrees of freedom, t(0.975, df). */
export function tCritical(df: number): number {
  return tQuantile(1 - (1 - LEVEL) / 2, df);
}

/**
 * The 95% t interval of a mean, mean ± t(0.975, n−1)·s/√n with s the sample standard deviation;
 * applied to within-person changes it is the paired t interval. Null when n < 2. With s = 0 the
 * interval is the mean itself, marked not informative (SciPy answers NaN there, having no scale).
 */
export function meanInterval(values: readonly number[]): Interval | null {
  const variance = sampleVariance(values);
  if (variance === null) return null;
  const m = mean(values)!;
  if (variance === 0) return noVariation(m);
  const half = tCritical(values.length - 1) * Math.sqrt(variance / values.length);
  return { low: m - half, high: m + half };
}

/**
 * Welch's 95% interval for mean(a) − mean(b): unequal variances, Welch–Satterthwaite degrees of
 * freedom. Null when a sample has fewer than two values; when neither varies, the difference
 * itself, marked not informative.
 */
export function welchDifference(a: readonly number[], b: readonly number[]): Difference {
  const ma = mean(a);
  const mb = mean(b);
  if (ma === null || mb === null) return { estimate: null, ci95: null };
  const estimate = ma - mb;
  const va = sampleVariance(a);
  const vb = sampleVariance(b);
  if (va === null || vb === null) return { estimate, ci95: null };
  const sa = va / a.length;
  const sb = vb / b.length;
  const se2 = sa + sb;
  if (se2 === 0) return { estimate, ci95: noVariation(estimate) };
  const df = se2 ** 2 / (sa ** 2 / (a.length - 1) + sb ** 2 / (b.length - 1));
  const half = tCritical(df) * Math.sqrt(se2);
  return { estimate, ci95: { low: estimate - half, high: estimate + half } };
}
