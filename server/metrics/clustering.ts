// Local clustering and triangle counts, NetworkX conventions (networkx.clustering,
// networkx.triangles); shared by the graph-level and per-resident metrics.
import type Graph from 'graphology-types';

export interface ClusteringOptions {
  /** Use networkx's weighted clustering (Onnela et al.: geometric mean of weight/max weight). */
  weighted?: boolean;
}

export interface TriangleCensus {
  /** Triangles through each node (networkx.triangles). */
  triangles: Record<string, number>;
  /** Local clustering of each node: 0 below degree 2 (networkx.clustering). */
  clustering: Record<string, number>;
}

interface IndexedNeighbourhood {
  nodes: string[];
  neighbours: number[][];
  weights: number[][];
}

function indexNeighbourhood(graph: Graph, weighted: boolean): IndexedNeighbourhood {
  const nodes = graph.nodes();
  const position = new Map(nodes.map((node, i) => [node, i]));
  const neighbours: number[][] = nodes.map(() => []);
  const weights: number[][] = nodes.map(() => []);
  let max = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (source === target) return;
    const weight = weighted ? (attributes.weight ?? 1) : 1;
    max = Math.max(max, weight);
    const s = position.get(source)!;
    const t = position.get(target)!;
    neighbours[s].push(t);
    weights[s].push(weight);
    neighbours[t].push(s);
    weights[t].push(weight);
  });
  if (weighted && max > 0) for (const row of weights) row.forEach((w, i) => (row[i] = w / max));
  return { nodes, neighbours, weights };
}

/** The census in graph.nodes() order, as arrays. */
export interface TriangleArrays {
  nodes: string[];
  degrees: Float64Array;
  triangles: Float64Array;
  clustering: Float64Array;
}

/**
 * Triangle counts and local clustering of every node of an undirected simple graph. Each triangle
 * is found once, from its lowest-indexed corner, by marking that corner's neighbours.
 */
export function triangleArrays(graph: Graph, options: ClusteringOptions = {}): TriangleArrays {
  if (graph.type !== 'undirected') {
    throw new Error('peoplemap/metrics/clustering: the graph must be undirected.');
  }
  const weighted = options.weighted ?? false;
  const { nodes, neighbours, weights } = indexNeighbourhood(graph, weighted);
  const n = nodes.length;
  const count = new Float64Array(n);
  const intensity = new Float64Array(n);
  const markedBy = new Int32Array(n).fill(-1);
  const markedWeight = new Float64Array(n);

  for (let u = 0; u < n; u++) {
    neighbours[u].forEach((v, i) => {
      markedBy[v] = u;
      markedWeight[v] = weights[u][i];
    });
    neighbours[u].forEach((v, i) => {
      if (v <= u) return;
      neighbours[v].forEach((x, j) => {
        if (x <= v || markedBy[x] !== u) return;
        count[u] += 1;
        count[v] += 1;
        count[x] += 1;
        if (!weighted) return;
        const corner = Math.cbrt(weights[u][i] * weights[v][j] * markedWeight[x]);
        intensity[u] += corner;
        intensity[v] += corner;
        intensity[x] += corner;
      });
    });
  }

  const degrees = new Float64Array(n);
  const clustering = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    degrees[i] = neighbours[i].length;
    clustering[i] = localClustering(weighted ? intensity[i] : count[i], degrees[i]);
  }
  return { nodes, degrees, triangles: count, clustering };
}

/** networkx.clustering of one node: triangles (or weighted intensity) over pairs of neighbours. */
export function localClustering(triangles: number, degree: number): number {
  const pairs = (degree * (degree - 1)) / 2;
  return pairs === 0 ? 0 : triangles / pairs;
}

/** triangleArrays keyed by node. */
export function triangleCensus(graph: Graph, options: ClusteringOptions = {}): TriangleCensus {
  const census = triangleArrays(graph, options);
  const triangles: Record<string, number> = {};
  const clustering: Record<string, number> = {};
  census.nodes.forEach((node, i) => {
    triangles[node] = census.triangles[i];
    clustering[node] = census.clustering[i];
  });
  return { triangles, clustering };
}
