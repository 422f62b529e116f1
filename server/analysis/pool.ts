// Worker threads (piscina) for the analyses in tasks.ts, in two lanes started on first use and
// closed with the app: cheap reads (ego, the graph with its group layer) have a lane of their own,
// so they never wait behind a heavy metrics, timeline or report task; the plain graph's text is
// written on the API thread, in slices (graph-json.ts). Every task has a time budget and is aborted when its
// client goes away (a running one by terminating its worker); each lane's queue is bounded. A spent
// budget or a full queue is a 503 with Retry-After. Metrics split their shortest-path sources
// across the heavy lane's threads and sum the parts.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError } from '../errors.ts';
import { Serialised, type Client } from './answer.ts';
import { graphJson } from './graph-json.ts';
import { byNode, sumPartials, type PathIndex, type PathPartial } from '../metrics/betweenness.ts';
import type { TimelinePoint } from '../domain.ts';
import {
  sampledEstimate,
  sampleSources,
  type SampledBetweenness,
  type SampledPartial,
} from '../metrics/sampled-betweenness.ts';
import type {
  EgoTask,
  EvaluationTask,
  evaluationAt,
  GraphTask,
  MetricsResult,
  MetricsTask,
  Report,
  ReportTask,
  TimelineTask,
} from './tasks.ts';
import { idOfNode } from '../metrics/id-keys.ts';
import { presentAt, tiesAt } from '../metrics/moment.ts';

export interface AnalysisLimits {
  /** Time budget of one request's analysis, queueing included. */
  timeoutMs: number;
  /** Tasks that may wait in each lane beyond those running. */
  maxQueue: number;
  /** Threads of the heavy lane (the cheap lane has one). */
  heavyThreads: number;
  /**
   * Largest residents × ties whose metrics are attempted (0: no limit): exact betweenness and
   * closeness cost about that many shortest-path steps, and beyond what the budget can hold the
   * answer is a 422 at once instead of a 503 after the whole budget spent on both cores.
   */
  maxPathWork: number;
}

export const DEFAULT_LIMITS: AnalysisLimits = {
  timeoutMs: 120_000,
  maxQueue: 32,
  heavyThreads: Math.max(2, availableParallelism()),
  maxPathWork: 5_000_000_000,
};

/** The residents and ties of the network the metrics would compute on (the time rule's own selection). */
export function networkSize(task: Omit<MetricsTask, 'kind' | 'deferPaths'>) {
  const present = task.records.filter(presentAt(task.atMs, { communityId: task.communityId }));
  const ties = tiesAt(task.segments, task.atMs, new Set(present.map((r) => r.id))).size;
  return { residents: present.length, ties };
}

/** Seconds a client is asked to wait when a lane's queue is full. */
const BUSY_RETRY_SECONDS = 5;

/** A network whose exact shortest-path metrics are beyond `maxPathWork`: ask for less. */
export class AnalysisTooLarge extends AppError {
  constructor(residents: number, ties: number, limit: number) {
    super(
      422,
      'analysis_too_large',
      `the network at this moment has ${residents} residents and ${ties} ties: exact betweenness and ` +
        `closeness on it (residents × ties = ${residents * ties}) are beyond this service's ` +
        `ANALYSIS_MAX_PATH_WORK (${limit}). Ask for one community (community=), or let Neo4j Graph ` +
        'Data Science compute them (engine=auto, where it is installed: README, "Where Neo4j comes from").',
    );
  }
}

/** A 503 from the pool; the error handler sends `retryAfterSeconds` as Retry-After. */
export class AnalysisUnavailable extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(503, 'analysis_unavailable', message, undefined, retryAfterSeconds);
  }
}

const TASKS = new URL('./tasks.ts', import.meta.url).href;
const PATHS = new URL('../metrics/betweenness.ts', import.meta.url).href;
const SAMPLED = new URL('../metrics/sampled-betweenness.ts', import.meta.url).href;

