# Reference p-values for test/metrics/permutation.test.ts and test/metrics/outcomes.test.ts: the
# two-sided permutation test of a difference in means, by full enumeration twice over (itertools,
# and SciPy's permutation_test with every labeling: n_resamples=np.inf).
# Two-sided here is |mean(a) − mean(b)| ≥ the observed |difference| (SciPy's statistic made
# absolute, alternative='greater'), the observed labeling included.
# Run: python3 test/metrics/reference/permutation-scipy.py  (SciPy 1.17.1, NumPy 2.4.6)
from fractions import Fraction
from itertools import combinations
from math import comb

import numpy as np
from scipy import stats


def enumerated(a, b):
    pooled = a + b
    k, n = len(a), len(a) + len(b)
    total = sum(pooled)
    observed = abs(Fraction(sum(a), k) - Fraction(total - sum(a), n - k))
    hits = 0
    for chosen in combinations(range(n), k):
        s = sum(pooled[i] for i in chosen)
        if abs(Fraction(s, k) - Fraction(total - s, n - k)) >= observed:
            hits += 1
    return hits, comb(n, k)


def scipy_p(a, b):
    statistic = lambda x, y: abs(np.mean(x) - np.mean(y))
    result = stats.permutation_test(
        (np.array(a, float), np.array(b, float)),
        statistic,
        permutation_type='independent',
        n_resamples=np.inf,
        alternative='greater',
    )
    return result.pvalue


cases = {
    # hand-made: 35 labelings of 7 values, 3 in the first group
    'SMALL': ([3, 5, 4], [1, 2, 0, 1]),
    # 12 other labelings reach the observed |difference| exactly (5/12, in thirds and quarters)
    'TIES': ([1, 1, 0], [0, 0, 0, 1]),
    # test/metrics/outcomes-scenario.ts: WEMWBS change, direct against unreached in the network at B
    'BUTTERFLY': ([4, -1], [3, 6, 2, 1, 0, 2, 0, -1, 2]),
    # the same scenario's degree change, participants against non-participants (11,628 labelings)
    'WITHIN_PERSON': ([1, 1, 0, -1, 1], [1, 1, 0, -1, 1, 1, 2, 0, 2, 1, 1, 0, 0, 0]),
}
for name, (a, b) in cases.items():
    hits, labelings = enumerated(a, b)
    p = scipy_p(a, b)
    assert abs(p - hits / labelings) < 1e-12, (name, p, hits, labelings)
    print(f"{name}: {hits} of {labelings} labelings, p = {hits}/{labelings} = {p!r}")
