# Reference values for test/metrics/mixing.test.ts: a community's row of the E-I index and its
# bridging share in the whole network, and their means over every way of choosing which of the
# residents with a community are the community's (as many as it has), by itertools over NetworkX.
# Run: python3 test/metrics/reference/mixing-networkx.py  (NetworkX 3.x)
from fractions import Fraction
from itertools import combinations

import networkx as nx

community = {'a1': 'A', 'a2': 'A', 'a3': 'A', 'b1': 'B', 'b2': 'B', 'b3': 'B', 'x': None}
g = nx.Graph([('a1', 'a2'), ('a2', 'a3'), ('a1', 'b1'), ('b1', 'b2'), ('b2', 'b3'), ('x', 'a1')])
labelled = [n for n in sorted(g) if community[n] is not None]


def row(members):
    internal = external = 0
    for u, v in g.edges():
        if community[u] is None or community[v] is None:
            continue
        inside = (u in members) + (v in members)
        internal += inside == 2
        external += inside == 1
    return external, internal


def ei(e, i):
    return Fraction(e - i, e + i)


for name in ['A', 'B']:
    members = {n for n in labelled if community[n] == name}
    e, i = row(members)
    choices = [row(set(c)) for c in combinations(labelled, len(members))]
    eis = [ei(*c) for c in choices if sum(c) > 0]
    bridgings = [Fraction(c[0], sum(c)) for c in choices if sum(c) > 0]
    expected = sum(eis) / len(eis)
    far = sum(abs(v - expected) >= abs(ei(e, i) - expected) for v in eis)
    print(f"{name}: external {e}, internal {i}, ei {ei(e, i)}, eiExpected {expected}, "
          f"bridgingExpected {sum(bridgings) / len(bridgings)}, p {far}/{len(eis)}, labelings {len(choices)}")
