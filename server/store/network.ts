// Reads what the time rule replays: residents with their effective joinedAt, and the tie and
// membership events in replay order (time, then receipt).
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { ResidentRecord, TieEvent } from '../metrics/network.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import { cypher, rows, type Database } from './neo4j.ts';
import { requireProject, type Project, type VersionedProject } from './projects.ts';
import { toResident, type Resident, type ResidentRow } from './residents.ts';
import type { Group } from './groups.ts';

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

async function readGroupLayer(tx: ManagedTransaction, projectId: string): Promise<GroupLayerInput> {
  const groups = rows<Group>((await tx.run(cypher('group-list'), { projectId })).records);
  const memberships = rows<MembershipEvent>(
    (await tx.run(cypher('event-memberships'), { projectId })).records,
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
): Promise<ReplayInput> {
  const projectId = project.id;
  const residents = rows<ResidentRow>(
    (await tx.run(cypher('resident-list'), { projectId })).records,
  ).map(toResident);
  const tieRows = rows<Omit<TieEvent, 'seq'>>(
    (await tx.run(cypher('event-ties'), { projectId })).records,
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
function tiesUntil(ties: TieEvent[], untilMs: number): TieEvent[] {
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

  /** Residents and tie events up to `untilMs` (all of them when omitted). */
  replayInput(projectId: string, untilMs = Number.MAX_SAFE_INTEGER): Promise<ReplayInput> {
    return this.db.read(async (tx) => {
      const input = await this.wholeHistory(tx, projectId);
      return { ...input, ties: tiesUntil(input.ties, untilMs) };
    });
  }

  /** Wellbeing and other measures, in time order. */
  measures(projectId: string): Promise<MeasureRecord[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<MeasureRecord>((await tx.run(cypher('event-measures'), { projectId })).records);
    });
  }

  /** Groups and membership events: the bipartite layer of the network. */
  groupLayer(projectId: string): Promise<GroupLayerInput> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return readGroupLayer(tx, projectId);
    });
  }

  /** Everything the map needs to replay a project's whole history. */
  history(projectId: string): Promise<HistoryInput> {
    return this.db.read(async (tx) => {
      const base = await this.wholeHistory(tx, projectId);
      const communities = rows<{ id: string; name: string }>(
        (await tx.run(cypher('community-list'), { projectId })).records,
      );
      return { ...base, communities, ...(await readGroupLayer(tx, projectId)) };
    });
  }

  /**
   * Reads the project's version (one indexed lookup) and reuses the replay input read at that
   * version; every write bumps it, so a cached input is never stale, on any API replica.
   */
  private async wholeHistory(tx: ManagedTransaction, projectId: string): Promise<ReplayInput> {
    const project = await requireProject(tx, projectId);
    const cached = this.cache.get(projectId);
    if (cached && cached.version === project.version) {
      this.cache.delete(projectId);
      this.cache.set(projectId, cached);
      return cached.input;
    }
    const input = await readReplayInput(tx, project);
    this.cache.set(projectId, { version: project.version, input });
    while (this.cache.size > CACHED_PROJECTS) this.cache.delete(this.cache.keys().next().value!);
    return input;
  }
}
