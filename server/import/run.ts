// One import from start to end: read the files, plan the records, count what is new, and (unless
// it is a dry run or something is wrong) write everything in one transaction.
import { AppError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import type { Created } from '../store/import.ts';
import type { DateOrder } from './dates.ts';
import { bundleSize, planBundle } from './bundle.ts';
import { Issues } from './issues.ts';
import type { ImportReport } from './report.ts';
import { Planner, type ImportContext, type Plan } from './plan.ts';
import { isWorkbook, readCsv, readWorkbook, type Upload } from './read.ts';
import type { Table } from './sheets.ts';
import { MAX_UPLOAD_ROWS, tooLarge } from './uploads.ts';

export type ImportInput = { uploads: Upload[] } | { bundle: unknown };

const TOO_MANY_ROWS = `the upload has more than ${MAX_UPLOAD_ROWS.toLocaleString('en')} rows`;

async function tablesOf(uploads: Upload[], timeZone: string, issues: Issues): Promise<Table[]> {
  if (uploads.length === 0)
    issues.error('upload', null, null, 'no file was sent: attach CSV files or one XLSX workbook');
  const workbooks = uploads.filter(isWorkbook);
  if (workbooks.length > 0 && uploads.length > 1) {
    issues.error(
      workbooks[0].name,
      null,
      null,
      'send one XLSX workbook on its own, or CSV files; not both, nor several workbooks',
    );
    return [];
  }
  if (workbooks.length === 1) return readWorkbook(workbooks[0], timeZone, issues);
  return uploads.flatMap((u) => readCsv(u, issues) ?? []);
}

/** Turns a store refusal (`events.3.from: unknown resident`) into issues at files, rows and columns. */
function storeIssues(error: AppError, plan: Plan, issues: Issues): void {
  for (const detail of error.details ?? []) {
    const [list, index, field] = detail.path.split('.');
    const origin = plan.origins[list as keyof Plan['origins']]?.[Number(index)];
    if (!origin) issues.error('upload', null, null, `${detail.path}: ${detail.message}`);
    else issues.error(origin.file, origin.row, origin.columns[field] ?? field, detail.message);
  }
  if (!error.details?.length) issues.error('upload', null, null, error.message);
}

export async function runImport(
  store: Store,
  projectId: string,
  input: ImportInput,
  options: { dryRun: boolean; order: DateOrder },
): Promise<{ status: 200 | 201 | 400; report: ImportReport }> {
  const directory = await store.imports.directory(projectId);
  const context: ImportContext = { projectId, order: options.order, ...directory };
  const issues = new Issues();
  let plan: Plan;
  if ('bundle' in input) {
    if (bundleSize(input.bundle) > MAX_UPLOAD_ROWS) throw tooLarge(TOO_MANY_ROWS);
    plan = planBundle(input.bundle, context, issues);
  } else {
    const tables = await tablesOf(input.uploads, directory.timeZone, issues);
    if (tables.reduce((n, t) => n + t.rows.length, 0) > MAX_UPLOAD_ROWS)
      throw tooLarge(TOO_MANY_ROWS);
    plan = new Planner(context, issues).read(tables);
  }
  const eventIds = [...new Set(plan.events.map((e) => e.id))];
  const stored = await store.imports.storedEventIds(projectId, eventIds);
  const report = (created?: Created): ImportReport => ({
    dryRun: options.dryRun,
    files: plan.files,
    wouldCreate: {
      residents: plan.residents.length,
      groups: plan.groups.length,
      events: eventIds.length - stored.size,
    },
    unchanged: { ...plan.unchanged, events: stored.size },
    errors: issues.errors,
    warnings: issues.warnings,
    errorCount: issues.errorCount,
    warningCount: issues.warningCount,
    ...(created ? { created } : {}),
  });
  if (issues.errorCount > 0) return { status: options.dryRun ? 200 : 400, report: report() };
  if (options.dryRun) return { status: 200, report: report() };
  try {
    const created = await store.imports.write(projectId, plan);
    return { status: 201, report: report(created) };
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 409)) throw error;
    storeIssues(error, plan, issues);
    return { status: 400, report: report() };
  }
}
