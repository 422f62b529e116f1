// Which engine computes /metrics: the API's worker threads (exact, up to ANALYSIS_MAX_PATH_WORK)
// or Neo4j Graph Data Science on a projection of the same network (beyond it, or when asked for).
// Every answer says which; beyond the limit betweenness is estimated from sampled sources and the
// answer says how many, with what seed, and how far the estimate is expected to be off.
import { AppError } from '../errors.ts';
import { fromGds, type GdsRun } from '../metrics/gds-conventions.ts';
import { AnalysisTooLarge, AnalysisUnavailable, networkSize, type AnalysisPool } from './pool.ts';
import type { Client } from './answer.ts';
import type { MetricsResult, MetricsTask } from './tasks.ts';

export const ENGINES = ['auto', 'worker', 'gds'] as const;
export type Engine = (typeof ENGINES)[number];

export interface Sampled {
  sources: number;
  seed: number;
  /** Root mean square over the residents of the estimates' standard errors. */
  expectedError: number;
}

export type EngineAnswer = MetricsResult & { engine: 'worker' | 'gds'; sampled: Sampled | null };

/** GDS on the network the request reads (privacy/reads.ts: what the caller may see). */
export type GdsRunner = (
  options: { betweenness: boolean; timeoutMs: number },
  signal: AbortSignal,
) => Promise<GdsRun>;

/** Seed of the sampled sources: the same network gives the same estimate. */
export const SAMPLING_SEED = 1;
/** Fewer sources than this say little; more than the residents is the exact value. */
const MIN_SOURCES = 100;

/**
 * Sources of a sampled betweenness: an eighth of ANALYSIS_MAX_PATH_WORK in shortest-path steps
 * (each source costs about one step per tie), leaving the cores to GDS, which runs alongside (at
 * 1M events, 725 sources: about 17 s of both cores on a quiet machine of this project's class).
 */
export function sampleSize(maxPathWork: number, residents: number, ties: number): number {
  const affordable = Math.floor(maxPathWork / 8 / Math.max(1, ties));
  return Math.min(residents, Math.max(MIN_SOURCES, affordable));
}

const gdsMissing = () =>
  new AppError(
    422,
    'gds_unavailable',
    'Neo4j Graph Data Science is not installed in this database: ask for engine=worker or engine=auto',
    [{ path: 'engine', message: 'GDS is not installed' }],
  );

const weightedInGds = () =>
  new AppError(
    422,
    'gds_unweighted_only',
    'weighted metrics are computed by the worker threads only: GDS has no weighted closeness or ' +
      'clustering. Ask for weighted=false, or for one community (community=)',
    [{ path: 'weighted', message: 'not with engine=gds' }],
  );

export class MetricsEngines {
  constructor(
    private readonly pool: AnalysisPool,
    private readonly gdsVersion: () => Promise<string | null>,
    private readonly limits: { maxPathWork: number; timeoutMs: number },
  ) {}

  async metrics(
    engine: Engine,
    task: Omit<MetricsTask, 'kind' | 'deferPaths'>,
    gds: GdsRunner,
    client: Client,
  ): Promise<EngineAnswer> {
    const { residents, ties } = networkSize(task);
    const limit = this.limits.maxPathWork;
    const fits = limit === 0 || residents * ties <= limit;
    if (engine === 'worker' || (engine === 'auto' && fits)) {
      return { ...(await this.pool.metrics(task, client)), engine: 'worker', sampled: null };
    }
    if ((await this.gdsVersion()) === null) {
      if (engine === 'gds') throw gdsMissing();
      throw new AnalysisTooLarge(residents, ties, limit);
    }
    if (task.weighted) {
      if (engine === 'gds') throw weightedInGds();
      throw new AnalysisTooLarge(residents, ties, limit);
    }
    // as many sources as residents is the exact value: GDS computes it
    const sources = fits ? residents : sampleSize(limit, residents, ties);
    const sample = sources < residents ? { sources, seed: SAMPLING_SEED } : null;
    return this.pool.budgeted(client, async (signal) => {
      const [run, companion] = await Promise.all([
        residents === 0
          ? null
          : gds({ betweenness: sample === null, timeoutMs: this.limits.timeoutMs }, signal),
        this.pool.evaluation(task, sample, signal),
      ]);
      // the projection and the read are two transactions: a write between them changes the network
      if (run && (run.nodeCount !== residents || run.edgeCount !== ties)) {
        throw new AnalysisUnavailable('the network changed while it was measured; retry', 1);
      }
      const { graph, nodes } = run
        ? fromGds(run, companion.sampled?.betweenness)
        : fromGds(EMPTY_RUN);
      return {
        at: new Date(task.atMs).toISOString(),
        community: task.communityId ?? null,
        weighted: false,
        graph,
        evaluation: companion.evaluation,
        nodes,
        engine: 'gds',
        sampled:
          sample && companion.sampled
            ? { ...sample, expectedError: companion.sampled.expectedError }
            : null,
      };
    });
  }
}

/** No residents at the moment: nothing to project (GDS refuses an empty projection). */
const EMPTY_RUN: GdsRun = {
  nodeCount: 0,
  edgeCount: 0,
  nodes: {},
  components: 0,
  largestComponent: 0,
  modularity: 0,
  eigenvectorConverged: true,
  pagerankConverged: true,
};
