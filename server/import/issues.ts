// The problems an import finds, each at a file, row and column (the header as written), so a
// coordinator can find the cell; errors stop the import, warnings do not.
import type { ImportIssue } from './report.ts';

/** Errors and warnings kept in a report; past this many only the count grows. */
const KEPT = 1_000;

export class Issues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  error(file: string, row: number | null, column: string | null, message: string): void {
    this.errorCount++;
    if (this.errors.length < KEPT) this.errors.push({ file, row, column, message });
  }

  warning(file: string, row: number | null, column: string | null, message: string): void {
    this.warningCount++;
    if (this.warnings.length < KEPT) this.warnings.push({ file, row, column, message });
  }
}

/**
 * Why an empty consent matters: such a resident is stored as pending, and a pending resident is in
 * no evaluator's or partner's read, so the sheet's author should know how many and where.
 */
export function emptyConsent(rows: number[]): string {
  const listed = rows.slice(0, 10).join(', ') + (rows.length > 10 ? ', …' : '');
  const residents = rows.length === 1 ? '1 resident has' : `${rows.length} residents have`;
  return (
    `${residents} no consent (row${rows.length === 1 ? '' : 's'} ${listed}): they would be stored as "pending", ` +
    'which keeps them out of what evaluators and partners see until consent is recorded. ' +
    'Write given, pending or withdrawn in the consent column to say so.'
  );
}
