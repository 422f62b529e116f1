// Residents: create (one or many, all-or-nothing), read, update, and erasure.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Consent, ResidentInput, ResidentPatch } from '../domain.ts';
import type { Move } from '../metrics/moment.ts';
import type { Spell } from '../metrics/spells.ts';
import { badRequest, itemPath, notFound } from '../errors.ts';
import { Kept, effectOf, rereadsAll } from './kept.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import {
  advanceLastChange,
  latest,
  lockProject,
  requireProject,
  type VersionedProject,
} from './projects.ts';
import { checkNewRecords, existing, unknownReferences } from './references.ts';
import type { Tombstones } from './tombstones.ts';

export interface Resident {
  id: string;
  name: string | null;
  communityId: string | null;
  participant: boolean;
  joinedAt: string;
  consent: Consent;
  attributes: Record<string, string | number | boolean | null>;
  /** Their leave and return events, in replay order (presence: moment.ts). */
  moves: readonly Move[];
  /** Their participation events as spells (with the flag: moment.ts, participationSpells). */
  participations: readonly Spell[];
}

/** What a resident's node holds of their leave, return and participation events. */
export interface StatusRow {
  movesAtMs?: number[] | null;
  movesLeave?: boolean[] | null;
  participationFromMs?: number[] | null;
  participationUntilMs?: number[] | null;
  participationOpenFromMs?: number | null;
}

/** The moves and participations of a node's status (cypher/resident-status-refresh.cypher). */
export function statusOf(
  status: StatusRow | null | undefined,
): Pick<Resident, 'moves' | 'participations'> {
  const moves = (status?.movesAtMs ?? []).map((atMs, i) => ({
    atMs,
    leaves: status?.movesLeave?.[i] === true,
  }));
  const until = status?.participationUntilMs ?? [];
  const participations: Spell[] = (status?.participationFromMs ?? []).map((fromMs, i) => ({
    fromMs,
    toMs: until[i],
  }));
  const open = status?.participationOpenFromMs;
  if (open !== null && open !== undefined) participations.push({ fromMs: open, toMs: null });
  return { moves, participations };
}

export interface ResidentRow {
  id: string;
  name: string;
  communityId: string | null;
  participant: boolean;
  consent: Resident['consent'] | 'unknown';
  attributesJson: string | null;
  joinedAtMs: number;
  status: StatusRow | null;
}

export const toResident = (row: ResidentRow): Resident => ({
  id: row.id,
  name: row.name,
  communityId: row.communityId ?? null,
  participant: row.participant === true,
  joinedAt: new Date(row.joinedAtMs).toISOString(),
  // Before consent had three states, "not known yet" was stored as 'unknown': that is pending.
  consent: row.consent === 'given' || row.consent === 'withdrawn' ? row.consent : 'pending',
  attributes: row.attributesJson ? JSON.parse(row.attributesJson) : {},
  ...statusOf(row.status),
});

const ms = (iso: string | undefined | null) => (iso ? Date.parse(iso) : null);

/**
 * Checks and creates residents inside a write the caller opened (and locked with lockProject), so
 * an import can create residents, groups and events in one transaction.
 */
export async function insertResidents(
  tx: ManagedTransaction,
  projectId: string,
  residents: ResidentInput[],
  path: string | null,
  tombstones: Tombstones,
  /** The write's project version (from lockProject): kept resident lists re-read from it. */
  version: number,
): Promise<number> {
  await tombstones.refuse(
    tx,
    projectId,
    residents.map((r, i) => ({ path: itemPath(path, i, 'id'), id: r.id })),
  );
  await checkNewRecords(tx, projectId, 'resident', residents, path);
  const rowsIn = residents.map((r) => ({
    id: r.id,
    name: r.name,
    communityId: r.communityId ?? null,
    participant: r.participant,
    joinedAtMs: ms(r.joinedAt),
    consent: r.consent,
    attributesJson: JSON.stringify(r.attributes ?? {}),
  }));
  await tx.run(cypher('resident-create'), {
    projectId,
    createdAtMs: Date.now(),
    version,
    residents: rowsIn,
  });
  await advanceLastChange(tx, projectId, latest(rowsIn.map((r) => r.joinedAtMs)));
  return residents.length;
}

const residentRows = async (tx: ManagedTransaction, name: string, params: object) =>
  rows<ResidentRow>((await tx.run(cypher(name), params)).records).map(toResident);

