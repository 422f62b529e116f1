// Projects (tenants) and their communities.
import type { CommunityInput, ProjectInput, ProjectPatch } from '../domain.ts';
import { conflict, itemPath, notFound } from '../errors.ts';
import { DEFAULT_PRIMARY_INSTRUMENT } from '../instruments.ts';
import { TEMPLATES, type GroupKind, type TemplateId } from '../templates.ts';
import { writeInstruments } from './instrument-write.ts';
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

/** A project as its routes show it: what it started from and what its workshops print. */
export interface ProjectDetails extends Project {
  /** The template the project started from, if any. */
  template: TemplateId | null;
  /** What a coordinator reads out for consent (the template's, unless the project says). */
  consentText: string | null;
  /** The kinds of community group in words, for the workshop sheets (the template's). */
  groupKinds: GroupKind[];
  /** The measurement waves the programme plans, in order (the template's). */
  waves: string[];
  /** The report's headline instrument (DEFAULT_PRIMARY_INSTRUMENT unless the project set one). */
  primaryInstrument: string;
}

/** A project as Cypher returns it: its group kinds as JSON text. */
type ProjectRow = Omit<ProjectDetails, 'groupKinds' | 'waves' | 'primaryInstrument'> & {
  groupKindsJson: string | null;
  wavesJson: string | null;
  primaryInstrument: string | null;
};

const toProject = ({
  id,
  name,
  timeZone,
  template,
  consentText,
  groupKindsJson,
  wavesJson,
  primaryInstrument,
}: ProjectRow): ProjectDetails => ({
  id,
  name,
  timeZone,
  template: template ?? null,
  consentText: consentText ?? null,
  groupKinds: groupKindsJson ? (JSON.parse(groupKindsJson) as GroupKind[]) : [],
  waves: wavesJson ? (JSON.parse(wavesJson) as string[]) : [],
  primaryInstrument: primaryInstrument ?? DEFAULT_PRIMARY_INSTRUMENT,
});

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

  /** Creates a project, and what its template brings, in one transaction (409 if the id exists). */
  async create(project: ProjectInput): Promise<ProjectDetails> {
    const template = project.template ? TEMPLATES[project.template] : null;
    const stored: ProjectDetails = {
      id: project.id,
      name: project.name,
      timeZone: project.timeZone ?? 'UTC',
      template: project.template ?? null,
      consentText: project.consentText ?? template?.consentText ?? null,
      groupKinds: template?.groupKinds ?? [],
      waves: template?.waves ?? [],
      primaryInstrument: DEFAULT_PRIMARY_INSTRUMENT,
    };
    // a concurrent create can pass the existence check and lose at the uniqueness constraint
    const created = await this.db
      .write(async (tx) => {
        const result = await tx.run(cypher('project-create'), {
          ...stored,
          groupKindsJson: stored.groupKinds.length > 0 ? JSON.stringify(stored.groupKinds) : null,
          wavesJson: stored.waves.length > 0 ? JSON.stringify(stored.waves) : null,
          createdAtMs: Date.now(),
        });
        if (result.records.length === 0) return false;
        if (template) await writeInstruments(tx, project.id, template.instruments);
        return true;
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

  list(): Promise<ProjectDetails[]> {
    return this.db.read(async (tx) =>
      rows<ProjectRow>((await tx.run(cypher('project-list'))).records).map(toProject),
    );
  }

  async get(projectId: string): Promise<ProjectDetails> {
    return toProject(
      (await this.db.read((tx) => requireProject(tx, projectId))) as unknown as ProjectRow,
    );
  }

  /** Changes what `patch` names; the primary instrument is checked by its route. */
  async update(
    projectId: string,
    patch: ProjectPatch & { primaryInstrument?: string },
  ): Promise<ProjectDetails> {
    await this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      await tx.run(cypher('project-update'), {
        id: projectId,
        set: {
          name: patch.name ?? null,
          timeZone: patch.timeZone ?? null,
          consentText: patch.consentText ?? null,
          primaryInstrument: patch.primaryInstrument ?? null,
        },
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
