# Reference intervals for test/metrics/outcomes.test.ts, computed by SciPy from the scenario's
# hand-worked changes (the lists below are copied from the test's comments, not from the code).
# Run: python3 test/metrics/reference/outcomes-scipy.py  (SciPy 1.17.1)
import numpy as np
from scipy import stats


def paired(changes):
    x = np.array(changes, dtype=float)
    low, high = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))
    return low, high


def welch(a, b):
    ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    return ci.low, ci.high


# Degree change F − B of the 19 residents who joined by B.
participants_degree = [1, 1, 0, -1, 1]
non_participants_degree = [1, 1, 0, -1, 1, 1, 2, 0, 2, 1, 1, 0, 0, 0]
# WEMWBS change by exposure class.
wemwbs_participants = [8, 7, 5, 6]
wemwbs_direct = [4, 3, 6]
wemwbs_indirect = [2, 1]
wemwbs_unreached = [0, -1, 2, 0, -1, 2]

rows = {
    'DEGREE_ALL': paired(participants_degree + non_participants_degree),
    'DEGREE_PARTICIPANTS': paired(participants_degree),
    'DEGREE_NON_PARTICIPANTS': paired(non_participants_degree),
    'WEMWBS_PARTICIPANTS': paired(wemwbs_participants),
    'WEMWBS_DIRECT': paired(wemwbs_direct),
    'WEMWBS_INDIRECT': paired(wemwbs_indirect),
    'WEMWBS_UNREACHED': paired(wemwbs_unreached),
    'WEMWBS_DIRECT_VS_UNREACHED': welch(wemwbs_direct, wemwbs_unreached),
}
for name, (low, high) in rows.items():
    print(f"const {name} = {{ low: {float(low)!r}, high: {float(high)!r} }};")
