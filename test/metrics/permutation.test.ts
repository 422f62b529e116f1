// The permutation test of a difference in means, against full enumeration: the p-values below were
// counted by itertools over every labeling and by SciPy's permutation_test with n_resamples=np.inf
// (test/metrics/reference/permutation-scipy.py; its printed output is quoted at each test).
import t from 'tap';
import { choose, forEachLabeling, meanDifferenceTest } from '../../server/metrics/permutation.ts';

t.test('the labelings are counted without overflow and capped when many', async (t) => {
  t.equal(choose(7, 3), 35);
  t.equal(choose(19, 5), 11_628);
  t.equal(choose(9, 0), 1);
  t.equal(choose(300, 100, 9_999), Infinity);
});

t.test('few labelings are each enumerated once', async (t) => {
  const seen = new Set<string>();
  const result = forEachLabeling(6, 3, (chosen) => seen.add([...chosen].join(',')));
  t.same(result, { permutations: 20, exact: true });
  t.equal(seen.size, 20, 'twenty different subsets of three');
});

t.test('many labelings are 9,999 random ones, the same on every run', async (t) => {
  const draw = () => {
    const firsts: number[] = [];
    const result = forEachLabeling(19, 5, (chosen) => firsts.push(chosen[0]));
    return { result, firsts };
  };
  const once = draw();
  t.same(once.result, { permutations: 9_999, exact: false });
  t.same(draw().firsts, once.firsts, 'seeded');
});

// SMALL: 1 of 35 labelings, p = 1/35. By hand: only {3, 4, 5} (the observed labeling, sum 12)
// reaches |mean(a) − mean(b)| = 4 − 1 = 3; the next largest sum, 11, gives 11/3 − 5/4 < 3.
t.test('the observed labeling alone at the extreme gives p = 1/35', async (t) => {
  t.same(meanDifferenceTest([3, 5, 4], [1, 2, 0, 1]), {
    difference: 3,
    p: 1 / 35,
    permutations: 35,
    exact: true,
  });
});

// TIES: 17 of 35 labelings, p = 17/35 (12 of them reach the observed 5/12 exactly).
t.test('labelings that reach the observed difference exactly count towards p', async (t) => {
  const result = meanDifferenceTest([1, 1, 0], [0, 0, 0, 1]);
  t.ok(Math.abs(result.difference! - 5 / 12) < 1e-15);
  t.equal(result.p, 17 / 35);
});

t.test('the test is two-sided: swapping the groups keeps p and turns the sign', async (t) => {
  const swapped = meanDifferenceTest([1, 2, 0, 1], [3, 5, 4]);
  t.equal(swapped.difference, -3);
  t.equal(swapped.p, 1 / 35);
});

// WITHIN_PERSON: 8853 of 11628 labelings, p = 0.7613519091847265 (exact). 11,628 labelings are
// more than 9,999, so 9,999 are drawn: p = (hits + 1) / 10,000, within sampling error of the
// exact value (its standard error is √(p(1 − p)/9,999) ≈ 0.0043; four of them allowed).
t.test('drawn labelings estimate the exact p within sampling error', async (t) => {
  const participants = [1, 1, 0, -1, 1];
  const others = [1, 1, 0, -1, 1, 1, 2, 0, 2, 1, 1, 0, 0, 0];
  const result = meanDifferenceTest(participants, others);
  t.equal(result.exact, false);
  t.equal(result.permutations, 9_999);
  t.ok(Math.abs(result.difference! - (2 / 5 - 9 / 14)) < 1e-12);
  t.ok(Math.abs(result.p! - 8853 / 11628) < 4 * 0.0043, `p ${result.p} against 0.76135`);
  t.equal(Math.round(result.p! * 10_000), result.p! * 10_000, 'a count over 10,000');
  const exact = meanDifferenceTest(participants, others, { maxExact: 20_000 });
  t.equal(exact.p, 8853 / 11628, 'every labeling enumerated: the exact p');
});

t.test('an empty group has no difference and no p', async (t) => {
  t.same(meanDifferenceTest([], [1, 2]), {
    difference: null,
    p: null,
    permutations: 0,
    exact: true,
  });
});