/** A function of a module the worker threads load, by name (part of a request already admitted). */
type Entry = { filename: string; name: string };

class Lane {
  private pool: Piscina | null = null;

  constructor(
    private readonly threads: number,
    private readonly maxQueue: number,
  ) {}

  get size(): number {
    return this.threads;
  }

  /** Tasks running or waiting in this lane. */
  pending = 0;

  /**
   * Runs a task, or answers 503 at once when every thread is busy and the queue is full. A part of
   * a request already admitted (`entry`: a path range of its metrics) is never turned away.
   */
  async run<T>(task: unknown, signal: AbortSignal, entry?: Entry): Promise<T> {
    if (!entry && this.pending >= this.threads + this.maxQueue) {
      throw new AnalysisUnavailable(
        'the analysis queue is full; retry shortly',
        BUSY_RETRY_SECONDS,
      );
    }
    this.pool ??= this.start(0);
    this.pending += 1;
    try {
      return await this.pool.run(task, { signal, ...entry });
    } finally {
      this.pending -= 1;
    }
  }

  /**
   * Starts every thread now and keeps them (a thread loads the analysis modules when it starts,
   * a second or two, which the first read would otherwise wait for).
   */
  warm(): void {
    this.pool ??= this.start(this.threads);
  }

  private start(minThreads: number): Piscina {
    return new Piscina({
      filename: TASKS,
      minThreads,
      maxThreads: this.threads,
      idleTimeout: 60_000,
    });
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = null;
  }
}

/** Source ranges of about equal size, one per thread. */
function sourceRanges(n: number, parts: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < parts; i++)
    ranges.push([Math.floor((n * i) / parts), Math.floor((n * (i + 1)) / parts)]);
  return ranges.filter(([from, to]) => to > from);
}

export class AnalysisPool {
  private readonly cheap: Lane;
  private readonly heavy: Lane;
  /** Analyses stopped because their budget ran out or their client went away. */
  readonly stopped = { timedOut: 0, clientGone: 0 };

  constructor(private readonly limits: AnalysisLimits = DEFAULT_LIMITS) {
    this.cheap = new Lane(1, limits.maxQueue);
    this.heavy = new Lane(limits.heavyThreads, limits.maxQueue);
  }

  /** Tasks running or waiting per lane. */
  get load(): { cheap: number; heavy: number } {
    return { cheap: this.cheap.pending, heavy: this.heavy.pending };
  }

  /**
   * Runs `work` under the time budget, aborted when the client's connection closes first (a
   * running task's worker is terminated); a spent budget is a 503.
   */
  async budgeted<T>(
    client: Client | undefined,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const budget = AbortSignal.timeout(this.limits.timeoutMs);
    const gone = new AbortController();
    const socket = client && 'raw' in client ? client.raw.socket : undefined;
    const onClose = () => gone.abort(new Error('the client went away'));
    socket?.once('close', onClose);
    // a shared computation's signal serves many tasks in turn: each takes its listener away again
    const shared = client && 'signal' in client ? client.signal : undefined;
    if (shared?.aborted) onClose();
    else shared?.addEventListener('abort', onClose, { once: true });
    try {
      return await work(AbortSignal.any([gone.signal, budget]));
    } catch (error) {
      if (gone.signal.aborted) this.stopped.clientGone += 1;
      else if (budget.aborted) this.stopped.timedOut += 1;
      if (budget.aborted && !gone.signal.aborted) {
        throw new AnalysisUnavailable(
          `the analysis took longer than ${this.limits.timeoutMs} ms; retry later or ask for less`,
          Math.ceil(this.limits.timeoutMs / 1000),
        );
      }
      throw error;
    } finally {
      socket?.off('close', onClose);
      shared?.removeEventListener('abort', onClose);
    }
  }

