// Permutation tests that hold the network fixed: residents in a network are not independent (one
// new tie raises two people's degree), so instead of a t interval's independence we ask how often
// shuffling who is in which group, with every resident's change kept as it was, gives a
// difference as large as the one seen. Exact when the labelings are few, else seeded random ones.
import { seededRandom } from './node-metrics.ts';

export interface PermutationTest {
  /** mean(a) − mean(b); null when either group is empty. */
  difference: number | null;
  /** Two-sided: the share of labelings whose |difference| ≥ the observed one, the observed included. */
  p: number | null;
  /** Labelings counted: every one when exact, else the random ones drawn. */
  permutations: number;
  exact: boolean;
}

export interface LabelingOptions {
  /** Enumerate every labeling when there are at most this many. */
  maxExact?: number;
  /** Otherwise draw this many random labelings. */
  resamples?: number;
  seed?: number;
}

const DEFAULTS = { maxExact: 9_999, resamples: 9_999, seed: 19 };

/** The ways to choose k of n, or Infinity once past `cap` (so large counts never overflow). */
export function choose(n: number, k: number, cap = Number.MAX_SAFE_INTEGER): number {
  const m = Math.min(k, n - k);
  if (m < 0) return 0;
  let ways = 1;
  for (let i = 1; i <= m; i++) {
    ways = (ways * (n - m + i)) / i;
    if (ways > cap) return Infinity;
  }
  return Math.round(ways);
}

/**
 * Calls `visit` with the positions (of 0…n−1) put in the first group, k of them, for every
 * labeling when there are at most `maxExact`, else for `resamples` labelings drawn uniformly with
 * a seeded generator. The array passed is reused between calls.
 */
export function forEachLabeling(
  n: number,
  k: number,
  visit: (chosen: Int32Array) => void,
  options: LabelingOptions = {},
): { permutations: number; exact: boolean } {
  const { maxExact, resamples, seed } = { ...DEFAULTS, ...options };
  const total = choose(n, k, maxExact);
  const chosen = new Int32Array(k);
  if (total <= maxExact) {
    for (let i = 0; i < k; i++) chosen[i] = i;
    for (;;) {
      visit(chosen);
      let i = k - 1;
      while (i >= 0 && chosen[i] === n - k + i) i--;
      if (i < 0) break;
      chosen[i] += 1;
      for (let j = i + 1; j < k; j++) chosen[j] = chosen[j - 1] + 1;
    }
    return { permutations: total, exact: true };
  }
  const random = seededRandom(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < resamples; r++) {
    // the first k places of a partial Fisher–Yates shuffle: a uniform k-subset
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (n - i));
      const picked = order[j];
      order[j] = order[i];
      order[i] = picked;
      chosen[i] = picked;
    }
    visit(chosen);
  }
  return { permutations: resamples, exact: false };
}

/** Difference in means of a − b, with the two-sided permutation p over the labels of a ∪ b. */
export function meanDifferenceTest(
  a: readonly number[],
  b: readonly number[],
  options: LabelingOptions = {},
): PermutationTest {
  if (a.length === 0 || b.length === 0)
    return { difference: null, p: null, permutations: 0, exact: true };
  if (a.length > b.length) {
    // the same test with the smaller group labelled: each drawn labeling costs its size
    const swapped = meanDifferenceTest(b, a, options);
    return { ...swapped, difference: 0 - swapped.difference! };
  }
  const pooled = Float64Array.from([...a, ...b]);
  const [n, k] = [pooled.length, a.length];
  const total = pooled.reduce((sum, v) => sum + v, 0);
  const differenceOf = (sumA: number) => sumA / k - (total - sumA) / (n - k);
  const observed = differenceOf(a.reduce((sum, v) => sum + v, 0));
  // equal differences reached by adding in another order may differ in the last bits
  const threshold = Math.abs(observed) * (1 - 1e-12);
  let atLeast = 0;
  const { permutations, exact } = forEachLabeling(
    n,
    k,
    (chosen) => {
      let sumA = 0;
      for (let i = 0; i < k; i++) sumA += pooled[chosen[i]];
      if (Math.abs(differenceOf(sumA)) >= threshold) atLeast += 1;
    },
    options,
  );
  // drawn labelings leave the observed one out: it is counted in as one more (SciPy's convention)
  const p = exact ? atLeast / permutations : (atLeast + 1) / (permutations + 1);
  return { difference: observed, p, permutations, exact };
}
