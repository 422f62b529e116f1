# Reference values for test/metrics/outcomes.test.ts, computed by SciPy and statsmodels from the
# scenario's hand-worked degrees, scores and changes (the lists below are copied from the test's
# comments, not from the code); the effect sizes' formulas are in effect_sizes.py, shared with
# comparison-statsmodels.py.
# Run: python3 test/metrics/reference/outcomes-scipy.py  (SciPy 1.17.1, statsmodels 0.15.0, pandas
# 3.0.6; statsmodels from a virtual environment, pip install statsmodels)
import numpy as np
from scipy import stats

from effect_sizes import adjusted, dz, hedges_g, welch


def paired(changes):
    x = np.array(changes, dtype=float)
    low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    return low, high


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
