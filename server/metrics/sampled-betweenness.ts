// Betweenness estimated from k sources drawn uniformly without replacement (Brandes & Pich 2007):
// networkx.betweenness_centrality(G, k, seed)'s estimator, n/k times the sampled sources' summed
// dependencies, normalised as the exact value is. The same passes give each resident's standard
// error, so the answer says how far the estimate is expected to be from the exact value.
import { accumulate, breadthFirst, workspace, type PathIndex } from './betweenness.ts';
import { byId, idOfNode } from './id-keys.ts';
import { seededRandom } from './node-metrics.ts';

/** Sampled sources' dependencies per node: their sum and the sum of their squares. */
export interface SampledPartial {
  sum: Float64Array;
  squares: Float64Array;
}

export interface SampledBetweenness {
  /** Normalised (networkx) betweenness estimate per node id. */
  betweenness: Record<string, number>;
  /**
   * Root mean square over the nodes of each estimate's standard error: how far, typically, an
   * estimate lies from the exact value.
   */
  expectedError: number;
}

/** k distinct node positions out of n, uniformly at random (a partial Fisher–Yates shuffle). */
export function sampleSources(n: number, k: number, seed: number): Int32Array {
  const positions = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  const take = Math.min(k, n);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    [positions[i], positions[j]] = [positions[j], positions[i]];
  }
  return positions.slice(0, take).sort();
}

/** Every shortest-path dependency of the given sources (unweighted: BFS). */
export function sampledPartial(index: PathIndex, sources: Int32Array): SampledPartial {
  const n = index.nodes.length;
  const sum = new Float64Array(n);
  const squares = new Float64Array(n);
  const w = workspace(index);
  const { order, delta } = w;
  for (const source of sources) {
    const reached = breadthFirst(index, source, w);
    accumulate(index, reached, w);
    for (let i = 1; i < reached; i++) {
      const v = order[i];
      sum[v] += delta[v];
      squares[v] += delta[v] * delta[v];
    }
  }
  return { sum, squares };
}

/** The worker entry point of one share of the sampled sources (the analysis pool runs it by name). */
export function sampledTask(task: { index: PathIndex; sources: Int32Array }): SampledPartial {
  return sampledPartial(task.index, task.sources);
}

/**
 * The estimate from the partials of k sampled sources among n. With X_s = n·δ_s(v)/((n−1)(n−2)),
 * the estimate is the mean of X over the sample and its standard error
 * sqrt(s²/k · (n−k)/(n−1)), s² the sample variance of X, (n−k)/(n−1) the correction for drawing
 * without replacement (exact, 0, when every source is drawn).
 */
export function sampledEstimate(
  nodes: readonly string[],
  k: number,
  partials: readonly SampledPartial[],
): SampledBetweenness {
  const n = nodes.length;
  const scale = n > 2 ? n / ((n - 1) * (n - 2)) : 0;
  const betweenness = byId<number>();
  let squaredErrors = 0;
  nodes.forEach((node, v) => {
    let sum = 0;
    let squares = 0;
    for (const part of partials) {
      sum += part.sum[v];
      squares += part.squares[v];
    }
    const mean = (scale * sum) / k;
    betweenness[idOfNode(node)] = mean;
    if (k < 2) return;
    const variance = Math.max(0, (scale * scale * squares - k * mean * mean) / (k - 1));
    squaredErrors += (variance / k) * ((n - k) / (n - 1));
  });
  return { betweenness, expectedError: n === 0 ? 0 : Math.sqrt(squaredErrors / n) };
}
