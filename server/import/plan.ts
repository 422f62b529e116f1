// Turns sheets into the residents, groups and events an import would create. Every record passes
// the API's own schemas (server/domain.ts); ids not given are derived from the sheet's content,
// so importing the same sheet again creates nothing new.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  AttendanceEvent,
  ConnectionEvent,
  DepartureEvent,
  GroupInput,
  MeasureEvent,
  MembershipEvent,
  ResidentInput,
  type EventInput,
} from '../domain.ts';
import type { DateOrder } from './dates.ts';
import { Directory, nameKey, type Named } from './directory.ts';
import type { Issues } from './issues.ts';
import { columnIndex, RowReader, type Origin } from './row-reader.ts';
import { SHEET_NAMES } from '../domain-names.ts';
import type { SheetName } from '../domain.ts';
import type { Table } from './sheets.ts';

export interface ImportContext {
  projectId: string;
  timeZone: string;
  order: DateOrder;
  residents: Named[];
  groups: (Named & { kind: string })[];
  communities: Named[];
}

export interface Plan {
  residents: ResidentInput[];
  groups: GroupInput[];
  events: EventInput[];
  origins: { residents: Origin[]; groups: Origin[]; events: Origin[] };
  /** Rows naming residents or groups the project already holds: nothing to create. */
  unchanged: { residents: number; groups: number };
  /** What was read: each file (or workbook sheet) and its data rows; a bundle lists its three lists. */
  files: { name: string; sheet: SheetName | 'events'; rows: number }[];
}

/** A plan with nothing in it yet. */
export const emptyPlan = (): Plan => ({
  residents: [],
  groups: [],
  events: [],
  origins: { residents: [], groups: [], events: [] },
  unchanged: { residents: 0, groups: 0 },
  files: [],
});

