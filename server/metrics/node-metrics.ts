// Per-resident metrics, NetworkX conventions (degree_centrality, betweenness_centrality,
// closeness_centrality, eigenvector_centrality, pagerank, clustering) plus a seeded Louvain partition.
import type Graph from 'graphology-types';
import eigenvectorCentrality from 'graphology-metrics/centrality/eigenvector.js';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import louvain from 'graphology-communities-louvain';
import { pathCentralities, type PathCentralities } from './betweenness.ts';
import { triangleCensus } from './clustering.ts';
import { byId, idOfNode } from './id-keys.ts';

export interface NodeMetricsOptions {
  /**
   * Weighted (tie strength): betweenness and closeness use `distance` = 1/strength as path length
   * (networkx weight='distance'); eigenvector, pagerank, clustering and Louvain/modularity use
   * `weight` = strength (networkx weight='weight'). degree and degreeCentrality stay counts.
   */
  weighted?: boolean;
  /** Seed of the Louvain random walk: the same seed on the same graph gives the same partition. */
  seed?: number;
  /**
   * Betweenness and closeness already computed (the analysis pool splits their sources across
   * threads); false leaves them 0 for the caller to fill in. Computed here when omitted.
   */
  paths?: PathCentralities | false;
}

export interface NodeMetric {
  degree: number;
  degreeCentrality: number;
  betweenness: number;
  closeness: number;
  /** null for every node when power iteration does not converge. */
  eigenvector: number | null;
  pagerank: number;
  clustering: number;
  community: number;
}

export interface NodeMetricsResult {
  nodes: Record<string, NodeMetric>;
  /** Modularity of the Louvain partition; null when the graph has no edges (undefined there). */
  modularity: number | null;
}

const DEFAULTS = { weighted: false, seed: 1 };

// docs/metrics.md: iterate to convergence (changes below 1e-12), not to a library's loose default.
const TOLERANCE = 1e-12;
const EIGENVECTOR_MAX_ITERATIONS = 10_000;
const PAGERANK_MAX_ITERATIONS = 1_000;

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function eigenvectorOrNull(graph: Graph, weighted: boolean): Record<string, number> | null {
  try {
    return eigenvectorCentrality(graph, {
      getEdgeWeight: weighted ? 'weight' : null,
      tolerance: TOLERANCE,
      maxIterations: EIGENVECTOR_MAX_ITERATIONS,
    });
  } catch (error) {
    if (error instanceof Error && error.message.includes('failed to converge')) return null;
    throw error;
  }
}

/** Every per-resident metric of an undirected simple graph, with the partition's modularity. */
export function nodeMetrics(graph: Graph, options: NodeMetricsOptions = {}): NodeMetricsResult {
  if (graph.type !== 'undirected') {
    throw new Error('peoplemap/metrics/node-metrics: the graph must be undirected.');
  }
  const { weighted, seed } = { ...DEFAULTS, ...options };
  const n = graph.order;
  if (n === 0) return { nodes: byId(), modularity: null };

  const paths = options.paths ?? pathCentralities(graph, weighted);
  const eigenvector = eigenvectorOrNull(graph, weighted);
  const rank = pagerank(graph, {
    alpha: 0.85,
    getEdgeWeight: weighted ? 'weight' : null,
    tolerance: TOLERANCE,
    maxIterations: PAGERANK_MAX_ITERATIONS,
  });
  const { clustering } = triangleCensus(graph, { weighted });
  const partition = louvain.detailed(graph, {
    getEdgeWeight: weighted ? 'weight' : null,
    rng: seededRandom(seed),
  });

  const nodes = byId<NodeMetric>();
  graph.forEachNode((node) => {
    const degree = graph.degree(node);
    nodes[idOfNode(node)] = {
      degree,
      // networkx.degree_centrality gives 1 to the single node of a one-node graph.
      degreeCentrality: n === 1 ? 1 : degree / (n - 1),
      betweenness: paths ? paths.betweenness[node] : 0,
      closeness: paths ? paths.closeness[node] : 0,
      eigenvector: eigenvector ? eigenvector[node] : null,
      pagerank: rank[node],
      clustering: clustering[node],
      community: partition.communities[node],
    };
  });
  return { nodes, modularity: graph.size === 0 ? null : partition.modularity };
}
