// Turns sheets into the residents, groups and events an import would create. Every record passes
// the API's own schemas (server/domain.ts); ids not given are derived from the sheet's content,
// so importing the same sheet again creates nothing new.
import type { z } from 'zod';
import { GroupInput, ResidentInput } from '../domain.ts';
import {
  AttendanceEvent,
  DepartureEvent,
  MeasureEvent,
  MembershipEvent,
  type EventInput,
} from '../domain-events.ts';
import { measureProblem, type Instrument } from '../instruments.ts';
import { leavingRow, participationRow, tieRow, type EventRows } from './change-rows.ts';
import type { DateOrder } from './dates.ts';
import { Directory, nameKey, type Named } from './directory.ts';
import { derivedId, importedEventId } from './ids.ts';
import { emptyConsent, type Issues } from './issues.ts';
import { columnIndex, RowReader, type Alias, type Origin } from './row-reader.ts';
import { Spellings } from './spellings.ts';
import { SHEET_NAMES } from '../domain-names.ts';
import type { SheetName } from '../domain.ts';
import type { Table } from './sheets.ts';

export interface ImportContext {
  projectId: string;
  timeZone: string;
  order: DateOrder;
  residents: (Named & { consent?: string | null })[];
  groups: (Named & { kind: string })[];
  communities: Named[];
  instruments: Instrument[];
  /** The kinds the project's ties are stored with, most used first. */
  tieKinds: string[];
}

export interface Plan {
  residents: ResidentInput[];
  groups: GroupInput[];
  events: EventInput[];
  origins: { residents: Origin[]; groups: Origin[]; events: Origin[] };
  /** Rows naming residents or groups the project already holds: nothing to create. */
  unchanged: { residents: number; groups: number };
  /**
   * What was read: each file (or workbook sheet), its data rows and the headers read as another
   * column (`Date` as `at`); a bundle lists its three lists.
   */
  files: { name: string; sheet: SheetName | 'events'; rows: number; aliases: Alias[] }[];
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

type Group = Named & { kind: string };

export class Planner implements EventRows {
  readonly plan: Plan = emptyPlan();
  private readonly existingResidents: Directory<Named>;
  private readonly existingGroups: Directory<Group>;
  readonly residents: Directory<Named>;
  private readonly groups: Directory<Group>;
  private readonly communities: Directory<Named>;
  readonly kinds: Spellings;
  /** Rows of the residents table being read whose consent is empty. */
  private consentless: number[] = [];
  /** The row that first gave each record key, for reporting repeats. */
  private readonly firstRow = new Map<string, string>();

  constructor(
    private readonly context: ImportContext,
    private readonly issues: Issues,
  ) {
    this.existingResidents = new Directory('resident', context.residents);
    this.existingGroups = new Directory('group', context.groups);
    // rows naming a withdrawn resident read as naming no one (the API refuses such events alike)
    this.residents = new Directory(
      'resident',
      context.residents.filter((r) => r.consent !== 'withdrawn'),
    );
    this.groups = new Directory('group', context.groups);
    this.communities = new Directory('community', context.communities);
    this.kinds = new Spellings(context.tieKinds);
  }

  /** Reads every table, residents and groups before the events that name them. */
  read(tables: Table[]): Plan {
    const ordered = [...tables].sort(
      (a, b) => SHEET_NAMES.indexOf(a.sheet) - SHEET_NAMES.indexOf(b.sheet),
    );
    for (const table of ordered) {
      const columns = columnIndex(table, this.issues);
      const { name, sheet } = { name: table.file, sheet: table.sheet };
      this.plan.files.push({
        name,
        sheet,
        rows: table.rows.length,
        aliases: columns?.aliases ?? [],
      });
      if (!columns) continue;
      this.consentless = [];
      for (const { row, cells } of table.rows) {
        const reader = new RowReader(table, row, cells, columns.index, this.issues);
        if (!reader.isEmpty) this.readRow(reader);
      }
      if (this.consentless.length > 0) this.warnConsent(table.file, columns.index, table.header);
    }
    return this.plan;
  }

  /** One warning per sheet, with its count, for the residents whose consent is empty. */
  private warnConsent(file: string, index: Map<string, number>, header: string[]): void {
    const column = index.has('consent') ? header[index.get('consent')!] : 'consent';
    this.issues.warning(file, null, column, emptyConsent(this.consentless));
  }

  private readRow(r: RowReader): void {
    if (r.sheet === 'residents') return this.resident(r);
    if (r.sheet === 'groups') return this.group(r);
    if (r.sheet === 'ties') return tieRow(this, r);
    if (r.sheet === 'leaving') return leavingRow(this, r);
    if (r.sheet === 'participation') return participationRow(this, r);
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
    const consent = r.text('consent')?.toLowerCase();
    const value = {
      ...who,
      communityId: this.communityOf(r),
      participant: r.yesNo('participant'),
      consent,
      joinedAt: r.when('joinedAt', this.context.timeZone, this.context.order),
    };
    const origin = r.origin({ communityId: 'community' });
    const resident = r.failed ? null : this.parse(r, ResidentInput, value, origin);
    if (!resident) return this.residents.addFailed(who.id, who.name, r.where);
    if (consent === undefined) this.consentless.push(r.row);
    this.plan.residents.push(resident);
    this.plan.origins.residents.push(origin);
    if (resident.consent !== 'withdrawn') this.residents.add(resident);
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
    const group = r.failed ? null : this.parse(r, GroupInput, value, origin);
    if (!group) return this.groups.addFailed(which.id, which.name, r.where);
    this.plan.groups.push(group);
    this.plan.origins.groups.push(origin);
    this.groups.add(group);
  }

  when(r: RowReader, column: string): string | undefined {
    return r.when(column, this.context.timeZone, this.context.order);
  }

  /** Validates an event made from a row, derives its id, and refuses a repeated row. */
  addEvent<S extends z.ZodType>(
    r: RowReader,
    schema: S,
    value: Record<string, unknown>,
    origin: Origin,
    repeatColumn: string,
  ): EventInput | null {
    if (r.failed) return null;
    const parsed = this.parse(r, schema, { id: 'pending', ...value }, origin) as EventInput | null;
    if (!parsed) return null;
    const event = { ...parsed, id: importedEventId(this.context.projectId, r.sheet, parsed) };
    if (!this.firstTime(r, `event:${event.id}`, repeatColumn, 'the same values')) return null;
    this.plan.events.push(event);
    this.plan.origins.events.push(origin);
    return event;
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

  /** A measure names one of the project's instruments, in its range (the store keeps its id). */
  private measure(r: RowReader): void {
    const instrument = r.text('instrument');
    const score = r.number('score');
    const problem =
      instrument !== undefined && measureProblem(this.context.instruments, instrument, score ?? 0);
    if (problem) r.error(problem.field, problem.message);
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
