// The CPU-heavy analyses as pure tasks: the metrics of the network at a moment, and a timeline.
// They run in worker threads (pool.ts) so a large network never stalls the API's event loop.
import { bridgingShare, eiIndex, participantReach } from '../metrics/evaluation.ts';
import { graphMetrics } from '../metrics/graph-metrics.ts';
import { networkAt, type ResidentRecord, type TieEvent } from '../metrics/network.ts';
import { nodeMetrics } from '../metrics/node-metrics.ts';
import { timeline, type TimelinePoint } from '../metrics/timeline.ts';

export interface MetricsTask {
  kind: 'metrics';
  records: ResidentRecord[];
  ties: TieEvent[];
  atMs: number;
  communityId?: string;
  weighted: boolean;
}

export interface TimelineTask {
  kind: 'timeline';
  records: ResidentRecord[];
  ties: TieEvent[];
  ends: number[];
  communityId?: string;
  centralities: boolean;
}

export function metricsAt(task: Omit<MetricsTask, 'kind'>) {
  const { weighted, communityId } = task;
  const graph = networkAt(task.records, task.ties, task.atMs, { communityId });
  const perNode = nodeMetrics(graph, { weighted });
  return {
    at: new Date(task.atMs).toISOString(),
    community: communityId ?? null,
    weighted,
    graph: { ...graphMetrics(graph, { weighted }), modularity: perNode.modularity },
    evaluation: {
      eiIndexByCommunity: eiIndex(graph, 'communityId'),
      bridgingShare: bridgingShare(graph, 'communityId'),
      participantReach: participantReach(graph),
    },
    nodes: perNode.nodes,
  };
}

export type MetricsResult = ReturnType<typeof metricsAt>;

export function timelineOf(task: Omit<TimelineTask, 'kind'>): TimelinePoint[] {
  return timeline(task.records, task.ties, task.ends, {
    communityId: task.communityId,
    centralities: task.centralities,
  });
}

/** The worker's entry point (piscina calls the default export with each task). */
export default function run(task: MetricsTask | TimelineTask): MetricsResult | TimelinePoint[] {
  return task.kind === 'metrics' ? metricsAt(task) : timelineOf(task);
}