  /**
   * The network at a moment in graphology's serialisation format, as JSON: written here from the
   * segments (graph-json.ts), or built in a worker when the group layer is asked for.
   */
  graph(task: Omit<GraphTask, 'kind'>, client?: Client): Promise<Serialised> {
    return this.budgeted(client, async (signal) => {
      const json = task.layer
        ? await this.cheap.run<string>({ ...task, kind: 'graph' }, signal)
        : await graphJson(task, signal);
      return new Serialised(json);
    });
  }

  /** The center's ego network as JSON; null when the center has not joined by then. */
  ego(task: Omit<EgoTask, 'kind'>, client?: Client): Promise<Serialised | null> {
    return this.budgeted(client, async (signal) => {
      const json = await this.cheap.run<string | null>({ ...task, kind: 'ego' }, signal);
      return json === null ? null : new Serialised(json);
    });
  }

  metrics(task: Omit<MetricsTask, 'kind' | 'deferPaths'>, client?: Client): Promise<MetricsResult> {
    const limit = this.limits.maxPathWork;
    if (limit > 0) {
      const { residents, ties } = networkSize(task);
      if (residents * ties > limit) throw new AnalysisTooLarge(residents, ties, limit);
    }
    return this.budgeted(client, async (signal) => {
      const first = await this.heavy.run<MetricsResult & { pathIndex?: PathIndex }>(
        { ...task, kind: 'metrics', deferPaths: this.heavy.size > 1 },
        signal,
      );
      const { pathIndex, ...result } = first;
      if (!pathIndex) return result;
      const partials = await Promise.all(
        sourceRanges(pathIndex.nodes.length, this.heavy.size).map(([from, to]) =>
          this.heavy.run<PathPartial>({ index: pathIndex, from, to }, signal, {
            filename: PATHS,
            name: 'pathTask',
          }),
        ),
      );
      const paths = byNode(pathIndex.nodes, sumPartials(pathIndex.nodes.length, partials));
      for (const node of pathIndex.nodes) {
        const metric = result.nodes[idOfNode(node)];
        metric.betweenness = paths.betweenness[node];
        metric.closeness = paths.closeness[node];
      }
      return result;
    });
  }

  /**
   * What GDS does not compute (engines.ts): the evaluation measures, and with `sample` betweenness
   * from that many uniformly drawn sources split across the heavy lane. Under the caller's budget.
   */
  async evaluation(
    task: Omit<EvaluationTask, 'kind' | 'sampled'>,
    sample: { sources: number; seed: number } | null,
    signal: AbortSignal,
  ): Promise<{ evaluation: MetricsResult['evaluation']; sampled: SampledBetweenness | null }> {
    const { evaluation, pathIndex } = await this.heavy.run<ReturnType<typeof evaluationAt>>(
      { ...task, kind: 'evaluation', sampled: sample !== null },
      signal,
    );
    if (!sample || !pathIndex) return { evaluation, sampled: null };
    const sources = sampleSources(pathIndex.nodes.length, sample.sources, sample.seed);
    const partials = await Promise.all(
      sourceRanges(sources.length, this.heavy.size).map(([from, to]) =>
        this.heavy.run<SampledPartial>(
          { index: pathIndex, sources: sources.slice(from, to) },
          signal,
          {
            filename: SAMPLED,
            name: 'sampledTask',
          },
        ),
      ),
    );
    return { evaluation, sampled: sampledEstimate(pathIndex.nodes, sources.length, partials) };
  }

  timeline(task: Omit<TimelineTask, 'kind'>, client?: Client): Promise<TimelinePoint[]> {
    return this.budgeted(client, (signal) => this.heavy.run({ ...task, kind: 'timeline' }, signal));
  }

  report(task: Omit<ReportTask, 'kind'>, client?: Client): Promise<Report> {
    return this.budgeted(client, (signal) => this.heavy.run({ ...task, kind: 'report' }, signal));
  }

  /** Starts both lanes' threads ahead of the first request (the server does, tests do not). */
  warm(): void {
    this.cheap.warm();
    this.heavy.warm();
  }

  async close(): Promise<void> {
    await Promise.all([this.cheap.close(), this.heavy.close()]);
  }
}
