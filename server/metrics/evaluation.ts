// ABCD evaluation measures (docs/metrics.md, "Evaluation measures"): Krackhardt & Stern's E-I index,
// bridging share, participant reach, the isolate cohort and change between two moments.
import type Graph from 'graphology-types';
import { byId } from './id-keys.ts';
import type { GraphMetrics } from './graph-metrics.ts';

export interface EiIndex {
  /** (E−I)/(E+I) over ties whose two ends both carry the attribute; null without such ties. */
  overall: number | null;
  /** Per value: ties from its members to other values (E) against ties among its members (I). */
  byValue: Record<string, number | null>;
}

export interface ParticipantReach {
  nonParticipants: number;
  withinOne: number;
  withinTwo: number;
  shareWithinOne: number | null;
  shareWithinTwo: number | null;
}

export interface IsolateCohort {
  baselineIsolates: number;
  nowConnected: number;
  share: number | null;
}

export interface MetricChange {
  baseline: number;
  followup: number;
  delta: number;
}

export type GraphMetricsChange = Record<keyof GraphMetrics, MetricChange>;

function attributeValue(graph: Graph, node: string, attribute: string): string | null {
  const value: unknown = graph.getNodeAttribute(node, attribute);
  return value === null || value === undefined ? null : String(value);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Krackhardt E-I index; ties with an end lacking the attribute are left out. */
export function eiIndex(graph: Graph, attribute: 'communityId' | string): EiIndex {
  const external = new Map<string, number>();
  const internal = new Map<string, number>();
  graph.forEachNode((node) => {
    const value = attributeValue(graph, node, attribute);
    if (value === null) return;
    external.set(value, 0);
    internal.set(value, 0);
  });
  let e = 0;
  let i = 0;
  graph.forEachEdge((_edge, _attributes, source, target) => {
    const a = attributeValue(graph, source, attribute);
    const b = attributeValue(graph, target, attribute);
    if (a === null || b === null) return;
    if (a === b) {
      i += 1;
      internal.set(a, internal.get(a)! + 1);
      return;
    }
    e += 1;
    external.set(a, external.get(a)! + 1);
    external.set(b, external.get(b)! + 1);
  });
  const byValue = byId<number | null>();
  for (const [value, ext] of external) {
    const int = internal.get(value)!;
    byValue[value] = ratio(ext - int, ext + int);
  }
  return { overall: ratio(e - i, e + i), byValue };
}

/** Share of ties joining residents whose attribute differs, among ties where both ends carry it. */
export function bridgingShare(graph: Graph, attribute: string): number | null {
  let bridging = 0;
  let counted = 0;
  graph.forEachEdge((_edge, _attributes, source, target) => {
    const a = attributeValue(graph, source, attribute);
    const b = attributeValue(graph, target, attribute);
    if (a === null || b === null) return;
    counted += 1;
    if (a !== b) bridging += 1;
  });
  return ratio(bridging, counted);
}

/**
 * Steps from each resident to the nearest participant (0 for participants), by breadth-first
 * search from all participants at once; residents further than `maxSteps` or unreachable are absent.
 */
export function participantDistances(graph: Graph, maxSteps: number): Map<string, number> {
  const distance = new Map<string, number>();
  let frontier: string[] = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.participant !== true) return;
    distance.set(node, 0);
    frontier.push(node);
  });
  for (let step = 1; step <= maxSteps; step++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachNeighbor(node, (neighbour) => {
        if (distance.has(neighbour)) return;
        distance.set(neighbour, step);
        next.push(neighbour);
      });
    }
    frontier = next;
  }
  return distance;
}

/** Non-participants within one and two steps of any participant (paths may run through anyone). */
export function participantReach(graph: Graph): ParticipantReach {
  const distance = participantDistances(graph, 2);
  let nonParticipants = 0;
  let withinOne = 0;
  let withinTwo = 0;
  graph.forEachNode((node, attributes) => {
    if (attributes.participant === true) return;
    nonParticipants += 1;
    const steps = distance.get(node);
    if (steps === 1) withinOne += 1;
    if (steps !== undefined) withinTwo += 1;
  });
  return {
    nonParticipants,
    withinOne,
    withinTwo,
    shareWithinOne: ratio(withinOne, nonParticipants),
    shareWithinTwo: ratio(withinTwo, nonParticipants),
  };
}

/** Residents with no tie at baseline who are present with at least one tie at follow-up. */
export function isolateCohort(baseline: Graph, followup: Graph): IsolateCohort {
  let baselineIsolates = 0;
  let nowConnected = 0;
  baseline.forEachNode((node) => {
    if (baseline.degree(node) !== 0) return;
    baselineIsolates += 1;
    if (followup.hasNode(node) && followup.degree(node) > 0) nowConnected += 1;
  });
  return { baselineIsolates, nowConnected, share: ratio(nowConnected, baselineIsolates) };
}

/** Each graph-level metric at both moments and its difference (follow-up minus baseline). */
export function change(
  baselineMetrics: GraphMetrics,
  followupMetrics: GraphMetrics,
): GraphMetricsChange {
  const result = {} as GraphMetricsChange;
  for (const key of Object.keys(baselineMetrics) as Array<keyof GraphMetrics>) {
    const baseline = baselineMetrics[key];
    const followup = followupMetrics[key];
    result[key] = { baseline, followup, delta: followup - baseline };
  }
  return result;
}
