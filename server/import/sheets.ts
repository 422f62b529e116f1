// The import sheets: their names, their columns (the API's field names) and which are required,
// how headers and file names are matched to them, and the empty template of each.
import { SHEET_NAMES } from '../domain-names.ts';
import type { SheetName } from '../domain.ts';

export const SHEETS = {
  residents: {
    columns: ['id', 'name', 'community', 'participant', 'consent', 'joinedAt'],
    required: ['name'],
  },
  groups: { columns: ['id', 'name', 'kind', 'community'], required: ['name', 'kind'] },
  ties: {
    columns: ['from', 'to', 'at', 'kind', 'strength', 'source', 'until'],
    required: ['from', 'to', 'at'],
  },
  memberships: {
    columns: ['resident', 'group', 'at', 'until'],
    required: ['resident', 'group', 'at'],
  },
  attendance: { columns: ['resident', 'group', 'at'], required: ['resident', 'group', 'at'] },
  measures: {
    columns: ['resident', 'instrument', 'score', 'at', 'wave'],
    required: ['resident', 'instrument', 'score', 'at'],
  },
  leaving: { columns: ['resident', 'at', 'until'], required: ['resident', 'at'] },
  participation: { columns: ['resident', 'at', 'until'], required: ['resident', 'at'] },
} as const satisfies Record<SheetName, { columns: readonly string[]; required: readonly string[] }>;

/**
 * Other headers paper sheets use for a column, read as that column when the sheet does not also
 * have it by its own name (the dry run lists each one it took). Matched like headers.
 */
export const ALIASES: Record<SheetName, Record<string, readonly string[]>> = {
  residents: {
    name: ['person', 'resident', 'full name'],
    community: ['area', 'neighbourhood', 'neighborhood'],
    joinedAt: ['joined', 'date joined', 'date', 'when'],
  },
  groups: { name: ['group', 'group name'], kind: ['type', 'category'], community: ['area'] },
  ties: {
    from: ['person', 'name', 'who', 'named by'],
    to: ['knows', 'named', 'contact', 'tie to'],
    at: ['date', 'when', 'day'],
    kind: ['type', 'relationship'],
    strength: ['weight'],
    until: ['ended', 'end'],
  },
  memberships: {
    resident: ['person', 'name', 'member'],
    at: ['date', 'when', 'joined', 'since'],
    until: ['left', 'end', 'ended'],
  },
  attendance: {
    resident: ['person', 'name', 'attendee'],
    group: ['activity'],
    at: ['date', 'when', 'day'],
  },
  measures: {
    resident: ['person', 'name'],
    instrument: ['scale', 'measure'],
    score: ['value', 'result'],
    at: ['date', 'when', 'day'],
    wave: ['round'],
  },
  leaving: {
    resident: ['person', 'name'],
    at: ['date', 'left', 'moved away'],
    until: ['returned', 'back', 'came back'],
  },
  participation: {
    resident: ['person', 'name', 'participant'],
    at: ['date', 'from', 'since', 'started'],
    until: ['to', 'ended', 'end'],
  },
};

/** Headers match ignoring case, spaces and underscores: `Joined At` and `joined_at` are `joinedAt`. */
export const normaliseHeader = (header: string) => header.toLowerCase().replace(/[\s_]/g, '');

/** The sheet a name stands for (`Ties`, `ties.csv`, `2025-03 workshop ties.csv`, `resident`), or null. */
export function sheetNamed(name: string): SheetName | null {
  const words = name
    .replace(/\.(csv|xlsx|txt)$/i, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const found = new Set(
    SHEET_NAMES.filter((sheet) => words.some((w) => w === sheet || w + 's' === sheet)),
  );
  return found.size === 1 ? [...found][0] : null;
}

/** An empty sheet with the right headers, ready to fill in. */
export function templateCsv(sheet: SheetName): string {
  return SHEETS[sheet].columns.join(',') + '\r\n';
}

/** One parsed sheet: the header cells as written and the data rows with their 1-based row numbers. */
export interface Table {
  file: string;
  sheet: SheetName;
  header: string[];
  rows: { row: number; cells: string[] }[];
}
