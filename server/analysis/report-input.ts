// What the evaluation report is computed from, read once through the caller's privacy door: the
// report route reads it for one question, a release reads it once for every community's report.
import type { Interview } from '../metrics/waves.ts';
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
  const interviews = await interviewsOf(reads, projectId, followupMs);
  return {
    records,
    ties,
    measures,
    memberships,
    attendances,
    instruments,
    primaryInstrument,
    costs,
    interviews,
  };
}

/** Who answered the name question at which wave, up to `untilMs`: interview events not retracted. */
async function interviewsOf(
  reads: ProjectReads,
  projectId: string,
  untilMs: number,
): Promise<Interview[]> {
  const found: (Interview & { id: string })[] = [];
  const retracted = new Set<string>();
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<ProjectReads['events']>> = await reads.events(projectId, {
      fromMs: -Number.MAX_SAFE_INTEGER,
      toMs: Number.MAX_SAFE_INTEGER,
      types: ['interview', 'retraction'],
      residentId: null,
      after,
      limit: 10_000,
    });
    for (const e of page.events) {
      if (e.type === 'retraction') retracted.add(e.event);
      else if (e.type === 'interview' && Date.parse(e.at) <= untilMs)
        found.push({ id: e.id, resident: e.resident, wave: e.wave, atMs: Date.parse(e.at) });
    }
    after = page.next;
  } while (after !== null);
  return found
    .filter((i) => !retracted.has(i.id))
    .map(({ resident, wave, atMs }) => ({ resident, wave, atMs }));
}
