// A project read whole for its archive, and rebuilt from one in ONE transaction: the project, its
// communities, instruments, groups, costs and residents, then every event through the API's own
// checks (one batch, in the archive's replay order), then withdrawals, tombstones and releases.
// A dry run does all of it and rolls back, so it finds every problem the real run would.
import type { ManagedTransaction } from 'neo4j-driver';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type Archive } from '../archive.ts';
import { badRequest, conflict, itemPath } from '../errors.ts';
import { appendEvents, storedEvent } from './events.ts';
import { insertGroups } from './groups.ts';
import { writeInstruments } from './instrument-write.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject, requireProject, type ProjectStore } from './projects.ts';
import type { Tombstones } from './tombstones.ts';

export type ArchiveBody = Omit<Archive, 'checksum'>;

export interface Restored {
  dryRun: boolean;
  communities: number;
  groups: number;
  residents: number;
  events: number;
  tombstones: number;
  releases: number;
}

/** Thrown at the end of a dry run to roll its writes back. */
class DryRun extends Error {
  constructor(readonly counts: Restored) {
    super('dry run');
  }
}

const list = async <T>(tx: ManagedTransaction, name: string, projectId: string) =>
  rows<T>((await tx.run(cypher(name), { projectId })).records);

export class ArchiveStore {
  constructor(
    private readonly db: Database,
    private readonly projects: ProjectStore,
    private readonly tombstones: Tombstones,
  ) {}

  /** Everything of the project, read in one transaction (404 when there is no such project). */
  async read(projectId: string): Promise<ArchiveBody> {
    const project = await this.projects.get(projectId);
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      const costs = await list<{ atMs: number } & Record<string, unknown>>(
        tx,
        'cost-list',
        projectId,
      );
      const keys = await list<{ id: string; name: string | null; role: string } & KeyScope>(
        tx,
        'key-list',
        projectId,
      );
      return {
        format: ARCHIVE_FORMAT,
        version: ARCHIVE_VERSION,
        createdAt: new Date().toISOString(),
        project,
        communities: await list(tx, 'community-list', projectId),
        groups: await list(tx, 'group-list', projectId),
        residents: await list(tx, 'archive-residents', projectId),
        instruments: (
          await list<Archive['instruments'][number]>(tx, 'instrument-list', projectId)
        ).map((i) => ({ ...i, description: i.description ?? undefined })),
        costs: costs.map(({ atMs, communityId: _community, ...cost }) => ({
          ...(cost as Omit<Archive['costs'][number], 'at'>),
          at: new Date(atMs).toISOString(),
        })),
        events: (
          await list<{ event: Record<string, unknown> }>(tx, 'archive-events', projectId)
        ).map((r) => storedEvent(r.event)),
        tombstones: await list(tx, 'archive-tombstones', projectId),
        tombstoneKey: this.tombstones.keyCheck(projectId),
        releases: (
          await list<{ release: Record<string, unknown> }>(tx, 'archive-releases', projectId)
        ).map((r) => r.release),
        keys: keys
          .filter((k) => k.allProjects || (k.projects ?? []).includes(projectId))
          .map(({ id, name, role }) => ({ id, name: name ?? null, role })),
      } as ArchiveBody;
    });
  }

  /** Rebuilds the project all or nothing: 409 when it exists, 400 naming what cannot be written. */
  async restore(archive: ArchiveBody, dryRun: boolean): Promise<Restored> {
    const projectId = archive.project.id;
    if (archive.tombstoneKey !== this.tombstones.keyCheck(projectId))
      throw badRequest(
        'this archive’s erasure tombstones were keyed with another PEOPLEMAP_HASH_SECRET; restore it on an instance with that secret, or erased residents could come back',
        [{ path: 'tombstoneKey', message: 'keyed with another hash secret' }],
      );
    try {
      return await this.db.write(async (tx) => {
        const counts = await this.write(tx, archive);
        if (dryRun) throw new DryRun({ ...counts, dryRun: true });
        return counts;
      });
    } catch (error) {
      if (error instanceof DryRun) return error.counts;
      throw error;
    }
  }

  private async write(tx: ManagedTransaction, a: ArchiveBody): Promise<Restored> {
    const projectId = a.project.id;
    const created = await tx.run(cypher('project-create'), {
      ...a.project,
      groupKindsJson: a.project.groupKinds.length ? JSON.stringify(a.project.groupKinds) : null,
      wavesJson: a.project.waves.length ? JSON.stringify(a.project.waves) : null,
      createdAtMs: Date.now(),
    });
    if (created.records.length === 0)
      throw conflict(`project "${projectId}" exists on this instance; nothing was written`, [
        { path: 'project.id', message: 'exists' },
      ]);
    const { version } = await lockProject(tx, projectId);
    await tx.run(cypher('community-create'), { projectId, version, communities: a.communities });
    if (a.instruments.length) await writeInstruments(tx, projectId, a.instruments);
    if (a.groups.length)
      await insertGroups(
        tx,
        projectId,
        a.groups.map((g) => ({ ...g, communityId: g.communityId ?? undefined })),
        'groups',
        version,
      );
    if (a.costs.length)
      await tx.run(cypher('cost-create'), {
        projectId,
        costs: a.costs.map((c) => ({ ...c, atMs: Date.parse(c.at) })),
      });
    // tombstones first: a resident or event naming an erased id is refused as on any write
    for (const t of a.tombstones) await tx.run(cypher('tombstone-create'), { projectId, ...t });
    await this.tombstones.refuse(
      tx,
      projectId,
      a.residents.map((r, i) => ({ path: itemPath('residents', i, 'id'), id: r.id })),
    );
    // withdrawn after their events are written: events naming a withdrawn resident are refused
    const withdrawn = a.residents.filter((r) => r.consent === 'withdrawn').map((r) => r.id);
    await tx.run(cypher('restore-residents'), {
      projectId,
      version,
      residents: a.residents.map((r) =>
        r.consent === 'withdrawn' ? { ...r, consent: 'given' } : r,
      ),
    });
    const events = a.events.length
      ? (await appendEvents(tx, projectId, a.events, 'events', version, this.tombstones)).created
      : 0;
    if (events !== a.events.length)
      throw badRequest('the archive repeats an event id; nothing was written', [
        { path: 'events', message: `${a.events.length - events} repeated ids` },
      ]);
    if (withdrawn.length) await tx.run(cypher('restore-withdraw'), { projectId, ids: withdrawn });
    for (const release of a.releases)
      await tx.run(cypher('release-create'), { release: { ...release, projectId } });
    return {
      dryRun: false,
      communities: a.communities.length,
      groups: a.groups.length,
      residents: a.residents.length,
      events,
      tombstones: a.tombstones.length,
      releases: a.releases.length,
    };
  }
}

interface KeyScope {
  projects: string[] | null;
  allProjects: boolean | null;
}
