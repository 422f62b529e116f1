# Reference values for test/metrics/outcomes.test.ts, computed by SciPy and statsmodels from the
# scenario's hand-worked degrees, scores and changes (the lists below are copied from the test's
# comments, not from the code).
# Run: python3 test/metrics/reference/outcomes-scipy.py  (SciPy 1.17.1, statsmodels 0.15.0, pandas
# 3.0.6; statsmodels from a virtual environment, pip install statsmodels)
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

Z = stats.norm.ppf(0.975)


def paired(changes):
    x = np.array(changes, dtype=float)
    low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    return low, high


def welch(a, b):
    ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    return ci.low, ci.high


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


def adjusted(rows):
    df = pd.DataFrame(rows, columns=['participant', 'baseline', 'followup'])
    fit = smf.ols('followup ~ participant + baseline', data=df).fit()
    low, high = fit.conf_int(0.05).loc['participant']
    return fit.params['participant'], low, high, fit.pvalues['participant']


# Degree change F − B of the 19 residents in the network at B (all still there at F).
participants_degree = [1, 1, 0, -1, 1]
non_participants_degree = [1, 1, 0, -1, 1, 1, 2, 0, 2, 1, 1, 0, 0, 0]
# (participant at B, degree at B, degree at F): P1–P5, then N1–N13 and N15.
degree_rows = [(1, 1, 2), (1, 1, 2), (1, 1, 1), (1, 1, 0), (1, 0, 1),
               (0, 1, 2), (0, 1, 2), (0, 1, 1), (0, 1, 0), (0, 0, 1), (0, 0, 1), (0, 0, 2),
               (0, 0, 0), (0, 0, 2), (0, 0, 1), (0, 0, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0)]
# WEMWBS change by exposure class in the network at B.
wemwbs_participants = [8, 7, 5, 6]
wemwbs_direct = [4, -1]
wemwbs_unreached = [3, 6, 2, 1, 0, 2, 0, -1, 2]
# (participant at B, baseline, follow-up) of the residents in the network at B with both scores.
wemwbs_rows = [(1, 40, 48), (1, 44, 51), (1, 38, 43), (1, 35, 41),
               (0, 45, 49), (0, 52, 51), (0, 47, 50), (0, 44, 50), (0, 50, 52), (0, 46, 47),
               (0, 48, 48), (0, 43, 45), (0, 49, 49), (0, 47, 46), (0, 45, 47)]

intervals = {
    'DEGREE_ALL': paired(participants_degree + non_participants_degree),
    'DEGREE_PARTICIPANTS': paired(participants_degree),
    'DEGREE_NON_PARTICIPANTS': paired(non_participants_degree),
    'WEMWBS_PARTICIPANTS': paired(wemwbs_participants),
    'WEMWBS_DIRECT': paired(wemwbs_direct),
    'WEMWBS_UNREACHED': paired(wemwbs_unreached),
    'WEMWBS_DIRECT_VS_UNREACHED': welch(wemwbs_direct, wemwbs_unreached),
}
for name, (low, high) in intervals.items():
    print(f"const {name} = {{ low: {float(low)!r}, high: {float(high)!r} }};")
effects = {
    'DZ_DEGREE_PARTICIPANTS': dz(participants_degree),
    'DZ_WEMWBS_PARTICIPANTS': dz(wemwbs_participants),
    'DZ_WEMWBS_UNREACHED': dz(wemwbs_unreached),
    'G_WEMWBS_DIRECT_VS_UNREACHED': hedges_g(wemwbs_direct, wemwbs_unreached),
}
for name, (value, low, high) in effects.items():
    print(f"const {name} = {{ value: {float(value)!r}, low: {float(low)!r}, high: {float(high)!r} }};")
for name, rows in {'ADJUSTED_DEGREE': degree_rows, 'ADJUSTED_WEMWBS': wemwbs_rows}.items():
    estimate, low, high, p = map(float, adjusted(rows))
    print(f"const {name} = {{ estimate: {estimate!r}, low: {low!r}, high: {high!r}, p: {p!r} }};")
