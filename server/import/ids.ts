// The ids an import gives what it creates, derived from the sheet's content so that importing the
// same sheet again makes the same ids (and a stored id is a no-op).
import { createHash } from 'node:crypto';
import type { SheetName } from '../domain.ts';
import type { EventInput } from '../domain-events.ts';
import { nameKey } from './directory.ts';

const digest = (...parts: unknown[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** A readable id for a resident or group named in a sheet without one: `ann-smith-1f3a9c2e`. */
export function derivedId(projectId: string, sheet: SheetName, name: string): string {
  const slug = nameKey(name)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || sheet.slice(0, -1)}-${digest(projectId, sheet, nameKey(name)).slice(0, 8)}`;
}

/** The id of an imported event: a hash of the project, the sheet and the event's values. */
export function importedEventId(projectId: string, sheet: SheetName, event: EventInput): string {
  const values = Object.entries(event)
    .filter(([key]) => key !== 'id')
    .sort(([a], [b]) => a.localeCompare(b));
  return `import-${sheet}-${digest(projectId, sheet, values).slice(0, 24)}`;
}
