// Reads the network: at a moment from the Neo4j projection (TIE segments holding then, no replay),
// and what the time rule replays (residents with their effective joinedAt, tie and membership
// events in replay order) for metrics, timeline, report and /history. Every read takes `hidden`,
// resident ids left out of it (with every tie, membership and measure naming them).
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { ResidentRecord, TieEvent } from '../metrics/network.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { KeptHistory } from './kept-history.ts';
import { requireProject, type Project } from './projects.ts';
import type { Resident, ResidentStore } from './residents.ts';
import type { Group } from './groups.ts';
import type { TieSegment } from '../metrics/tie-segments.ts';
import type { Spell } from '../metrics/spells.ts';

/** The network at a moment as the projection holds it. */
export interface MomentInput {
  records: ResidentRecord[];
  segments: TieSegment[];
}

export interface ReadOptions {
  /** Resident ids to leave out, with everything naming them (default: none). */
  hidden?: readonly string[];
}

const hiddenOf = (options: ReadOptions) => [...new Set(options.hidden ?? [])].sort();

export interface ReplayInput {
  project: Project;
  residents: Resident[];
  records: ResidentRecord[];
  ties: TieEvent[];
  span: { firstMs: number | null; lastMs: number | null; count: number };
}

export interface GroupLayerInput {
  groups: Group[];
  memberships: MembershipEvent[];
}

export interface HistoryInput extends ReplayInput, GroupLayerInput {
  communities: { id: string; name: string }[];
}

export const toRecord = (r: Resident): ResidentRecord => ({
  id: r.id,
  name: r.name,
  communityId: r.communityId,
  participant: r.participant,
  joinedAtMs: Date.parse(r.joinedAt),
});

/** Records of a resident list, made once per list (the store's list is one array per version). */
const records = new WeakMap<readonly Resident[], ResidentRecord[]>();
function recordsOf(residents: readonly Resident[]): ResidentRecord[] {
  let made = records.get(residents);
  if (!made) records.set(residents, (made = residents.map(toRecord)));
  return made;
}

/** The tie events at or before `untilMs` (ties are in time order: a binary search). */
export function tiesUntil(ties: TieEvent[], untilMs: number): TieEvent[] {
  let low = 0;
  let high = ties.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ties[mid].atMs <= untilMs) low = mid + 1;
    else high = mid;
  }
  return low === ties.length ? ties : ties.slice(0, low);
}

export class NetworkStore {
  private readonly kept = new KeptHistory();

  constructor(
    private readonly db: Database,
    private readonly residentStore: ResidentStore,
  ) {}

  /**
   * The network at `atMs` from the projection: residents joined by then and the TIE segments
   * holding then (index-backed; nothing is replayed), for networkFromSegments.
   */
  moment(
    projectId: string,
    atMs: number,
    options: ReadOptions & { communityId?: string } = {},
  ): Promise<MomentInput> {
    const hidden = hiddenOf(options);
    return this.db.read(async (tx) => {
      const { lastChangeMs } = await requireProject(tx, projectId);
      // after the last change only open segments hold: sought by the tie_open index, not by
      // scanning every segment that started by then
      const settled = lastChangeMs !== null && lastChangeMs !== undefined && atMs >= lastChangeMs;
      const records = rows<ResidentRecord>(
        (
          await tx.run(cypher('projection-residents-at'), {
            projectId,
            atMs,
            communityId: options.communityId ?? null,
            hidden,
          })
        ).records,
      );
      const segments = rows<TieSegment>(
        (
          await tx.run(cypher(settled ? 'tie-open' : 'tie-holding-at'), {
            projectId,
            atMs,
            hidden,
          })
        ).records,
      );
      return { records, segments };
    });
  }

  /** Groups and the MEMBER_OF spells holding at `atMs`: the bipartite layer at a moment. */
  groupLayerAt(
    projectId: string,
    atMs: number,
    options: ReadOptions = {},
  ): Promise<{
    groups: Group[];
    memberships: { resident: string; group: string; spells: Spell[] }[];
  }> {
    const hidden = hiddenOf(options);
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      const groups = rows<Group>((await tx.run(cypher('group-list'), { projectId })).records);
      const holding = rows<{
        resident: string;
        group: string;
        since: number;
        until: number | null;
      }>((await tx.run(cypher('membership-holding-at'), { projectId, atMs, hidden })).records);
      const memberships = holding.map((m) => ({
        resident: m.resident,
        group: m.group,
        spells: [{ fromMs: m.since, toMs: m.until }],
      }));
      return { groups, memberships };
    });
  }

  /** Residents and tie events up to `untilMs` (all of them when omitted). */
  async replayInput(
    projectId: string,
    untilMs = Number.MAX_SAFE_INTEGER,
    options: ReadOptions = {},
  ): Promise<ReplayInput> {
    const { memberships: _, ...input } = await this.wholeHistory(projectId, hiddenOf(options));
    return { ...input, ties: tiesUntil(input.ties, untilMs) };
  }

  /** Groups and every membership and departure event in replay order (report outcomes). */
  async groupLayer(projectId: string, options: ReadOptions = {}): Promise<GroupLayerInput> {
    const { memberships } = await this.wholeHistory(projectId, hiddenOf(options));
    const groups = await this.db.read(async (tx) =>
      rows<Group>((await tx.run(cypher('group-list'), { projectId })).records),
    );
    return { groups, memberships };
  }

  /** Wellbeing and other measures, in time order. */
  measures(projectId: string, options: ReadOptions = {}): Promise<MeasureRecord[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<MeasureRecord>(
        (await tx.run(cypher('event-measures'), { projectId, hidden: hiddenOf(options) })).records,
      );
    });
  }

  /** Everything the map needs to replay a project's whole history. */
  async history(projectId: string, options: ReadOptions = {}): Promise<HistoryInput> {
    const whole = await this.wholeHistory(projectId, hiddenOf(options));
    return this.db.read(async (tx) => ({
      ...whole,
      communities: rows<{ id: string; name: string }>(
        (await tx.run(cypher('community-list'), { projectId })).records,
      ),
      groups: rows<Group>((await tx.run(cypher('group-list'), { projectId })).records),
    }));
  }

  /**
   * Residents (the store's list at this version) and the kept history, brought up to the
   * project's version from the batches written since it was last read.
   */
  private async wholeHistory(
    projectId: string,
    hidden: string[],
  ): Promise<ReplayInput & { memberships: MembershipEvent[] }> {
    const left = new Set(hidden);
    const all = await this.residentStore.list(projectId);
    const residents = left.size === 0 ? all : all.filter((r) => !left.has(r.id));
    return this.db.read(async (tx) => {
      const project = await requireProject(tx, projectId);
      const { ties, memberships, span } = await this.kept.read(tx, project, hidden);
      return {
        project: { id: project.id, name: project.name, timeZone: project.timeZone },
        residents,
        records: recordsOf(residents),
        ties,
        memberships,
        span,
      };
    });
  }
}
