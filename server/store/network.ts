// Reads the network: at a moment from the Neo4j projection (TIE segments holding then, no replay),
// and what the time rule replays (residents with their effective joinedAt, tie and membership
// events in replay order) for metrics, timeline, report and /history. Every read takes `hidden`,
// resident ids left out of it (with every tie, membership and measure naming them).
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { ResidentRecord, TieEvent } from '../metrics/network.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher, rows, type Database } from './neo4j.ts';
import { requireProject, type Project, type VersionedProject } from './projects.ts';
import { toResident, type Resident, type ResidentRow } from './residents.ts';
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

async function readGroupLayer(
  tx: ManagedTransaction,
  projectId: string,
  hidden: string[],
): Promise<GroupLayerInput> {
  const groups = rows<Group>((await tx.run(cypher('group-list'), { projectId })).records);
  const memberships = rows<MembershipEvent>(
    (await tx.run(cypher('event-memberships'), { projectId, hidden })).records,
  );
  return { groups, memberships };
}

export const toRecord = (r: Resident): ResidentRecord => ({
  id: r.id,
  name: r.name,
  communityId: r.communityId,
  participant: r.participant,
  joinedAtMs: Date.parse(r.joinedAt),
});

async function readReplayInput(
  tx: ManagedTransaction,
  project: VersionedProject,
  hidden: string[],
): Promise<ReplayInput> {
  const projectId = project.id;
  const left = new Set(hidden);
  const residents = rows<ResidentRow>(
    (await tx.run(cypher('resident-list'), { projectId })).records,
  )
    .filter((r) => !left.has(r.id))
    .map(toResident);
  const tieRows = rows<Omit<TieEvent, 'seq'>>(
    (await tx.run(cypher('event-ties'), { projectId, hidden })).records,
  );
  const span = rows<ReplayInput['span']>(
    (await tx.run(cypher('event-span'), { projectId })).records,
  )[0];
  return {
    project: { id: project.id, name: project.name, timeZone: project.timeZone },
    residents,
    records: residents.map(toRecord),
    ties: tieRows.map((t, seq) => ({
      ...t,
      strength: t.strength ?? undefined,
      kind: t.kind ?? undefined,
      seq,
    })),
    span,
  };
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

/** Whole-history replay inputs of recently read projects, valid while the project's version holds. */
const CACHED_PROJECTS = 8;

export class NetworkStore {
  private readonly cache = new Map<string, { version: number; input: ReplayInput }>();

  constructor(private readonly db: Database) {}

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
      await requireProject(tx, projectId);
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
        (await tx.run(cypher('tie-holding-at'), { projectId, atMs, hidden })).records,
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
  replayInput(
    projectId: string,
    untilMs = Number.MAX_SAFE_INTEGER,
    options: ReadOptions = {},
  ): Promise<ReplayInput> {
    return this.db.read(async (tx) => {
      const input = await this.wholeHistory(tx, projectId, hiddenOf(options));
      return { ...input, ties: tiesUntil(input.ties, untilMs) };
    });
  }

  /** Groups and every membership and departure event in replay order (report outcomes). */
  groupLayer(projectId: string, options: ReadOptions = {}): Promise<GroupLayerInput> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return readGroupLayer(tx, projectId, hiddenOf(options));
    });
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
  history(projectId: string, options: ReadOptions = {}): Promise<HistoryInput> {
    const hidden = hiddenOf(options);
    return this.db.read(async (tx) => {
      const base = await this.wholeHistory(tx, projectId, hidden);
      const communities = rows<{ id: string; name: string }>(
        (await tx.run(cypher('community-list'), { projectId })).records,
      );
      return { ...base, communities, ...(await readGroupLayer(tx, projectId, hidden)) };
    });
  }

  /**
   * Reads the project's version (one indexed lookup) and reuses the replay input read at that
   * version for the same hidden residents; every write bumps it, so a cached input is never
   * stale, on any API replica.
   */
  private async wholeHistory(
    tx: ManagedTransaction,
    projectId: string,
    hidden: string[],
  ): Promise<ReplayInput> {
    const project = await requireProject(tx, projectId);
    const key = JSON.stringify([projectId, hidden]);
    const cached = this.cache.get(key);
    if (cached && cached.version === project.version) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached.input;
    }
    const input = await readReplayInput(tx, project, hidden);
    this.cache.set(key, { version: project.version, input });
    while (this.cache.size > CACHED_PROJECTS) this.cache.delete(this.cache.keys().next().value!);
    return input;
  }
}
