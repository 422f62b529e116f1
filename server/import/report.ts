// What an import answers: the files it read, what it creates (or would), and every problem at its
// file, row and column. The route answers with these schemas, run.ts builds the report, and the web
// app reads its type through the contract.
import { z } from 'zod';

const Counts = z.object({
  residents: z.number().int(),
  groups: z.number().int(),
  events: z.number().int(),
});

export const ImportIssue = z.object({
  file: z
    .string()
    .describe('the file (a workbook sheet as "book.xlsx (ties)"; a JSON bundle is "bundle")'),
  row: z.number().int().nullable().describe('1-based, the header is row 1; null: the whole file'),
  column: z
    .string()
    .nullable()
    .describe('the header as written (a missing column by its name; in a bundle the field path)'),
  message: z.string(),
});

export const ImportReport = z.object({
  dryRun: z.boolean(),
  files: z.array(
    z.object({
      name: z.string(),
      sheet: z.string(),
      rows: z.number().int(),
      aliases: z
        .array(z.object({ header: z.string(), column: z.string() }))
        .describe('headers read as another column (`Date` as `at`): paper sheets name them so'),
    }),
  ),
  wouldCreate: Counts.describe('records the import creates (or would create)'),
  unchanged: Counts.describe('rows naming records already stored: importing them changes nothing'),
  errors: z
    .array(ImportIssue)
    .describe('any error stops the whole import (the first 1,000 are listed)'),
  warnings: z.array(ImportIssue),
  errorCount: z.number().int().describe('every error found (the list keeps the first thousand)'),
  warningCount: z.number().int(),
  created: Counts.optional().describe('what a real run created'),
});
export type ImportIssue = z.infer<typeof ImportIssue>;
export type ImportReport = z.infer<typeof ImportReport>;