/**
 * Resident lists kept between reads (kept.ts): a write's new and updated residents carry its
 * version, and events since may move the first event of those they name; those are read again
 * and merged by id. A retraction since (it may move anyone's first event) makes the read whole.
 */
const keptLists = () =>
  new Kept<readonly Resident[]>(
    {
      whole: (tx, projectId) => residentRows(tx, 'resident-list', { projectId }),
      extend: async (tx, kept, { projectId, after, tail }) => {
        const events = await tail();
        if (rereadsAll(events)) return null;
        const named = new Set<string>();
        for (const e of events)
          for (const field of effectOf(e).names) if (e[field]) named.add(e[field]);
        const changed = await residentRows(tx, 'resident-changed', {
          projectId,
          after,
          named: [...named],
        });
        if (changed.length === 0) return kept;
        const byId = new Map(kept.map((r) => [r.id, r]));
        for (const r of changed) byId.set(r.id, r);
        return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      },
    },
    16,
  );

export class ResidentStore {
  private readonly lists = keptLists();

  constructor(
    private readonly db: Database,
    private readonly tombstones: Tombstones,
  ) {}

  async create(
    projectId: string,
    residents: ResidentInput[],
    path: string | null = 'residents',
  ): Promise<number> {
    return this.db.write(async (tx) => {
      const { version } = await lockProject(tx, projectId);
      return insertResidents(tx, projectId, residents, path, this.tombstones, version);
    });
  }

  /**
   * Every resident of a project. The list read at a version is kept and handed out again (the
   * same array) while the version holds: every write bumps it, on any replica. A caller that has
   * just read the project (`known`) gets the list kept at that version without another read.
   */
  async list(projectId: string, known?: VersionedProject): Promise<readonly Resident[]> {
    const kept = known && this.lists.at(projectId, [], known.version);
    if (kept) return kept;
    return this.db.read(async (tx) => this.lists.read(tx, await requireProject(tx, projectId), []));
  }

  get(projectId: string, id: string): Promise<Resident> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      const found = rows<ResidentRow>(
        (await tx.run(cypher('resident-get'), { projectId, id })).records,
      );
      if (found.length === 0) throw notFound(`resident "${id}"`);
      return toResident(found[0]);
    });
  }

  /**
   * Applies a patch. A withdrawn resident is a 404 unless `seesWithdrawn` (an admin): no one else
   * may read, change or re-consent them. Required, so no caller gets the admin's view by default.
   */
  async update(
    projectId: string,
    id: string,
    patch: ResidentPatch,
    access: { seesWithdrawn: boolean },
  ): Promise<Resident> {
    await this.db.write(async (tx) => {
      const { version } = await lockProject(tx, projectId);
      if (patch.communityId) {
        const ref = [{ path: 'communityId', id: patch.communityId }];
        const unknown = unknownReferences(
          'community',
          ref,
          await existing(tx, projectId, 'community', ref),
        );
        if (unknown.length > 0) throw badRequest('unknown community; nothing was written', unknown);
      }
      const set: Record<string, unknown> = { changedIn: version };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.communityId !== undefined) set.communityId = patch.communityId;
      if (patch.participant !== undefined) set.participant = patch.participant;
      if (patch.joinedAt !== undefined) set.joinedAtMs = ms(patch.joinedAt);
      if (patch.joinedAt) await advanceLastChange(tx, projectId, Date.parse(patch.joinedAt));
      if (patch.consent !== undefined) set.consent = patch.consent;
      if (patch.attributes !== undefined) set.attributesJson = JSON.stringify(patch.attributes);
      const updated = await tx.run(cypher('resident-update'), {
        projectId,
        id,
        set,
        seesWithdrawn: access.seesWithdrawn,
      });
      if (updated.records.length === 0) throw notFound(`resident "${id}"`);
    });
    return this.get(projectId, id);
  }

  /**
   * Erasure: the person and every event naming them are removed, and a tombstone keeps the id
   * from coming back, in one transaction; the project's version bump drops it from read caches.
   */
  async erase(projectId: string, id: string): Promise<void> {
    await this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      const result = rows<{ others: string[] }>(
        (await tx.run(cypher('resident-erase'), { projectId, id })).records,
      );
      if (result.length === 0) throw notFound(`resident "${id}"`);
      await tx.run(cypher('project-history-rewritten'), { projectId });
      await this.tombstones.lay(tx, projectId, id);
      if (result[0].others.length > 0) {
        await tx.run(cypher('event-first-refresh'), { projectId, ids: result[0].others });
      }
    });
  }
}
