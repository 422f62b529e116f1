// Turns uploaded files into tables of text cells: CSV (UTF-8, with or without BOM, comma or
// semicolon) and XLSX workbooks (exceljs). A file that cannot be read is an issue naming it.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { SheetName } from '../domain.ts';
import { sheetNamed, type Table } from './sheets.ts';
import { wallTimeToInstant } from './dates.ts';
import type { Issues } from './issues.ts';

export interface Upload {
  /** The file's name as uploaded. */
  name: string;
  /** The sheet named by the form (the part's field name or a preceding `sheet` field), if any. */
  sheet: string | null;
  data: Buffer;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const isWorkbook = (upload: Upload) =>
  /\.xlsx$/i.test(upload.name) || upload.data.subarray(0, 4).equals(XLSX_MAGIC);

/** The file's text, or why it is not UTF-8. */
function decodeUtf8(data: Buffer): { text: string } | { error: string } {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))
    return { error: 'is UTF-16; save it as "CSV UTF-8" and upload again' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
    return { text };
  } catch {
    return {
      error:
        'is not UTF-8 (perhaps Windows-1252 or Latin-1); in Excel choose "Save as: CSV UTF-8", or in LibreOffice pick UTF-8 as the character set, and upload again',
    };
  }
}

/** Excel in some locales writes `;` between cells: take it when the header has `;` and no `,`. */
function delimiterOf(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export function readCsv(upload: Upload, issues: Issues): Table | null {
  const sheet = sheetOf(upload, issues);
  if (!sheet) return null;
  const decoded = decodeUtf8(upload.data);
  if ('error' in decoded) {
    issues.error(upload.name, null, null, `${upload.name} ${decoded.error}`);
    return null;
  }
  let records: string[][];
  try {
    records = parse(decoded.text, {
      delimiter: delimiterOf(decoded.text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    issues.error(
      upload.name,
      null,
      null,
      `${upload.name} is not a readable CSV file: ${(error as Error).message}`,
    );
    return null;
  }
  const [header = [], ...rest] = records;
  return {
    file: upload.name,
    sheet,
    header,
    rows: rest.map((cells, i) => ({ row: i + 2, cells })),
  };
}

function sheetOf(upload: Upload, issues: Issues): SheetName | null {
  const sheet = sheetNamed(upload.sheet ?? upload.name);
  if (!sheet)
    issues.error(
      upload.name,
      null,
      null,
      `cannot tell which sheet ${upload.name} is: name the file (or its "sheet" form field) residents, groups, ties, memberships, attendance or measures`,
    );
  return sheet;
}

/** A workbook cell as text. A formula is read as its text (`=SUM(A1:A3)`), never its result. */
function cellText(value: ExcelJS.CellValue, timeZone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateCell(value, timeZone);
  if (typeof value !== 'object') return String(value);
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string };
    return '=' + (f.formula ?? f.sharedFormula ?? '');
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * Excel dates carry no zone: exceljs hands them over as UTC holding the wall clock. A whole day
 * stays a date (read in the project's zone later); a time of day is read in the project's zone now.
 */
function dateCell(value: Date, timeZone: string): string {
  const day = value.toISOString().slice(0, 10);
  if (value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() === 0) return day;
  const ms = wallTimeToInstant(
    timeZone,
    value.getUTCFullYear(),
    value.getUTCMonth() + 1,
    value.getUTCDate(),
    value.getUTCHours(),
    value.getUTCMinutes(),
    value.getUTCSeconds(),
  );
  return new Date(ms).toISOString();
}

export async function readWorkbook(
  upload: Upload,
  timeZone: string,
  issues: Issues,
): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(upload.data as unknown as ArrayBuffer);
  } catch {
    issues.error(upload.name, null, null, `${upload.name} is not a readable XLSX workbook`);
    return [];
  }
  const tables: Table[] = [];
  for (const worksheet of workbook.worksheets) {
    const sheet = sheetNamed(worksheet.name);
    if (!sheet) {
      issues.warning(
        upload.name,
        null,
        null,
        `sheet "${worksheet.name}" is not one the import reads; it was skipped`,
      );
      continue;
    }
    const file = `${upload.name} (${worksheet.name})`;
    const width = worksheet.columnCount;
    const rows: Table['rows'] = [];
    let header: string[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value, timeZone));
      if (number === 1) header = cells;
      else rows.push({ row: number, cells });
    });
    tables.push({ file, sheet, header, rows });
  }
  return tables;
}
