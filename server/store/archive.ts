// A project read whole for its archive, as one document or as lines, in one read transaction
// (restore.ts rebuilds one).
import type { ManagedTransaction } from 'neo4j-driver';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type Archive, type ArchiveBody } from '../archive.ts';
import { LINES_FORMAT, LINES_VERSION, type LineKind } from '../archive-lines.ts';
import { storedEvent } from './events.ts';
import { cypher, plain, rows, type Database } from './neo4j.ts';
import { requireProject, type ProjectStore } from './projects.ts';
import type { ArchiveDirectory } from './restore.ts';
import type { Tombstones } from './tombstones.ts';

/**
 * The archive is one snapshot, so one read transaction, which for 250k events took a minute on a
 * loaded 2-core machine (past the 60 s write limit); a read holds no locks, so it may run long.
 */
export const ARCHIVE_READ_TIMEOUT_MS = 15 * 60_000;

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
      const d = await this.directory(tx, project);
      const events = (
        await list<{ event: Record<string, unknown> }>(tx, 'archive-events', projectId)
      ).map((r) => storedEvent(r.event));
      return {
        ...d,
        events,
        releases: await releases(tx, projectId),
        keys: await keys(tx, projectId),
      };
    }, ARCHIVE_READ_TIMEOUT_MS);
  }

  /**
   * The same, as the items of each list in archive-lines.ts's order, from one transaction; the
   * events are passed on as Neo4j streams them (`emit` waits while the client is slow to read).
   */
  async lines(projectId: string, emit: (line: unknown) => Promise<void>): Promise<void> {
    const project = await this.projects.get(projectId);
    await this.db.read(async (tx) => {
      const d = await this.directory(tx, project);
      await emit({
        format: LINES_FORMAT,
        version: LINES_VERSION,
        createdAt: d.createdAt,
        project: d.project,
        tombstoneKey: d.tombstoneKey,
        events: (await list<{ events: number }>(tx, 'count-project', projectId))[0].events,
      });
      const lists: [LineKind, unknown[]][] = [
        ['community', d.communities],
        ['instrument', d.instruments],
        ['group', d.groups],
        ['cost', d.costs],
        ['tombstone', d.tombstones],
        ['resident', d.residents],
        ['key', await keys(tx, projectId)],
      ];
      for (const [kind, items] of lists) for (const item of items) await emit({ [kind]: item });
      for await (const record of tx.run(cypher('archive-events'), { projectId }))
        await emit({ event: storedEvent(plain(record.get('event')) as Record<string, unknown>) });
      for (const release of await releases(tx, projectId)) await emit({ release });
    }, ARCHIVE_READ_TIMEOUT_MS);
  }

  private async directory(tx: ManagedTransaction, project: ArchiveBody['project']) {
    const projectId = project.id;
    await requireProject(tx, projectId);
    const costs = await list<{ atMs: number } & Record<string, unknown>>(
      tx,
      'cost-list',
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
      tombstones: (
        await list<{ hash: string; erasedAtMs: number | null; keyedFor: string | null }>(
          tx,
          'archive-tombstones',
          projectId,
        )
      ).map(({ keyedFor, ...t }) => (keyedFor === null ? t : { ...t, keyedFor })),
      tombstoneKey: this.tombstones.keyCheck(projectId),
    } as ArchiveDirectory;
  }
}

const releases = async (tx: ManagedTransaction, projectId: string) =>
  (await list<{ release: Record<string, unknown> }>(tx, 'archive-releases', projectId)).map(
    (r) => r.release,
  );

/** The names and roles of the keys that could use the project (never their secrets). */
async function keys(tx: ManagedTransaction, projectId: string): Promise<ArchiveBody['keys']> {
  const all = await list<{ id: string; name: string | null; role: string } & KeyScope>(
    tx,
    'key-list',
    projectId,
  );
  return all
    .filter((k) => k.allProjects || (k.projects ?? []).includes(projectId))
    .map(({ id, name, role }) => ({ id, name: name ?? null, role }));
}

interface KeyScope {
  projects: string[] | null;
  allProjects: boolean | null;
}
