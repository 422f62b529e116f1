// Graph-level metrics of a resident network, NetworkX conventions (density, average_clustering,
// transitivity, …) so evaluators can reproduce every number; degreeCentralization is Freeman's.
import type Graph from 'graphology-types';
import { connectedComponents } from 'graphology-components';
import { triangleArrays } from './clustering.ts';

export interface GraphMetricsOptions {
  /**
   * Only averageClustering changes: it becomes networkx.average_clustering(G, weight='weight').
   * Counts, density, components, transitivity and centralization have no weighted NetworkX
   * counterpart and stay structural.
   */
  weighted?: boolean;
}

export interface GraphMetrics {
  nodeCount: number;
  edgeCount: number;
  density: number;
  averageDegree: number;
  isolates: number;
  components: number;
  largestComponentShare: number;
  averageClustering: number;
  transitivity: number;
  degreeCentralization: number;
}

const DEFAULTS: Required<GraphMetricsOptions> = { weighted: false };

/** What the graph-level metrics are computed from, per node in graph.nodes() order. */
export interface GraphCounts {
  edgeCount: number;
  degrees: ArrayLike<number>;
  /** Triangles through each node. */
  triangles: ArrayLike<number>;
  /** Local clustering of each node (weighted or not). */
  clustering: ArrayLike<number>;
  components: number;
  largestComponent: number;
}

/** The one formula for every graph-level metric; every ratio is 0 where it is undefined. */
export function summarise(counts: GraphCounts): GraphMetrics {
  const { degrees, triangles, clustering } = counts;
  const n = degrees.length;
  const m = counts.edgeCount;
  let maxDegree = 0;
  let isolates = 0;
  let degreeSum = 0;
  let triangleSum = 0;
  let connectedTriples = 0;
  let clusteringSum = 0;
  for (let i = 0; i < n; i++) {
    const degree = degrees[i];
    if (degree > maxDegree) maxDegree = degree;
    if (degree === 0) isolates += 1;
    degreeSum += degree;
    triangleSum += triangles[i];
    connectedTriples += (degree * (degree - 1)) / 2;
    clusteringSum += clustering[i];
  }
  const spread = n * maxDegree - degreeSum;
  return {
    nodeCount: n,
    edgeCount: m,
    density: n < 2 ? 0 : (2 * m) / (n * (n - 1)),
    averageDegree: n === 0 ? 0 : (2 * m) / n,
    isolates,
    components: counts.components,
    largestComponentShare: n === 0 ? 0 : counts.largestComponent / n,
    averageClustering: n === 0 ? 0 : clusteringSum / n,
    // Each triangle is counted once at each of its three corners, which is NetworkX's 3×triangles.
    transitivity: triangleSum === 0 ? 0 : triangleSum / connectedTriples,
    degreeCentralization: n < 3 ? 0 : spread / ((n - 1) * (n - 2)),
  };
}

/** Structural summary of an undirected simple graph; every ratio is 0 where it is undefined. */
export function graphMetrics(graph: Graph, options: GraphMetricsOptions = {}): GraphMetrics {
  if (graph.type !== 'undirected') {
    throw new Error('peoplemap/metrics/graph-metrics: the graph must be undirected.');
  }
  const { weighted } = { ...DEFAULTS, ...options };
  const census = triangleArrays(graph, { weighted });
  const components = connectedComponents(graph);
  return summarise({
    edgeCount: graph.size,
    degrees: census.degrees,
    triangles: census.triangles,
    clustering: census.clustering,
    components: components.length,
    largestComponent: components.reduce((max, component) => Math.max(max, component.length), 0),
  });
}
