# The formulas both outcome reference scripts (outcomes-scipy.py, comparison-statsmodels.py) print
# values from: Welch's interval, Cohen's dz and Hedges' g with their 95% intervals (Borenstein et al.
# 2009, 4.18–4.24) in NumPy, and statsmodels' OLS adjusted difference. Imported, never run alone.
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

Z = stats.norm.ppf(0.975)


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
    """The participant coefficient of follow-up ~ participant + baseline over (participant, baseline,
    follow-up) rows: estimate, 95% low and high, p."""
    df = pd.DataFrame(rows, columns=['participant', 'baseline', 'followup'])
    fit = smf.ols('followup ~ participant + baseline', data=df).fit()
    low, high = fit.conf_int(0.05).loc['participant']
    return fit.params['participant'], low, high, fit.pvalues['participant']
