// Exact Brandes betweenness and Wasserman–Faust closeness from the same shortest-path passes, on a
// compressed adjacency (CSR) in typed arrays: BFS when unweighted, Dijkstra on `distance` when
// weighted (networkx weight='distance'). Any range of sources can run alone, so the analysis pool
// splits the sources across cores and sums the partial results.
import type Graph from 'graphology-types';

/** The graph as compressed sparse rows: node i's neighbours are targets[offsets[i]..offsets[i+1]). */
export interface PathIndex {
  nodes: string[];
  offsets: Int32Array;
  targets: Int32Array;
  /** Length of each adjacency entry (the edge's `distance`); null when unweighted. */
  lengths: Float64Array | null;
}

/** Sums over a range of sources: raw betweenness (ordered pairs), and each source's closeness. */
export interface PathPartial {
  betweenness: Float64Array;
  closeness: Float64Array;
}

export function pathIndex(graph: Graph, weighted: boolean): PathIndex {
  const nodes = graph.nodes();
  const n = nodes.length;
  const position = new Map<string, number>();
  nodes.forEach((node, i) => position.set(node, i));
  const offsets = new Int32Array(n + 1);
  graph.forEachEdge((_edge, _attributes, source, target) => {
    if (source === target) return;
    offsets[position.get(source)! + 1] += 1;
    offsets[position.get(target)! + 1] += 1;
  });
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n]);
  const lengths = weighted ? new Float64Array(offsets[n]) : null;
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (source === target) return;
    const s = position.get(source)!;
    const t = position.get(target)!;
    const length = weighted ? (attributes.distance as number) : 1;
    if (lengths) {
      lengths[fill[s]] = length;
      lengths[fill[t]] = length;
    }
    targets[fill[s]++] = t;
    targets[fill[t]++] = s;
  });
  return { nodes, offsets, targets, lengths };
}

/** Reusable per-pass buffers, so a pass allocates nothing. */
export interface Workspace {
  order: Int32Array;
  distance: Float64Array;
  sigma: Float64Array;
  delta: Float64Array;
  heapKeys: Float64Array;
  heapNodes: Int32Array;
  settled: Uint8Array;
}

export function workspace(index: PathIndex): Workspace {
  const n = index.nodes.length;
  const entries = index.lengths ? index.targets.length + 1 : 0;
  return {
    order: new Int32Array(n),
    distance: new Float64Array(n),
    sigma: new Float64Array(n),
    delta: new Float64Array(n),
    heapKeys: new Float64Array(entries),
    heapNodes: new Int32Array(entries),
    settled: new Uint8Array(n),
  };
}

/** BFS from `source`: distances, path counts, and the nodes in visiting order; returns how many. */
export function breadthFirst(index: PathIndex, source: number, w: Workspace): number {
  const { offsets, targets } = index;
  const { order, distance, sigma } = w;
  distance.fill(-1);
  sigma.fill(0);
  distance[source] = 0;
  sigma[source] = 1;
  order[0] = source;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = order[head++];
    const next = distance[v] + 1;
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const u = targets[e];
      if (distance[u] < 0) {
        distance[u] = next;
        order[tail++] = u;
      }
      if (distance[u] === next) sigma[u] += sigma[v];
    }
  }
  return tail;
}

/** Dijkstra from `source` with a binary heap and lazy deletion; path counts as networkx counts them. */
function dijkstra(index: PathIndex, source: number, w: Workspace): number {
  const { offsets, targets } = index;
  const lengths = index.lengths!;
  const { order, distance, sigma, heapKeys, heapNodes, settled } = w;
  distance.fill(Infinity);
  sigma.fill(0);
  settled.fill(0);
  distance[source] = 0;
  let size = 0;
  const push = (key: number, node: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKeys[parent] <= key) break;
      heapKeys[i] = heapKeys[parent];
      heapNodes[i] = heapNodes[parent];
      i = parent;
    }
    heapKeys[i] = key;
    heapNodes[i] = node;
  };
  const pop = (): number => {
    const top = heapNodes[0];
    const key = heapKeys[--size];
    const node = heapNodes[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKeys[child + 1] < heapKeys[child]) child += 1;
      if (heapKeys[child] >= key) break;
      heapKeys[i] = heapKeys[child];
      heapNodes[i] = heapNodes[child];
      i = child;
    }
    heapKeys[i] = key;
    heapNodes[i] = node;
    return top;
  };
  push(0, source);
  let count = 0;
  while (size > 0) {
    const v = pop();
    if (settled[v]) continue;
    settled[v] = 1;
    order[count++] = v;
    const dv = distance[v];
    for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
      const u = targets[e];
      if (settled[u]) {
        // A settled neighbour exactly one tie short of v is a predecessor (networkx's test).
        if (distance[u] + lengths[e] === dv) sigma[v] += sigma[u];
        continue;
      }
      const candidate = dv + lengths[e];
      if (candidate < distance[u]) {
        distance[u] = candidate;
        push(candidate, u);
      }
    }
    if (v === source) sigma[v] = 1;
  }
  return count;
}

