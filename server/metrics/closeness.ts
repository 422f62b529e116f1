// Closeness centrality with the Wasserman–Faust correction, as networkx.closeness_centrality
// (wf_improved=True); weighted uses the `distance` edge attribute (1/strength) as path length.
import type Graph from 'graphology-types';
import closenessCentrality from 'graphology-metrics/centrality/closeness.js';

export interface ClosenessOptions {
  weighted?: boolean;
}

/** Min-heap of [distance, node index] pairs, enough for Dijkstra with lazy deletion. */
class DistanceHeap {
  private readonly items: Array<[number, number]> = [];

  get size(): number {
    return this.items.length;
  }

  push(item: [number, number]): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent][0] <= items[i][0]) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }

  pop(): [number, number] {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length === 0) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < items.length && items[left][0] < items[smallest][0]) smallest = left;
      if (right < items.length && items[right][0] < items[smallest][0]) smallest = right;
      if (smallest === i) return top;
      [items[smallest], items[i]] = [items[i], items[smallest]];
      i = smallest;
    }
  }
}

function weightedCloseness(graph: Graph): Record<string, number> {
  const nodes = graph.nodes();
  const n = nodes.length;
  const position = new Map(nodes.map((node, i) => [node, i]));
  const adjacency = nodes.map((node) =>
    graph.edges(node).map((edge) => ({
      neighbour: position.get(graph.opposite(node, edge))!,
      distance: graph.getEdgeAttribute(edge, 'distance') as number,
    })),
  );
  const result: Record<string, number> = {};
  const distance = new Float64Array(n);
  for (let source = 0; source < n; source++) {
    distance.fill(Infinity);
    distance[source] = 0;
    const heap = new DistanceHeap();
    heap.push([0, source]);
    let reached = 0;
    let total = 0;
    const settled = new Uint8Array(n);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (settled[u]) continue;
      settled[u] = 1;
      if (u !== source) {
        reached += 1;
        total += d;
      }
      for (const { neighbour, distance: length } of adjacency[u]) {
        const candidate = d + length;
        if (candidate < distance[neighbour]) {
          distance[neighbour] = candidate;
          heap.push([candidate, neighbour]);
        }
      }
    }
    result[nodes[source]] = total > 0 && n > 1 ? (reached / total) * (reached / (n - 1)) : 0;
  }
  return result;
}

/** Closeness of every node: (r/Σd)·(r/(n−1)) with r the nodes reachable; 0 when none is. */
export function closeness(graph: Graph, options: ClosenessOptions = {}): Record<string, number> {
  if (options.weighted) return weightedCloseness(graph);
  return closenessCentrality(graph, { wassermanFaust: true });
}
