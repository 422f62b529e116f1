// Reads one sheet row's cells as typed values (people, groups, dates, numbers, yes/no), reporting
// each bad cell at its file, row and column and remembering that the row failed.
import type { SheetName } from '../domain.ts';
import { ALIASES, SHEETS, normaliseHeader, type Table } from './sheets.ts';
import { readWhen, type DateOrder } from './dates.ts';
import type { Directory, Named } from './directory.ts';
import type { Issues } from './issues.ts';
import { looksLikeFormula } from '../csv-cell.ts';

/** Where a record came from, and the header of the column behind each of its API fields. */
export interface Origin {
  file: string;
  row: number | null;
  columns: Record<string, string>;
}

/** A header read as another column's name (`Date` as `at`), so the dry run can say so. */
export interface Alias {
  header: string;
  column: string;
}

/**
 * Maps a table's headers to its sheet's columns, by name first and then by the sheet's aliases
 * (`Date` is `at` unless the sheet also has `at`); reports unknown, repeated and missing ones.
 */
export function columnIndex(
  table: Table,
  issues: Issues,
): { index: Map<string, number>; aliases: Alias[] } | null {
  const spec = SHEETS[table.sheet];
  const byKey = new Map<string, string>(spec.columns.map((c) => [normaliseHeader(c), c]));
  const byAlias = new Map<string, string>(
    Object.entries(ALIASES[table.sheet]).flatMap(([column, names]) =>
      names.map((name) => [normaliseHeader(name), column]),
    ),
  );
  const index = new Map<string, number>();
  const unnamed: number[] = [];
  table.header.forEach((header, i) => {
    if (!header.trim()) return;
    const column = byKey.get(normaliseHeader(header));
    if (!column) unnamed.push(i);
    else if (index.has(column))
      issues.error(table.file, 1, header, `column "${header}" appears twice; keep one`);
    else index.set(column, i);
  });
  const aliases: Alias[] = [];
  for (const i of unnamed) {
    const header = table.header[i];
    const column = byAlias.get(normaliseHeader(header));
    if (column && !index.has(column)) {
      index.set(column, i);
      aliases.push({ header, column });
    } else
      issues.warning(
        table.file,
        1,
        header,
        `column "${header}" is not one the ${table.sheet} sheet reads (${spec.columns.join(', ')}); it was skipped`,
      );
  }
  const missing = spec.required.filter((c) => !index.has(c));
  for (const column of missing)
    issues.error(
      table.file,
      1,
      column,
      `missing column "${column}": the ${table.sheet} sheet needs ${spec.required.join(', ')}; the ${table.sheet}.csv template (linked above the file picker) has every column`,
    );
  return missing.length > 0 ? null : { index, aliases };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const YES = new Set(['true', 'yes', 'y', '1', 'x']);
const NO = new Set(['false', 'no', 'n', '0']);

export class RowReader {
  failed = false;

  constructor(
    private readonly table: Table,
    readonly row: number,
    private readonly cells: string[],
    private readonly index: Map<string, number>,
    private readonly issues: Issues,
  ) {}

  /** Where this row is, as people find it: `residents.csv row 3`. */
  get where(): string {
    return `${this.table.file} row ${this.row}`;
  }

  get sheet(): SheetName {
    return this.table.sheet;
  }

  get isEmpty(): boolean {
    return this.cells.every((c) => c.trim() === '');
  }

  /** The header as written for a column (the column's own name when the sheet lacks it). */
  column(name: string): string {
    const i = this.index.get(name);
    return i === undefined ? name : this.table.header[i];
  }

  /** The origin of a record made from this row; `renamed` maps API fields to sheet columns. */
  origin(renamed: Record<string, string> = {}): Origin {
    const columns: Record<string, string> = {};
    for (const c of SHEETS[this.sheet].columns) columns[c] = this.column(c);
    for (const [field, c] of Object.entries(renamed)) columns[field] = this.column(c);
    return { file: this.table.file, row: this.row, columns };
  }

  error(column: string, message: string): void {
    this.failed = true;
    this.issues.error(this.table.file, this.row, this.column(column), message);
  }

  warning(column: string, message: string): void {
    this.issues.warning(this.table.file, this.row, this.column(column), message);
  }

  /** The trimmed cell, or undefined when empty; an empty required cell is an error. */
  text(column: string): string | undefined {
    const i = this.index.get(column);
    const value = i === undefined ? '' : (this.cells[i] ?? '').trim();
    if (looksLikeFormula(value) && !NUMBER.test(value))
      this.warning(column, `"${value}" looks like a formula; it is kept as text, never calculated`);
    if (value !== '') return value;
    if ((SHEETS[this.sheet].required as readonly string[]).includes(column))
      this.error(
        column,
        `${this.column(column)} is empty; the ${this.sheet} sheet needs it on every row`,
      );
    return undefined;
  }

  find<T extends Named>(column: string, directory: Directory<T>): T | undefined {
    const cell = this.text(column);
    if (cell === undefined) return undefined;
    const result = directory.find(cell);
    if ('error' in result) return void this.error(column, result.error);
    return result.found;
  }

  when(column: string, timeZone: string, order: DateOrder): string | undefined {
    const cell = this.text(column);
    if (cell === undefined) return undefined;
    const result = readWhen(cell, timeZone, order);
    if ('error' in result) return void this.error(column, result.error);
    return result.at;
  }

  number(column: string): number | undefined {
    const cell = this.text(column);
    if (cell === undefined) return undefined;
    if (NUMBER.test(cell)) return Number(cell);
    return void this.error(column, `"${cell}" is not a number`);
  }

  yesNo(column: string): boolean | undefined {
    const cell = this.text(column)?.toLowerCase();
    if (cell === undefined) return undefined;
    if (YES.has(cell)) return true;
    if (NO.has(cell)) return false;
    return void this.error(column, `"${cell}" is not yes or no (true/false, y/n, 1/0 also work)`);
  }
}