/** Dependency accumulation in reverse visiting order (Brandes): delta of every reached node. */
export function accumulate(index: PathIndex, reached: number, w: Workspace): void {
  const { offsets, targets, lengths } = index;
  const { order, distance, sigma, delta } = w;
  for (let i = 0; i < reached; i++) delta[order[i]] = 0;
  for (let i = reached - 1; i > 0; i--) {
    const v = order[i];
    const coefficient = (1 + delta[v]) / sigma[v];
    const dv = distance[v];
    const end = offsets[v + 1];
    if (lengths) {
      for (let e = offsets[v]; e < end; e++) {
        const u = targets[e];
        if (distance[u] + lengths[e] === dv) delta[u] += sigma[u] * coefficient;
      }
    } else {
      const previous = dv - 1;
      for (let e = offsets[v]; e < end; e++) {
        const u = targets[e];
        if (distance[u] === previous) delta[u] += sigma[u] * coefficient;
      }
    }
  }
}

/**
 * In an unweighted graph, a resident with one tie (a leaf l hanging off v, v not a leaf itself)
 * needs no pass of its own: every shortest path from l runs through v, so l's dependencies equal
 * v's everywhere but at v, where they are R − 2 (R the component's size), and l's distances are
 * v's plus one. Returns, per node, how many such leaves hang off it; −1 marks the leaves.
 */
function leafCounts(index: PathIndex): Int32Array {
  const n = index.nodes.length;
  const { offsets, targets } = index;
  const leaves = new Int32Array(n);
  if (index.lengths) return leaves;
  const degree = (v: number) => offsets[v + 1] - offsets[v];
  for (let l = 0; l < n; l++) {
    if (degree(l) !== 1) continue;
    const v = targets[offsets[l]];
    if (degree(v) === 1) continue;
    leaves[l] = -1;
    leaves[v] += 1;
  }
  return leaves;
}

/**
 * Brandes' dependency accumulation and closeness for the sources in [from, to). Betweenness is
 * summed over ordered pairs and not yet normalised; closeness is final for those sources.
 */
export function pathPartial(index: PathIndex, from = 0, to = index.nodes.length): PathPartial {
  const n = index.nodes.length;
  const { offsets, targets } = index;
  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  const w = workspace(index);
  const { order, distance, delta } = w;
  const leaves = leafCounts(index);
  const closenessOf = (reached: number, total: number) => {
    const r = reached - 1;
    return total > 0 && n > 1 ? (r / total) * (r / (n - 1)) : 0;
  };
  for (let source = from; source < to; source++) {
    if (leaves[source] < 0) continue;
    const reached = index.lengths ? dijkstra(index, source, w) : breadthFirst(index, source, w);
    let total = 0;
    for (let i = 1; i < reached; i++) total += distance[order[i]];
    closeness[source] = closenessOf(reached, total);
    accumulate(index, reached, w);
    const copies = 1 + leaves[source];
    for (let i = 1; i < reached; i++) betweenness[order[i]] += copies * delta[order[i]];
    if (leaves[source] === 0) continue;
    betweenness[source] += leaves[source] * (reached - 2);
    for (let e = offsets[source], end = offsets[source + 1]; e < end; e++) {
      const leaf = targets[e];
      // From the leaf: one step to its neighbour, one more than the neighbour to everyone else.
      if (leaves[leaf] < 0) closeness[leaf] = closenessOf(reached, total + reached - 2);
    }
  }
  return { betweenness, closeness };
}

/** The worker entry point of one range of sources (the analysis pool runs it by name). */
export function pathTask(task: { index: PathIndex; from: number; to: number }): PathPartial {
  return pathPartial(task.index, task.from, task.to);
}

/** Sums partial results over disjoint source ranges. */
export function sumPartials(n: number, partials: readonly PathPartial[]): PathPartial {
  const betweenness = new Float64Array(n);
  const closeness = new Float64Array(n);
  for (const part of partials) {
    for (let i = 0; i < n; i++) {
      betweenness[i] += part.betweenness[i];
      closeness[i] += part.closeness[i];
    }
  }
  return { betweenness, closeness };
}

/** networkx's normalisation of undirected betweenness: 1/((n−1)(n−2)) of the ordered-pair sum. */
export function normaliseBetweenness(raw: Float64Array): Float64Array {
  const n = raw.length;
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;
  return raw.map((value) => value * scale);
}

/** Normalised betweenness and closeness by node id. */
export interface PathCentralities {
  betweenness: Record<string, number>;
  closeness: Record<string, number>;
}

/** Normalised betweenness and closeness of every node, all sources in this thread. */
export function pathCentralities(graph: Graph, weighted: boolean): PathCentralities {
  const index = pathIndex(graph, weighted);
  const partial = pathPartial(index);
  return byNode(index.nodes, partial);
}

export function byNode(nodes: readonly string[], partial: PathPartial): PathCentralities {
  const normalised = normaliseBetweenness(partial.betweenness);
  const betweenness: Record<string, number> = {};
  const closeness: Record<string, number> = {};
  nodes.forEach((node, i) => {
    betweenness[node] = normalised[i];
    closeness[node] = partial.closeness[i];
  });
  return { betweenness, closeness };
}
