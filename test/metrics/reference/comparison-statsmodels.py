# Reference values for test/metrics/comparison.test.ts: statsmodels' OLS formula for the adjusted
# difference, SciPy's t for p-values, statsmodels' Holm, and the effect-size formulas written out in
# NumPy (Cohen's dz; Hedges' g with Borenstein et al. 2009, 4.18–4.24), from the hand-made scores
# below (copied from the test, not from the code).
# Run: python3 test/metrics/reference/comparison-statsmodels.py  (statsmodels 0.15.0, SciPy 1.17.1,
# pandas 3.0.6; statsmodels from a virtual environment, pip install statsmodels)
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.multitest import multipletests

Z = stats.norm.ppf(0.975)

# (participant, baseline, follow-up) of ten residents.
rows = [(1, 40, 48), (1, 44, 51), (1, 38, 43), (1, 35, 41),
        (0, 45, 49), (0, 47, 50), (0, 44, 50), (0, 50, 52), (0, 46, 47), (0, 48, 48)]
df = pd.DataFrame(rows, columns=['participant', 'baseline', 'followup'])
fit = smf.ols('followup ~ participant + baseline', data=df).fit()
low, high = fit.conf_int(0.05).loc['participant']
print(f"const ADJUSTED = {{ estimate: {float(fit.params['participant'])!r}, low: {float(low)!r}, high: {float(high)!r}, p: {float(fit.pvalues['participant'])!r} }};")


def dz(changes):
    x = np.array(changes, dtype=float)
    d = x.mean() / x.std(ddof=1)
    se = np.sqrt(1 / len(x) + d**2 / (2 * len(x)))
    return d, d - Z * se, d + Z * se


def hedges_g(a, b):
    a, b = np.array(a, dtype=float), np.array(b, dtype=float)
    n1, n2 = len(a), len(b)
    pooled = ((n1 - 1) * a.var(ddof=1) + (n2 - 1) * b.var(ddof=1)) / (n1 + n2 - 2)
    d = (a.mean() - b.mean()) / np.sqrt(pooled)
    j = 1 - 3 / (4 * (n1 + n2) - 9)
    se = j * np.sqrt((n1 + n2) / (n1 * n2) + d**2 / (2 * (n1 + n2)))
    return j * d, j * d - Z * se, j * d + Z * se


changes = [8, 7, 5, 6]
print("const DZ = {{ value: {!r}, low: {!r}, high: {!r} }};".format(*map(float, dz(changes))))
direct, unreached = [4, 3, 6], [0, -1, 2, 0, -1, 2]
print("const HEDGES_G = {{ value: {!r}, low: {!r}, high: {!r} }};".format(*map(float, hedges_g(direct, unreached))))

ps = [0.01, 0.04, 0.03, 0.2]
print(f"const HOLM = {[float(p) for p in multipletests(ps, method='holm')[1]]!r};")

# Difference-in-differences: treated and comparison changes, Welch's interval.
treated, comparison = [3, 5, 2, 4, 6], [1, 0, 2, 1]
ci = stats.ttest_ind(treated, comparison, equal_var=False).confidence_interval(0.95)
print(f"const DID = {{ low: {float(ci.low)!r}, high: {float(ci.high)!r} }};")
print(f"const T_P = {float(2 * stats.t.sf(2.5, 7))!r};")
