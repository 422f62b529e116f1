"""The karate-club reference numbers in karate-api.test.ts, from NetworkX (3.6.1 when written).

Run: python3 test/integration/karate-networkx.py
"""
import networkx as nx

G = nx.karate_club_graph()
for _, _, data in G.edges(data=True):
    data.clear()  # unweighted, as the API's default
print("density", repr(nx.density(G)))
print("average_clustering", repr(nx.average_clustering(G)))
print("transitivity", repr(nx.transitivity(G)))
b = nx.betweenness_centrality(G)
c = nx.closeness_centrality(G)
e = nx.eigenvector_centrality(G, max_iter=10000, tol=1e-13)
p = nx.pagerank(G, alpha=0.85, tol=1e-13, max_iter=10000)
k = nx.clustering(G)
for n in (0, 33, 32, 2, 31, 11):
    print(n, G.degree(n), repr(b[n]), repr(c[n]), repr(e[n]), repr(p[n]), repr(k[n]))
