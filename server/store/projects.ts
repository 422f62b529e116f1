// Projects (tenants) and their communities.
import type { CommunityInput, ProjectInput, ProjectPatch } from '../domain.ts';
import { conflict, itemPath, notFound } from '../errors.ts';
import { FreshRead } from './fresh-read.ts';
import { existing, takenOrRepeated } from './references.ts';
import { cypher, isConstraintViolation, rows, type Database } from './neo4j.ts';
import type { ManagedTransaction } from 'neo4j-driver';

export interface Project {
  id: string;
  name: string;
  /** IANA zone in which date-only values are read. */
  timeZone: string;
}

export interface VersionedProject extends Project {
  /** Bumped by every write to the project: read caches key on it. */
  version: number;
  /**
   * No event or stated joinedAt is later than this (null: not known, for projects made before it
   * was kept): after it the network is the same at every moment. Read with requireProject only.
   */
  lastChangeMs?: number | null;
  /** The version of the last write that changed events already logged (erasure); 0: none. */
  historyRewrittenAt?: number;
}

/** Whether the project's network at `atMs` is its network after its last change (the same from then on). */
export const afterLastChange = (project: VersionedProject, atMs: number): boolean =>
  project.lastChangeMs !== null &&
  project.lastChangeMs !== undefined &&
  atMs >= project.lastChangeMs;

/** The latest of some instants (nulls skipped; -Infinity for none), without spreading a long list. */
export function latest(instants: readonly (number | null)[]): number {
  let max = -Infinity;
  for (const ms of instants) if (ms !== null && ms > max) max = ms;
  return max;
}

/** Inside a write: `ms` is an instant at which the project's network changes. */
export async function advanceLastChange(
  tx: ManagedTransaction,
  projectId: string,
  ms: number,
): Promise<void> {
  if (Number.isFinite(ms)) await tx.run(cypher('project-last-change'), { projectId, ms });
}

/** Throws 404 unless the project exists; every project-scoped read starts with it. */
export async function requireProject(
  tx: ManagedTransaction,
  projectId: string,
): Promise<VersionedProject> {
  const found = rows<VersionedProject>(
    (await tx.run(cypher('project-get'), { id: projectId })).records,
  );
  if (found.length === 0) throw notFound(`project "${projectId}"`);
  return found[0];
}

/** Like requireProject, for writes: locks the project for the transaction and bumps its version. */
export async function lockProject(
  tx: ManagedTransaction,
  projectId: string,
): Promise<VersionedProject> {
  const found = rows<VersionedProject>(
    (await tx.run(cypher('project-lock'), { id: projectId })).records,
  );
  if (found.length === 0) throw notFound(`project "${projectId}"`);
  return found[0];
}

export class ProjectStore {
  private readonly versions: FreshRead<VersionedProject>;

  constructor(private readonly db: Database) {
    this.versions = new FreshRead((id) => db.read((tx) => requireProject(tx, id)));
  }

  /**
   * The project with its version, read after the caller arrived (so it holds every write
   * acknowledged before then); callers arriving together share one read. 404 if unknown.
   */
  current(projectId: string): Promise<VersionedProject> {
    return this.versions.get(projectId);
  }

  async create(project: ProjectInput): Promise<Project> {
    const stored: Project = {
      id: project.id,
      name: project.name,
      timeZone: project.timeZone ?? 'UTC',
    };
    // a concurrent create can pass the existence check and lose at the uniqueness constraint
    const created = await this.db
      .write(async (tx) => {
        const result = await tx.run(cypher('project-create'), {
          ...stored,
          createdAtMs: Date.now(),
        });
        return result.records.length > 0;
      })
      .catch((error: unknown) => {
        if (isConstraintViolation(error)) return false;
        throw error;
      });
    if (!created)
      throw conflict(`project "${project.id}" already exists`, [
        { path: 'id', message: 'already exists' },
      ]);
    return stored;
  }

  list(): Promise<Project[]> {
    return this.db.read(async (tx) =>
      rows<Project>((await tx.run(cypher('project-list'))).records),
    );
  }

  async get(projectId: string): Promise<Project> {
    const { id, name, timeZone } = await this.db.read((tx) => requireProject(tx, projectId));
    return { id, name, timeZone };
  }

  async update(projectId: string, patch: ProjectPatch): Promise<Project> {
    await this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      await tx.run(cypher('project-update'), {
        id: projectId,
        set: { name: patch.name ?? null, timeZone: patch.timeZone ?? null },
      });
    });
    return this.get(projectId);
  }

  async createCommunities(
    projectId: string,
    communities: CommunityInput[],
    path: string | null = 'communities',
  ): Promise<CommunityInput[]> {
    return this.db.write(async (tx) => {
      const { version } = await lockProject(tx, projectId);
      const refs = communities.map((c, i) => ({ path: itemPath(path, i, 'id'), id: c.id }));
      const clashes = takenOrRepeated(
        'community',
        refs,
        await existing(tx, projectId, 'community', refs),
      );
      if (clashes.length > 0)
        throw conflict('some communities already exist; nothing was written', clashes);
      await tx.run(cypher('community-create'), { projectId, version, communities });
      return communities;
    });
  }

  listCommunities(projectId: string): Promise<CommunityInput[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<CommunityInput>((await tx.run(cypher('community-list'), { projectId })).records);
    });
  }

  counts(projectId: string): Promise<{ residents: number; groups: number; events: number }> {
    return this.db.read(
      async (tx) =>
        rows<{ residents: number; groups: number; events: number }>(
          (await tx.run(cypher('count-project'), { projectId })).records,
        )[0],
    );
  }
}
