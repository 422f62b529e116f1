# Weighted betweenness of export-tools.test.ts's network (Padgett's Florentine families, strengths
# (i mod 3) + 1 in graphology-generators' edge order, Acciaiuoli–Medici refreshed to 3, a pair apart
# and a loner), with distances 1/strength as floats (NetworkX's, /metrics') and as exact fractions.
# From Lamberteschi, Castellani is 7/3 away by Peruzzi and by Strozzi; in floating point the two
# sums differ in their last bit, so NetworkX counts one shortest path where there are two.
# Run: python3 test/api/export-tools-exact.py (NetworkX 2.8 or 3.x).
from fractions import Fraction

import networkx as nx

TIES = (
    "Acciaiuoli-Medici Castellani-Peruzzi Castellani-Strozzi Castellani-Barbadori Medici-Barbadori "
    "Medici-Ridolfi Medici-Tornabuoni Medici-Albizzi Medici-Salviati Salviati-Pazzi Peruzzi-Strozzi "
    "Peruzzi-Bischeri Strozzi-Ridolfi Strozzi-Bischeri Ridolfi-Tornabuoni Tornabuoni-Guadagni "
    "Albizzi-Ginori Albizzi-Guadagni Bischeri-Guadagni Guadagni-Lamberteschi"
).split()


def network(length):
    G = nx.Graph()
    for i, tie in enumerate(TIES):
        a, b = tie.lower().split("-")
        strength = 3 if tie == "Acciaiuoli-Medici" else i % 3 + 1
        G.add_edge(a, b, distance=length(strength))
    G.add_edge("ada", "bea", distance=length(2))
    G.add_node("loner")
    return G


floats = nx.betweenness_centrality(network(lambda s: 1 / s), weight="distance")
exact = nx.betweenness_centrality(network(lambda s: Fraction(1, s)), weight="distance")
for v in sorted(floats):
    if floats[v] != exact[v]:
        print(v, "float", repr(floats[v]), "exact", repr(float(exact[v])))
# Prints (NetworkX 2.8.8 and 3.6.1):
# peruzzi float 0.016544117647058824 exact 0.014705882352941176
# strozzi float 0.10110294117647059 exact 0.10294117647058823
