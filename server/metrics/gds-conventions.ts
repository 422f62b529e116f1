// Neo4j Graph Data Science's numbers in the NetworkX conventions every metrics answer follows
// (docs/metrics.md), so an answer reads the same whichever engine computed it: betweenness
// normalised over (n−1)(n−2) ordered pairs, PageRank summing to 1, degree centrality d/(n−1), and
// the graph-level metrics from the one formula (graph-metrics.ts summarise).
import { summarise, type GraphMetrics } from './graph-metrics.ts';
import { byId } from './id-keys.ts';
import type { NodeMetric } from './node-metrics.ts';

/** One resident's numbers as GDS gives them. */
export interface GdsNode {
  degree: number;
  /** networkx's unnormalised undirected betweenness (GDS halves the ordered-pair sum); absent when not computed. */
  betweenness?: number;
  /** Wasserman–Faust corrected, as networkx. */
  closeness: number;
  /** GDS's PageRank: PR = (1−α) + α·Σ PR/deg, not summing to 1. */
  pagerank: number;
  eigenvector: number;
  clustering: number;
  triangles: number;
  community: number;
}

/** What a GDS run on the network at a moment gives. */
export interface GdsRun {
  nodeCount: number;
  /** Undirected ties. */
  edgeCount: number;
  nodes: Record<string, GdsNode>;
  components: number;
  largestComponent: number;
  modularity: number;
  eigenvectorConverged: boolean;
  pagerankConverged: boolean;
}

export interface GdsMetrics {
  graph: GraphMetrics & { modularity: number | null };
  nodes: Record<string, NodeMetric>;
}

/**
 * The metrics body's graph and nodes from a GDS run; `betweenness` (normalised, per id) replaces
 * GDS's when betweenness was estimated elsewhere (sampled-betweenness.ts).
 */
export function fromGds(run: GdsRun, betweenness?: Record<string, number>): GdsMetrics {
  const ids = Object.keys(run.nodes);
  const n = ids.length;
  const pairs = n > 2 ? 2 / ((n - 1) * (n - 2)) : 0;
  let pagerankSum = 0;
  for (const id of ids) pagerankSum += run.nodes[id].pagerank;
  const nodes = byId<NodeMetric>();
  const degrees = new Float64Array(n);
  const triangles = new Float64Array(n);
  const clustering = new Float64Array(n);
  ids.forEach((id, i) => {
    const gds = run.nodes[id];
    const degree = Math.round(gds.degree);
    degrees[i] = degree;
    triangles[i] = gds.triangles;
    clustering[i] = gds.clustering;
    nodes[id] = {
      degree,
      // networkx.degree_centrality gives 1 to the single node of a one-node graph.
      degreeCentrality: n === 1 ? 1 : degree / (n - 1),
      betweenness: betweenness ? betweenness[id] : (gds.betweenness ?? 0) * pairs,
      closeness: gds.closeness,
      eigenvector: run.eigenvectorConverged ? gds.eigenvector : null,
      pagerank: gds.pagerank / pagerankSum,
      clustering: gds.clustering,
      community: Math.round(gds.community),
    };
  });
  const graph = summarise({
    edgeCount: run.edgeCount,
    degrees,
    triangles,
    clustering,
    components: run.components,
    largestComponent: run.largestComponent,
  });
  return { graph: { ...graph, modularity: run.edgeCount === 0 ? null : run.modularity }, nodes };
}
