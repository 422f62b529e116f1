# Reference values for test/metrics/comparison.test.ts: statsmodels' OLS formula for the adjusted
# difference, SciPy's t for p-values, statsmodels' Holm, and the effect-size formulas written out in
# NumPy (Cohen's dz; Hedges' g with Borenstein et al. 2009, 4.18–4.24; in effect_sizes.py, shared
# with outcomes-scipy.py), from the hand-made scores below (copied from the test, not from the code).
# Run: python3 test/metrics/reference/comparison-statsmodels.py  (statsmodels 0.15.0, SciPy 1.17.1,
# pandas 3.0.6; statsmodels from a virtual environment, pip install statsmodels)
from scipy import stats
from statsmodels.stats.multitest import multipletests

from effect_sizes import adjusted, dz, hedges_g, welch

# (participant, baseline, follow-up) of ten residents.
rows = [(1, 40, 48), (1, 44, 51), (1, 38, 43), (1, 35, 41),
        (0, 45, 49), (0, 47, 50), (0, 44, 50), (0, 50, 52), (0, 46, 47), (0, 48, 48)]
estimate, low, high, p = map(float, adjusted(rows))
print(f"const ADJUSTED = {{ estimate: {estimate!r}, low: {low!r}, high: {high!r}, p: {p!r} }};")

changes = [8, 7, 5, 6]
print("const DZ = {{ value: {!r}, low: {!r}, high: {!r} }};".format(*map(float, dz(changes))))
direct, unreached = [4, 3, 6], [0, -1, 2, 0, -1, 2]
print("const HEDGES_G = {{ value: {!r}, low: {!r}, high: {!r} }};".format(*map(float, hedges_g(direct, unreached))))

ps = [0.01, 0.04, 0.03, 0.2]
print(f"const HOLM = {[float(p) for p in multipletests(ps, method='holm')[1]]!r};")

# Difference-in-differences: treated and comparison changes, Welch's interval.
treated, comparison = [3, 5, 2, 4, 6], [1, 0, 2, 1]
low, high = map(float, welch(treated, comparison))
print(f"const DID = {{ low: {low!r}, high: {high!r} }};")
print(f"const T_P = {float(2 * stats.t.sf(2.5, 7))!r};")
