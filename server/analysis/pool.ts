// A small pool of worker threads for the analyses in tasks.ts (piscina), started on first use and
// closed with the app: requests for heavy metrics queue there instead of blocking every request.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { TimelinePoint } from '../metrics/timeline.ts';
import type { SerializedGraph } from 'graphology-types';
import type {
  EgoTask,
  GraphTask,
  MetricsResult,
  MetricsTask,
  Report,
  ReportTask,
  TimelineTask,
} from './tasks.ts';

export class AnalysisPool {
  private pool: Piscina | null = null;

  constructor(private readonly threads = Math.max(1, availableParallelism() - 1)) {}

  private get workers(): Piscina {
    this.pool ??= new Piscina({
      filename: new URL('./tasks.ts', import.meta.url).href,
      minThreads: 0,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
    return this.pool;
  }

  graph(task: Omit<GraphTask, 'kind'>): Promise<SerializedGraph> {
    return this.workers.run({ ...task, kind: 'graph' });
  }

  ego(task: Omit<EgoTask, 'kind'>): Promise<SerializedGraph | null> {
    return this.workers.run({ ...task, kind: 'ego' });
  }

  metrics(task: Omit<MetricsTask, 'kind'>): Promise<MetricsResult> {
    return this.workers.run({ ...task, kind: 'metrics' });
  }

  timeline(task: Omit<TimelineTask, 'kind'>): Promise<TimelinePoint[]> {
    return this.workers.run({ ...task, kind: 'timeline' });
  }

  report(task: Omit<ReportTask, 'kind'>): Promise<Report> {
    return this.workers.run({ ...task, kind: 'report' });
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
  }
}
