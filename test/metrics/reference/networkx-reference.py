"""Reference numbers for test/metrics, computed with NetworkX (run: python3 networkx-reference.py).

The tests hold these values as constants, so they run without Python; re-run this script to
check them against another NetworkX version. Printed with repr() so no digit is lost.
"""
import networkx as nx

print("networkx", nx.__version__)

karate = nx.karate_club_graph()
# networkx >= 2.7 stores meeting counts as 'weight' on the karate club; drop them so every
# number here is the unweighted one.
for _, _, data in karate.edges(data=True):
    data.clear()
florentine = nx.florentine_families_graph()


def freeman(graph):
    n = graph.number_of_nodes()
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


for name, graph in (("karate", karate), ("florentine", florentine)):
    print(name, "nodes", graph.number_of_nodes(), "edges", graph.number_of_edges())
    print(name, "density", repr(nx.density(graph)))
    print(name, "average_clustering", repr(nx.average_clustering(graph)))
    print(name, "transitivity", repr(nx.transitivity(graph)))
    print(name, "freeman degree centralization", repr(freeman(graph)))

for node in (0, 33):
    print("karate", node, "degree", karate.degree(node))
    print("karate", node, "betweenness", repr(nx.betweenness_centrality(karate)[node]))
    print("karate", node, "closeness", repr(nx.closeness_centrality(karate)[node]))
    print(
        "karate", node, "eigenvector tol 1e-12",
        repr(nx.eigenvector_centrality(karate, tol=1e-12, max_iter=10000)[node]),
    )
    print("karate", node, "pagerank tol 1e-12", repr(nx.pagerank(karate, tol=1e-12, max_iter=1000)[node]))
    print("karate", node, "clustering", repr(nx.clustering(karate)[node]))

medici = "Medici"
print("florentine Medici degree", florentine.degree(medici))
print("florentine Medici betweenness", repr(nx.betweenness_centrality(florentine)[medici]))
print("florentine Medici closeness", repr(nx.closeness_centrality(florentine)[medici]))

# Weighted conventions on a triangle with one weak tie (strengths 3, 3, 1).
triangle = nx.Graph()
for a, b, w in (("a", "b", 3), ("b", "c", 3), ("a", "c", 1)):
    triangle.add_edge(a, b, weight=w, distance=1 / w)
print("triangle weighted clustering", repr(nx.clustering(triangle, weight="weight")))
print("triangle weighted average_clustering", repr(nx.average_clustering(triangle, weight="weight")))
print("triangle betweenness distance", repr(nx.betweenness_centrality(triangle, weight="distance")))
print("triangle closeness distance", repr(nx.closeness_centrality(triangle, distance="distance")))

# Wasserman-Faust closeness on a disconnected graph: an edge and an isolate.
split = nx.Graph([("a", "b")])
split.add_node("c")
print("edge+isolate closeness", repr(nx.closeness_centrality(split)))
print("single node degree_centrality", repr(nx.degree_centrality(nx.empty_graph(1))))

# Two triangles joined by one bridge, split into the two triangles.
barbell = nx.Graph([(1, 2), (2, 3), (1, 3), (4, 5), (5, 6), (4, 6), (3, 4)])
print("two triangles modularity", repr(nx.community.modularity(barbell, [{1, 2, 3}, {4, 5, 6}])))
