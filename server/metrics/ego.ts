// A resident's ego network: everyone within `depth` steps of them and the ties among those people
// (networkx.ego_graph with radius = depth, undirected).
import type { ResidentNetwork } from './moment.ts';

/** Removes from `graph` everyone more than `depth` steps from `center`, breadth first. */
export function keepEgoNetwork(graph: ResidentNetwork, center: string, depth: number): void {
  if (!graph.hasNode(center)) throw new Error(`peoplemap/metrics/ego: no resident "${center}".`);
  const seen = new Set([center]);
  let frontier = [center];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachNeighbor(node, (neighbour) => {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          next.push(neighbour);
        }
      });
    }
    frontier = next;
  }
  for (const node of graph.nodes()) if (!seen.has(node)) graph.dropNode(node);
}
