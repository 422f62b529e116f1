// What the evaluation report is computed from, read once through the caller's privacy door: the
// report route reads it for one question, a release reads it once for every community's report.
import type { ProjectReads } from '../privacy/reads.ts';
import type { Store } from '../store/index.ts';
import type { ReportTask } from './tasks.ts';

/** The question (moments, community, score rule, horizon, comparison) is the caller's. */
export type ReportInput = Omit<
  ReportTask,
  'kind' | 'baselineMs' | 'followupMs' | 'communityId' | 'rule' | 'horizonMs' | 'comparisonId'
>;

/**
 * Residents, ties up to the follow-up, measures, memberships and attendances as `reads` sees them;
 * the project's instruments, primary instrument and costs (which name no resident) from the store.
 */
export async function reportInput(
  reads: ProjectReads,
  store: Pick<Store, 'instruments' | 'costs' | 'projects'>,
  projectId: string,
  followupMs: number,
): Promise<ReportInput> {
  const { records, ties } = await reads.replayInput(projectId, followupMs);
  const measures = await reads.measures(projectId);
  const { memberships } = await reads.groupLayer(projectId);
  const attendances = await reads.attendances(projectId);
  const instruments = await store.instruments.registry(projectId);
  const costs = await store.costs.list(projectId);
  const { primaryInstrument } = await store.projects.get(projectId);
  return {
    records,
    ties,
    measures,
    memberships,
    attendances,
    instruments,
    primaryInstrument,
    costs,
  };
}
