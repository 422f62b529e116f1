// The CPU-heavy analyses as pure tasks: the network at a moment, an ego network, the metrics of
// the network at a moment, and a timeline.
// They run in worker threads (pool.ts) so a large network never stalls the API's event loop.
import type { UndirectedGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { keepEgoNetwork } from '../metrics/ego.ts';
import { exportWithIds, nodeKey } from '../metrics/id-keys.ts';
import { graphAttributes } from './graph-json.ts';
import {
  bridgingShare,
  change,
  eiIndex,
  isolateCohort,
  participantReach,
} from '../metrics/evaluation.ts';
import { findInstrument, instrumentFacts, instrumentNamer } from '../instruments.ts';
import { valueForMoney, type CostRecord } from '../metrics/value-for-money.ts';
import { mixingByCommunity } from '../metrics/mixing.ts';
import {
  wellbeingAt,
  wellbeingOfWave,
  SCORE_WINDOW_MS,
  type MeasureRecord,
} from '../metrics/wellbeing.ts';
import { addGroupLayer, type GroupRecord, type MembershipHistory } from '../metrics/memberships.ts';
import { outcomes, type OutcomeInput } from '../metrics/outcomes.ts';
import { graphMetrics } from '../metrics/graph-metrics.ts';
import { networkAt, type TieEvent } from '../metrics/network.ts';
import { nodeMetrics } from '../metrics/node-metrics.ts';
import { pathIndex } from '../metrics/betweenness.ts';
import type { TimelinePoint } from '../domain.ts';
import { timeline } from '../metrics/timeline.ts';
import {
  inCommunity,
  networkFromSegments,
  participantsAt,
  type ResidentRecord,
  type TieSegment,
} from '../metrics/moment.ts';

export interface MetricsTask {
  kind: 'metrics';
  /** Residents joined by `atMs` and the TIE segments holding then, read from the projection. */
  records: readonly ResidentRecord[];
  segments: readonly TieSegment[];
  atMs: number;
  communityId?: string;
  weighted: boolean;
  /** Leave betweenness and closeness to the pool, which splits their sources across threads. */
  deferPaths?: boolean;
}

export interface TimelineTask {
  kind: 'timeline';
  records: readonly ResidentRecord[];
  ties: readonly TieEvent[];
  ends: number[];
  communityId?: string;
  centralities: boolean;
}

export interface GraphTask {
  kind: 'graph';
  /** Residents joined by `atMs` and the TIE segments holding then, read from the projection. */
  records: readonly ResidentRecord[];
  segments: readonly TieSegment[];
  atMs: number;
  communityId?: string;
  /** The bipartite group layer, when asked for. */
  layer?: { groups: GroupRecord[]; memberships: MembershipHistory[] };
}

export interface EgoTask {
  kind: 'ego';
  /** Residents joined by `atMs` and the TIE segments holding then, read from the projection. */
  records: readonly ResidentRecord[];
  segments: readonly TieSegment[];
  atMs: number;
  center: string;
  depth: number;
}

/** The network at a moment in graphology's serialisation format. */
export function graphAt(task: Omit<GraphTask, 'kind'>): SerializedGraph {
  const graph = networkFromSegments(task.records, task.segments, task.atMs, {
    communityId: task.communityId,
  });
  if (task.layer) {
    addGroupLayer(graph as UndirectedGraph, task.layer.groups, task.layer.memberships, task.atMs);
  }
  graph.replaceAttributes(graphAttributes(task.atMs, task.communityId, task.layer !== undefined));
  return exportWithIds(graph);
}

/** The center's ego network at a moment; null when the center has not joined by then. */
export function egoAt(task: Omit<EgoTask, 'kind'>): SerializedGraph | null {
  const graph = networkFromSegments(task.records, task.segments, task.atMs);
  const center = nodeKey(task.center);
  if (!graph.hasNode(center)) return null;
  keepEgoNetwork(graph, center, task.depth);
  graph.replaceAttributes({
    at: new Date(task.atMs).toISOString(),
    center: task.center,
    depth: task.depth,
  });
  return exportWithIds(graph);
}

/** The evaluation measures of the metrics answer, whichever engine computes the rest. */
function evaluationOf(graph: ReturnType<typeof networkFromSegments>) {
  return {
    eiIndexByCommunity: eiIndex(graph, 'communityId'),
    bridgingShare: bridgingShare(graph, 'communityId'),
    participantReach: participantReach(graph),
  };
}

export function metricsAt(task: Omit<MetricsTask, 'kind'>) {
  const { weighted, communityId } = task;
  const graph = networkFromSegments(task.records, task.segments, task.atMs, { communityId });
  const perNode = nodeMetrics(graph, { weighted, paths: task.deferPaths ? false : undefined });
  return {
    at: new Date(task.atMs).toISOString(),
    community: communityId ?? null,
    weighted,
    graph: { ...graphMetrics(graph, { weighted }), modularity: perNode.modularity },
    evaluation: evaluationOf(graph),
    nodes: perNode.nodes,
    pathIndex: task.deferPaths ? pathIndex(graph, weighted) : undefined,
  };
}

/** The metrics body (the pool takes the path index off before answering). */
export type MetricsResult = Omit<ReturnType<typeof metricsAt>, 'pathIndex'>;

export interface EvaluationTask {
  kind: 'evaluation';
  records: readonly ResidentRecord[];
  segments: readonly TieSegment[];
  atMs: number;
  communityId?: string;
  /** Also index the network for sampled betweenness. */
  sampled: boolean;
}

/** What GDS does not compute of the metrics answer: the evaluation measures (engines.ts). */
export function evaluationAt(task: Omit<EvaluationTask, 'kind'>) {
  const graph = networkFromSegments(task.records, task.segments, task.atMs, {
    communityId: task.communityId,
  });
  return {
    evaluation: evaluationOf(graph),
    pathIndex: task.sampled ? pathIndex(graph, false) : undefined,
  };
}

export function timelineOf(task: Omit<TimelineTask, 'kind'>): TimelinePoint[] {
  return timeline(task.records, task.ties, task.ends, {
    communityId: task.communityId,
    centralities: task.centralities,
  });
}

/** The report's inputs: the outcomes' (metrics/outcomes.ts) and the programme's costs. */
export interface ReportTask extends OutcomeInput {
  kind: 'report';
  costs: readonly CostRecord[];
}

/**
 * The evaluation between two moments: how the network, its reach and wellbeing changed, and the
 * programme's outcomes (metrics/outcomes.ts).
 */
export function reportOf(task: Omit<ReportTask, 'kind'>) {
  const { records, ties, communityId } = task;
  const rule = task.rule ?? { windowMs: SCORE_WINDOW_MS };
  const baseline = networkAt(records, ties, task.baselineMs, { communityId });
  const followup = networkAt(records, ties, task.followupMs, { communityId });
  const both = <T>(measure: (graph: typeof baseline) => T) => ({
    baseline: measure(baseline),
    followup: measure(followup),
  });
  // mixing between communities is a property of the whole network: a cut network is all internal
  const whole = {
    baseline: networkAt(records, ties, task.baselineMs),
    followup: networkAt(records, ties, task.followupMs),
  };
  const ofWhole = <T>(measure: (graph: typeof baseline) => T) => ({
    baseline: measure(whole.baseline),
    followup: measure(whole.followup),
  });
  const inScope = new Set(records.filter(inCommunity({ communityId })).map((r) => r.id));
  const named = instrumentNamer(task.instruments);
  const everyMeasure = task.measures.map((m) => ({ ...m, instrument: named(m.instrument) }));
  const measures = everyMeasure.filter((m) => inScope.has(m.resident));
  const participantsAtMs = (atMs: number) => participantsAt(records, atMs);
  return {
    baseline: new Date(task.baselineMs).toISOString(),
    followup: new Date(task.followupMs).toISOString(),
    community: communityId ?? null,
    scoreRule: {
      windowDays: rule.windowMs / DAY_MS,
      baselineWave: rule.baselineWave ?? null,
      followupWave: rule.followupWave ?? null,
    },
    graph: change(graphMetrics(baseline), graphMetrics(followup)),
    isolateCohort: isolateCohort(baseline, followup),
    participantReach: both(participantReach),
    bridgingShare: ofWhole((graph) => bridgingShare(graph, 'communityId')),
    eiIndexByCommunity: ofWhole((graph) => eiIndex(graph, 'communityId')),
    mixing: ofWhole((graph) => mixingByCommunity(graph, communityId)),
    instruments: instrumentFacts(
      task.instruments,
      new Set(measures.filter((m) => m.atMs <= task.followupMs).map((m) => m.instrument)),
    ),
    wellbeing: {
      baseline: wellbeingAt(
        measures,
        participantsAtMs(task.baselineMs),
        task.baselineMs,
        rule.windowMs,
      ),
      followup: wellbeingAt(
        measures,
        participantsAtMs(task.followupMs),
        task.followupMs,
        rule.windowMs,
      ),
      // a wave's participants are those of its first measure
      byWave: wavesOf(measures).map(({ wave, firstMs }) => ({
        wave,
        instruments: wellbeingOfWave(measures, participantsAtMs(firstMs), wave),
      })),
    },
    // withdrawn residents never reach a task: the privacy door (privacy/reads.ts) leaves them out
    // outcomes keeps the scope's measures itself; the comparison community's count there too
    ...outcomes({ ...task, measures: everyMeasure }),
    valueForMoney: valueForMoney({
      costs: task.costs.filter((c) => !communityId || c.communityId === communityId),
      baseline,
      followup,
      measures,
      instrument: findInstrument(task.instruments, task.primaryInstrument)!,
      baselineMs: task.baselineMs,
      followupMs: task.followupMs,
      rule,
    }),
  };
}

const DAY_MS = 86_400_000;

/** The waves named on measures, in order of their first measure, with its moment. */
function wavesOf(measures: readonly MeasureRecord[]): { wave: string; firstMs: number }[] {
  const waves = new Map<string, number>();
  for (const m of measures) if (m.wave && !waves.has(m.wave)) waves.set(m.wave, m.atMs);
  return [...waves].map(([wave, firstMs]) => ({ wave, firstMs }));
}

export type Report = ReturnType<typeof reportOf>;

export type Task = GraphTask | EgoTask | MetricsTask | EvaluationTask | TimelineTask | ReportTask;

/** The worker's entry point (piscina calls the default export with each task). */
export default function run(task: Task) {
  switch (task.kind) {
    // serialised here, in the worker: a string crosses back cheaper than the object graph
    case 'graph':
      return JSON.stringify(graphAt(task));
    case 'ego': {
      const ego = egoAt(task);
      return ego && JSON.stringify(ego);
    }
    case 'metrics':
      return metricsAt(task);
    case 'evaluation':
      return evaluationAt(task);
    case 'timeline':
      return timelineOf(task);
    case 'report':
      return reportOf(task);
  }
}
