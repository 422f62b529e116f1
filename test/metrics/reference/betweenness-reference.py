"""Reference numbers for test/metrics/betweenness.test.ts, from NetworkX (3.6.1 when written).

Run: python3 test/metrics/reference/betweenness-reference.py
The graph has leaves (one tie), a pendant pair, an isolate, two components, and a weighted
detour x-p-q-y of three ties of strength 3 as long as the direct tie x-y of strength 1
(1/3 + 1/3 + 1/3 == 1.0 in floating point), so both shortest paths count.
"""
import networkx as nx

EDGES = [
    ("a", "b", 1), ("a", "c", 2), ("b", "c", 1), ("b", "d", 3), ("c", "d", 1),
    ("d", "e", 2), ("e", "f", 1), ("e", "g", 1), ("f", "g", 3), ("g", "h", 2),
    ("d", "i", 1), ("d", "j", 2), ("k", "l", 1), ("b", "e", 1),
    ("x", "y", 1), ("x", "p", 3), ("p", "q", 3), ("q", "y", 3), ("y", "z", 2),
]
G = nx.Graph()
G.add_node("m")
for u, v, s in EDGES:
    G.add_edge(u, v, weight=s, distance=1 / s)

for weighted in (False, True):
    b = nx.betweenness_centrality(G, normalized=True, weight="distance" if weighted else None)
    c = nx.closeness_centrality(G, distance="distance" if weighted else None, wf_improved=True)
    print("weighted" if weighted else "unweighted")
    for node in sorted(G):
        print(" ", node, repr(b[node]), repr(c[node]))
