"""The reference numbers of gds-networkx.test.ts, from NetworkX (3.6.1 when written).

Two networks, unweighted as the API's default:
- Zachary's karate club with two residents who named no one and one pair apart (four components:
  where Wasserman-Faust closeness and PageRank's dangling residents differ between libraries);
- Les Miserables co-appearances (Knuth, The Stanford GraphBase), written to
  fixtures/datasets/les-miserables.json from networkx.les_miserables_graph().

Run: python3 test/integration/gds-networkx.py  (writes gds-networkx.json beside it)
"""
import json
import pathlib

import networkx as nx

here = pathlib.Path(__file__).parent


def karate_apart():
    G = nx.Graph()
    G.add_edges_from(nx.karate_club_graph().edges())  # the edges only: unweighted
    G.add_nodes_from([34, 35])  # two residents with no tie
    G.add_edge(36, 37)  # a pair on their own
    return G


def les_miserables():
    G = nx.Graph()
    G.add_nodes_from(nx.les_miserables_graph().nodes())
    G.add_edges_from(nx.les_miserables_graph().edges())  # unweighted
    return G


def reference(G):
    b = nx.betweenness_centrality(G)
    c = nx.closeness_centrality(G)
    e = nx.eigenvector_centrality(G, max_iter=10000, tol=1e-13)
    p = nx.pagerank(G, alpha=0.85, tol=1e-13, max_iter=10000)
    k = nx.clustering(G)
    d = nx.degree_centrality(G)
    components = list(nx.connected_components(G))
    n = G.number_of_nodes()
    degrees = [deg for _, deg in G.degree()]
    top = max(degrees)
    return {
        "graph": {
            "nodeCount": n,
            "edgeCount": G.number_of_edges(),
            "density": nx.density(G),
            "isolates": nx.number_of_isolates(G),
            "components": len(components),
            "largestComponentShare": max(len(x) for x in components) / n,
            "averageClustering": nx.average_clustering(G),
            "transitivity": nx.transitivity(G),
            # Freeman's degree centralization, as docs/metrics.md defines it
            "degreeCentralization": sum(top - x for x in degrees) / ((n - 1) * (n - 2)),
        },
        "nodes": {
            str(v): {
                "degree": G.degree(v),
                "degreeCentrality": d[v],
                "betweenness": b[v],
                "closeness": c[v],
                "eigenvector": e[v],
                "pagerank": p[v],
                "clustering": k[v],
            }
            for v in G.nodes()
        },
    }


les = les_miserables()
(here.parent.parent / "fixtures" / "datasets" / "les-miserables.json").write_text(
    json.dumps({"nodes": list(les.nodes()), "edges": [list(e) for e in les.edges()]}, indent=1)
    + "\n"
)
karate = karate_apart()
(here / "gds-networkx.json").write_text(
    json.dumps(
        {
            "karateApart": {"edges": [list(e) for e in karate.edges()], **reference(karate)},
            "lesMiserables": reference(les),
        },
        indent=1,
    )
    + "\n"
)
