// Releases: published once, frozen in Neo4j as the exact JSON every replica serves, never changed.
// Each keeps, beside its body, the counts of the resident cells it published, which the next
// publication's differencing compares against (docs/privacy.md, "Releases").
import { conflict, notFound } from '../errors.ts';
import { requireProject } from './projects.ts';
import { cypher, rows, type Database } from './neo4j.ts';

export interface ReleaseSummary {
  id: string;
  name: string;
  interval: string;
  baselineMs: number;
  followupMs: number;
  publishedAtMs: number;
}

export interface NewRelease extends ReleaseSummary {
  /** The key that published it. */
  publishedBy: string;
  minCount: number;
  /** The body as served. */
  body: string;
  /** The counts of the resident cells it published, as JSON. */
  cells: string;
}

export class ReleaseStore {
  constructor(private readonly db: Database) {}

  list(projectId: string): Promise<ReleaseSummary[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<ReleaseSummary>((await tx.run(cypher('release-list'), { projectId })).records);
    });
  }

  async body(projectId: string, id: string): Promise<string> {
    const found = await this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<{ body: string }>(
        (await tx.run(cypher('release-body'), { projectId, id })).records,
      );
    });
    if (found.length === 0) throw notFound(`release "${id}"`);
    return found[0].body;
  }

  /** Every release's published cells (JSON), and the ids they belong to. */
  async published(projectId: string): Promise<{ ids: string[]; cells: string[] }> {
    const found = await this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<{ id: string; cells: string }>(
        (await tx.run(cypher('release-cells'), { projectId })).records,
      );
    });
    return { ids: found.map((r) => r.id), cells: found.map((r) => r.cells) };
  }

  /**
   * Stores the release unless another was published since `seen` was read: then its differencing
   * did not see that one, and it answers 409.
   */
  async create(projectId: string, release: NewRelease, seen: readonly string[]): Promise<void> {
    await this.db.write(async (tx) => {
      const locked = rows<{ ids: string[] }>(
        (await tx.run(cypher('release-lock'), { projectId, nowMs: Date.now() })).records,
      );
      if (locked.length === 0) throw notFound(`project "${projectId}"`);
      const { ids } = locked[0];
      const known = new Set(seen);
      if (ids.length !== known.size || ids.some((id) => !known.has(id)))
        throw conflict(
          'another release of this project was published while this one was computed; publish it again',
        );
      await tx.run(cypher('release-create'), { release: { ...release, projectId } });
    });
  }
}
