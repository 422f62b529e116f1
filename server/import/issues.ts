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
