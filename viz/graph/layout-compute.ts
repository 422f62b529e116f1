// One stable layout over all time: ForceAtlas2 over the union of every tie ever, from a
// deterministic start (a sunflower spiral in joining order) and a fixed iteration count, so the
// same history always gives the same positions.
import { UndirectedGraph } from 'graphology';
import forceAtlas2, { type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

export interface LayoutInput {
  /** Number of residents, in joining order. */
  order: number;
  /** Tie endpoints as resident indices: source at 2e, target at 2e + 1. */
  ties: Int32Array;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Fewer iterations on larger networks keeps the first visit within a few seconds. */
export function iterationsFor(order: number): number {
  if (order <= 500) return 500;
  if (order <= 5000) return 200;
  return 60;
}

/** Two decimals: what the cache stores, so a cached and a fresh layout are identical. */
const round = (v: number): number => Math.round(v * 100) / 100;

/** Positions as x at 2i, y at 2i + 1. `tuning` overrides ForceAtlas2's inferred settings. */
export function computeLayout(
  { order, ties }: LayoutInput,
  tuning: Partial<ForceAtlas2Settings> = {},
): Float64Array {
  const graph = new UndirectedGraph();
  for (let i = 0; i < order; i++) {
    const radius = Math.sqrt(i + 0.5) * 10;
    graph.addNode(i, {
      x: radius * Math.cos(i * GOLDEN_ANGLE),
      y: radius * Math.sin(i * GOLDEN_ANGLE),
    });
  }
  for (let e = 0; e < ties.length; e += 2) graph.mergeEdge(ties[e], ties[e + 1]);
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: order > 1000,
    ...tuning,
  };
  forceAtlas2.assign(graph, { iterations: iterationsFor(order), settings, getEdgeWeight: null });
  const positions = new Float64Array(order * 2);
  graph.forEachNode((node, attributes) => {
    positions[Number(node) * 2] = round(attributes.x);
    positions[Number(node) * 2 + 1] = round(attributes.y);
  });
  return positions;
}
