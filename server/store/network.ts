// Reads the network: at a moment from the Neo4j projection (TIE segments holding then, no replay),
// and what the time rule replays (residents with their effective joinedAt, tie and membership
// events in replay order) for metrics, timeline, report and /history. Every read requires `hidden`,
// resident ids left out of it (with every tie, membership and measure naming them): a caller that
// forgets whom to hide does not compile, rather than reading everyone.
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { TieEvent } from '../metrics/network.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { keptHistory, type History } from './kept-history.ts';
import { keptOpenSegments } from './kept-open.ts';
import {
  afterLastChange,
  requireProject,
  type Project,
  type VersionedProject,
} from './projects.ts';
import { statusOf, type Resident, type ResidentStore, type StatusRow } from './residents.ts';
import type { Group } from './groups.ts';
import type { Spell } from '../metrics/spells.ts';
import type { ResidentRecord, TieSegment } from '../metrics/moment.ts';

/** The network at a moment as the projection holds it. */
export interface MomentInput {
  records: readonly ResidentRecord[];
  segments: readonly TieSegment[];
}

export interface ReadOptions {
  /** Resident ids to leave out, with everything naming them; no default (fail closed). */
  hidden: readonly string[];
  /**
   * The project as the caller has just read it: what is kept at its version is answered without
   * reading the project again (a read for a request that arrived then).
   */
  known?: VersionedProject;
}

/**
 * The ids to leave out, sorted, as every read's Cypher takes them. Without a list the read stops
 * (a JavaScript caller, or a cast, gets past the types): reading everyone is never the fallback.
 */
export function hiddenIds(hidden: readonly string[] | undefined): string[] {
  if (!Array.isArray(hidden))
    throw new Error('peoplemap/store: a read must be given the residents to hide (`hidden`)');
  return [...new Set(hidden)].sort();
}

const hiddenOf = (options: ReadOptions) => hiddenIds(options?.hidden);

export interface ReplayInput {
  project: Project;
  residents: readonly Resident[];
  records: readonly ResidentRecord[];
  ties: readonly TieEvent[];
  span: { firstMs: number | null; lastMs: number | null; count: number };
}

export interface GroupLayerInput {
  groups: Group[];
  memberships: readonly MembershipEvent[];
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
  moves: r.moves,
  participations: r.participations,
});

/** A row of projection-residents-at as the time rule reads it. */
const recordOfRow = ({
  status,
  ...row
}: Omit<ResidentRecord, 'moves' | 'participations'> & {
  status: StatusRow | null;
}): ResidentRecord => ({ ...row, ...statusOf(status) });

/** Records of a resident list, made once per list (the store's list is one array per version). */
const records = new WeakMap<readonly Resident[], ResidentRecord[]>();
function recordsOf(residents: readonly Resident[]): ResidentRecord[] {
  let made = records.get(residents);
  if (!made) records.set(residents, (made = residents.map(toRecord)));
  return made;
}

/** The tie events at or before `untilMs` (ties are in time order: a binary search). */
export function tiesUntil(ties: readonly TieEvent[], untilMs: number): readonly TieEvent[] {
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
  private readonly kept = keptHistory();
  private readonly open = keptOpenSegments();

  constructor(
    private readonly db: Database,
    private readonly residentStore: ResidentStore,
  ) {}

  /**
   * The network at `atMs` from the projection: residents joined by then and the TIE segments
   * holding then (index-backed; nothing is replayed), for networkFromSegments. After the project's
   * last change only open segments hold: they are kept between reads and brought forward by the
   * pairs new writes touch, and the residents come from the store's resident list (the network's
   * build leaves out those not joined by `atMs` or not of the community).
   */
  async moment(
    projectId: string,
    atMs: number,
    options: ReadOptions & { communityId?: string },
  ): Promise<MomentInput> {
    const hidden = hiddenOf(options);
    const settled = (p: VersionedProject) => afterLastChange(p, atMs);
    const { known } = options;
    let segments = known && settled(known) ? this.open.at(projectId, hidden, known.version) : null;
    if (!segments) {
      const read = await this.db.read(async (tx) => {
        const project = await requireProject(tx, projectId);
        if (settled(project)) return { segments: await this.open.read(tx, project, hidden) };
        const params = { projectId, atMs, hidden, communityId: options.communityId ?? null };
        return {
          records: rows<Parameters<typeof recordOfRow>[0]>(
            (await tx.run(cypher('projection-residents-at'), params)).records,
          ).map(recordOfRow),
          segments: rows<TieSegment>((await tx.run(cypher('tie-holding-at'), params)).records),
        };
      });
      if (read.records) return { records: read.records, segments: read.segments };
      segments = read.segments;
    }
    return { records: (await this.visible(projectId, hidden, known)).records, segments };
  }

  /** The store's resident list at the project's version without `hidden`, and their records. */
  private async visible(projectId: string, hidden: string[], known?: VersionedProject) {
    const all = await this.residentStore.list(projectId, known);
    const left = new Set(hidden);
    const residents = left.size === 0 ? all : all.filter((r) => !left.has(r.id));
    return { residents, records: recordsOf(residents) };
  }

  /** Groups and the MEMBER_OF spells holding at `atMs`: the bipartite layer at a moment. */
  async groupLayerAt(
    projectId: string,
    atMs: number,
    options: ReadOptions,
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

  /** Residents and every tie event (the caller cuts them at a moment: tiesUntil). */
  async replayInput(projectId: string, options: ReadOptions): Promise<ReplayInput> {
    const { memberships: _, ...input } = await this.wholeHistory(projectId, options);
    return input;
  }

  /** Groups and every membership and departure event in replay order (report outcomes). */
  async groupLayer(projectId: string, options: ReadOptions): Promise<GroupLayerInput> {
    const { memberships } = await this.wholeHistory(projectId, options);
    const groups = await this.db.read(async (tx) =>
      rows<Group>((await tx.run(cypher('group-list'), { projectId })).records),
    );
    return { groups, memberships };
  }

  /** Wellbeing and other measures, in time order. */
  async measures(projectId: string, options: ReadOptions): Promise<MeasureRecord[]> {
    const hidden = hiddenOf(options);
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<MeasureRecord>(
        (await tx.run(cypher('event-measures'), { projectId, hidden })).records,
      );
    });
  }

  /** Everything the map needs to replay a project's whole history. */
  async history(projectId: string, options: ReadOptions): Promise<HistoryInput> {
    const whole = await this.wholeHistory(projectId, options);
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
    options: ReadOptions,
  ): Promise<ReplayInput & { memberships: readonly MembershipEvent[] }> {
    const hidden = hiddenOf(options);
    const { residents, records } = await this.visible(projectId, hidden, options.known);
    const whole = (project: Project, history: History) => ({
      project: { id: project.id, name: project.name, timeZone: project.timeZone },
      residents,
      records,
      ...history,
    });
    const { known } = options;
    const kept = known && this.kept.at(projectId, hidden, known.version);
    if (known && kept) return whole(known, kept);
    return this.db.read(async (tx) => {
      const project = await requireProject(tx, projectId);
      return whole(project, await this.kept.read(tx, project, hidden));
    });
  }
}