const digest = (...parts: unknown[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** A readable id for a resident or group named in a sheet without one: `ann-smith-1f3a9c2e`. */
function derivedId(projectId: string, sheet: SheetName, name: string): string {
  const slug = nameKey(name)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || sheet.slice(0, -1)}-${digest(projectId, sheet, nameKey(name)).slice(0, 8)}`;
}

/** The id of an imported event: a hash of the project, the sheet and the event's values. */
function eventId(projectId: string, sheet: SheetName, event: EventInput): string {
  const values = Object.entries(event)
    .filter(([key]) => key !== 'id')
    .sort(([a], [b]) => a.localeCompare(b));
  return `import-${sheet}-${digest(projectId, sheet, values).slice(0, 24)}`;
}

type Group = Named & { kind: string };

export class Planner {
  readonly plan: Plan = emptyPlan();
  private readonly existingResidents: Directory<Named>;
  private readonly existingGroups: Directory<Group>;
  private readonly residents: Directory<Named>;
  private readonly groups: Directory<Group>;
  private readonly communities: Directory<Named>;
  /** The row that first gave each record key, for reporting repeats. */
  private readonly firstRow = new Map<string, string>();

  constructor(
    private readonly context: ImportContext,
    private readonly issues: Issues,
  ) {
    this.existingResidents = new Directory('resident', context.residents);
    this.existingGroups = new Directory('group', context.groups);
    this.residents = new Directory('resident', context.residents);
    this.groups = new Directory('group', context.groups);
    this.communities = new Directory('community', context.communities);
  }

  /** Reads every table, residents and groups before the events that name them. */
  read(tables: Table[]): Plan {
    const ordered = [...tables].sort(
      (a, b) => SHEET_NAMES.indexOf(a.sheet) - SHEET_NAMES.indexOf(b.sheet),
    );
    for (const table of ordered) {
      this.plan.files.push({ name: table.file, sheet: table.sheet, rows: table.rows.length });
      const index = columnIndex(table, this.issues);
      if (!index) continue;
      for (const { row, cells } of table.rows) {
        const reader = new RowReader(table, row, cells, index, this.issues);
        if (!reader.isEmpty) this.readRow(reader);
      }
    }
    return this.plan;
  }

  private readRow(r: RowReader): void {
    if (r.sheet === 'residents') return this.resident(r);
    if (r.sheet === 'groups') return this.group(r);
    if (r.sheet === 'ties') return this.tie(r);
    if (r.sheet === 'memberships') return this.membership(r);
    if (r.sheet === 'attendance') return this.attendance(r);
    return this.measure(r);
  }

  /** False (and an error) when the key was already given by an earlier row of the upload. */
  private firstTime(r: RowReader, key: string, column: string, what: string): boolean {
    const earlier = this.firstRow.get(key);
    if (earlier) {
      r.error(column, `repeats ${earlier} (${what}); remove one of the two rows`);
      return false;
    }
    this.firstRow.set(key, `row ${r.row} of ${r.origin().file}`);
    return true;
  }

  /** Reports each schema issue at the column behind the field it names. */
  private parse<S extends z.ZodType>(r: RowReader, schema: S, value: unknown, origin: Origin) {
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.infer<S>;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      r.error(field in origin.columns ? origin.columns[field] : field, issue.message);
    }
    return null;
  }

  /**
   * A residents or groups row without an id stands for the record of that name already in the
   * project (left unchanged), else gets a derived id; a row whose id exists is left unchanged.
   */
  private identify(
    r: RowReader,
    kind: 'residents' | 'groups',
    existing: Directory<Named>,
  ): { id: string; name: string } | null {
    const name = r.text('name');
    const given = r.text('id');
    if (name === undefined) return null;
    const id = given ?? derivedId(this.context.projectId, kind, name);
    const what = given ? `the same id "${given}"` : `the same name, no id`;
    if (!this.firstTime(r, `${kind}:${id}`, given ? 'id' : 'name', what)) return null;
    const stored = given ? existing.byIdOnly(given) : undefined;
    const sameName = given ? [] : existing.named(name);
    if (sameName.length > 1) {
      r.error('name', `${sameName.length} ${kind} in the project are named "${name}"; give the id`);
      return null;
    }
    const match = stored ?? sameName[0];
    if (match) {
      this.plan.unchanged[kind]++;
      if (match.name !== null && nameKey(match.name) !== nameKey(name))
        r.warning(
          'name',
          `"${given}" is already in the project as "${match.name}"; left unchanged`,
        );
      return null;
    }
    return { id, name };
  }

  private communityOf(r: RowReader): string | undefined {
    return r.find('community', this.communities)?.id;
  }

  private resident(r: RowReader): void {
    const who = this.identify(r, 'residents', this.existingResidents);
    if (!who) return;
    const value = {
      ...who,
      communityId: this.communityOf(r),
      participant: r.yesNo('participant'),
      consent: r.text('consent')?.toLowerCase(),
      joinedAt: r.when('joinedAt', this.context.timeZone, this.context.order),
    };
    const origin = r.origin({ communityId: 'community' });
    if (r.failed) return;
    const resident = this.parse(r, ResidentInput, value, origin);
    if (!resident) return;
    this.plan.residents.push(resident);
    this.plan.origins.residents.push(origin);
    this.residents.add(resident);
  }

  private group(r: RowReader): void {
    const which = this.identify(r, 'groups', this.existingGroups);
    if (!which) return;
    const value = {
      ...which,
      kind: r.text('kind')?.toLowerCase(),
      communityId: this.communityOf(r),
    };
    const origin = r.origin({ communityId: 'community' });
    if (r.failed) return;
    const group = this.parse(r, GroupInput, value, origin);
    if (!group) return;
    this.plan.groups.push(group);
    this.plan.origins.groups.push(origin);
    this.groups.add(group);
  }

  private when(r: RowReader, column: string): string | undefined {
    return r.when(column, this.context.timeZone, this.context.order);
  }

  /** Validates an event made from a row, derives its id, and refuses a repeated row. */
  private addEvent<S extends z.ZodType>(
    r: RowReader,
    schema: S,
    value: Record<string, unknown>,
    origin: Origin,
    repeatColumn: string,
  ): EventInput | null {
    if (r.failed) return null;
    const parsed = this.parse(r, schema, { id: 'pending', ...value }, origin) as EventInput | null;
    if (!parsed) return null;
    const event = { ...parsed, id: eventId(this.context.projectId, r.sheet, parsed) };
    if (!this.firstTime(r, `event:${event.id}`, repeatColumn, 'the same values')) return null;
    this.plan.events.push(event);
    this.plan.origins.events.push(origin);
    return event;
  }

  private tie(r: RowReader): void {
    const value = {
      type: 'connection',
      from: r.find('from', this.residents)?.id,
      to: r.find('to', this.residents)?.id,
      at: this.when(r, 'at'),
      kind: r.text('kind'),
      strength: r.number('strength'),
      source: r.text('source')?.toLowerCase() ?? 'import',
    };
    this.addEvent(r, ConnectionEvent, value, r.origin(), 'from');
  }

  private membership(r: RowReader): void {
    const resident = r.find('resident', this.residents)?.id;
    const group = r.find('group', this.groups)?.id;
    const at = this.when(r, 'at');
    const until = r.text('until') === undefined ? undefined : this.when(r, 'until');
    if (at && until && Date.parse(until) < Date.parse(at))
      r.error('until', `until (${until}) is before at (${at}); a departure follows its membership`);
    const joined = this.addEvent(
      r,
      MembershipEvent,
      { type: 'membership', resident, group, at },
      r.origin(),
      'resident',
    );
    if (joined && until)
      this.addEvent(
        r,
        DepartureEvent,
        { type: 'departure', resident, group, at: until },
        r.origin({ at: 'until' }),
        'until',
      );
  }

  private attendance(r: RowReader): void {
    const resident = r.find('resident', this.residents)?.id;
    const group = r.find('group', this.groups);
    if (group && group.kind !== 'activity')
      r.error(
        'group',
        `attendance needs a group of kind "activity"; "${group.name ?? group.id}" is "${group.kind}"`,
      );
    const value = { type: 'attendance', resident, group: group?.id, at: this.when(r, 'at') };
    this.addEvent(r, AttendanceEvent, value, r.origin(), 'resident');
  }

  private measure(r: RowReader): void {
    const instrument = r.text('instrument');
    const score = r.number('score');
    const value = {
      type: 'measure',
      resident: r.find('resident', this.residents)?.id,
      instrument,
      score,
      at: this.when(r, 'at'),
      wave: r.text('wave'),
    };
    this.addEvent(r, MeasureEvent, value, r.origin(), 'resident');
  }
}
