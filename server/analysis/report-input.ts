// What the evaluation report is computed from, read once through the caller's privacy door: the
// report route reads it for one question, a release reads it once for every community's report.
import type { ProjectReads } from '../privacy/reads.ts';
import type { ReportTask } from './tasks.ts';

export type ReportInput = Omit<ReportTask, 'kind' | 'baselineMs' | 'followupMs' | 'communityId'>;

/** Residents, ties up to the follow-up, measures, memberships and attendances as `reads` sees them. */
export async function reportInput(
  reads: ProjectReads,
  projectId: string,
  followupMs: number,
): Promise<ReportInput> {
  const { records, ties } = await reads.replayInput(projectId, followupMs);
  const measures = await reads.measures(projectId);
  const { memberships } = await reads.groupLayer(projectId);
  const attendances = await reads.attendances(projectId);
  return { records, ties, measures, memberships, attendances };
}
