// /api/v1/projects/:p/import — workshop sheets (CSV, XLSX) and JSON bundles, with a dry run that
// reports every problem by file, row and column; and the empty templates of the sheets.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportReport } from '../import/report.ts';
import { runImport } from '../import/run.ts';
import { SHEET_NAMES } from '../domain-names.ts';
import { SHEETS, templateCsv } from '../import/sheets.ts';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, readUploads } from '../import/uploads.ts';
import { ErrorBody, errors, flag, ProjectParams } from './schemas.ts';

const Refused = ErrorBody.extend(ImportReport.partial().shape);

const refusal = (report: ImportReport) => ({
  error: 'bad_request',
  message: `${report.errorCount} problem(s) in the upload; nothing was written`,
  details: report.errors.map((e) => ({
    path: [e.file, e.row, e.column].filter((p) => p !== null).join(':'),
    message: e.message,
  })),
  ...report,
});

const sheetList = SHEET_NAMES.map(
  (s) =>
    `${s}: ${SHEETS[s].columns.map((c) => ((SHEETS[s].required as readonly string[]).includes(c) ? `**${c}**` : c)).join(', ')}`,
).join('; ');

const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/import', {
    config: { access: 'write' },
    bodyLimit: MAX_UPLOAD_BYTES,
    schema: {
      summary: 'Import workshop sheets (CSV, XLSX) or a JSON bundle; dry run first',
      description:
        'multipart/form-data with CSV files (the sheet is the part’s field name, a `sheet` field sent before the file, ' +
        'or the file name) or one XLSX workbook whose sheets carry the sheet names; or application/json ' +
        '`{residents, groups, events}` in the API’s shapes. Sheets and columns (required in bold): ' +
        sheetList +
        '. Headers match ignoring case, spaces and underscores. People, groups and communities are named by id or exact ' +
        'name. `YYYY-MM-DD` is the start of that day in the project’s time zone; date-times need a zone; `DD/MM/YYYY` ' +
        `only with dateFormat=dmy. At most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB and ${MAX_UPLOAD_ROWS.toLocaleString('en')} rows (413). ` +
        'Event ids are derived from the rows, so importing a sheet again creates nothing new.',
      tags: ['import'],
      params: ProjectParams,
      querystring: z.object({
        dryRun: flag.describe('true: report only, write nothing'),
        dateFormat: z
          .enum(['ymd', 'dmy'])
          .default('ymd')
          .describe('dmy: also read DD/MM/YYYY dates (UK sheets)'),
      }),
      response: { ...errors, 200: ImportReport, 201: ImportReport, 400: Refused },
    },
    handler: async (request, reply) => {
      const input = request.isMultipart()
        ? { uploads: await readUploads(request) }
        : { bundle: request.body };
      const { status, report } = await runImport(app.store, request.params.p, input, {
        dryRun: request.query.dryRun,
        order: request.query.dateFormat,
      });
      reply.code(status);
      return status === 400 ? refusal(report) : report;
    },
  });

  app.get('/import/templates/:sheet.csv', {
    config: { access: 'any' },
    schema: {
      summary: 'An empty import sheet with the right headers',
      tags: ['import'],
      params: z.object({ sheet: z.enum(SHEET_NAMES) }),
      response: { 200: z.string().describe('the CSV file'), ...errors },
    },
    handler: async (request, reply) => {
      const { sheet } = request.params;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${sheet}.csv"`)
        .send(templateCsv(sheet));
    },
  });
};

export default importRoutes;
