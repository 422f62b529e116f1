// Groups: the ABCD assets (associations, institutions, spaces, businesses, informal groups, activities).
import type { ManagedTransaction } from 'neo4j-driver';
import type { GroupInput } from '../domain.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject, requireProject } from './projects.ts';
import { checkNewRecords } from './references.ts';

export interface Group {
  id: string;
  name: string;
  kind: GroupInput['kind'];
  communityId: string | null;
}

/** Checks and creates groups inside a write the caller opened (and locked with lockProject). */
export async function insertGroups(
  tx: ManagedTransaction,
  projectId: string,
  groups: GroupInput[],
  path: string | null,
  /** The write's project version (from lockProject): the live stream sends what changed after one. */
  version: number,
): Promise<number> {
  await checkNewRecords(tx, projectId, 'group', groups, path);
  const rowsIn = groups.map((g) => ({ ...g, communityId: g.communityId ?? null }));
  await tx.run(cypher('group-create'), { projectId, version, groups: rowsIn });
  return groups.length;
}

export class GroupStore {
  constructor(private readonly db: Database) {}

  async create(
    projectId: string,
    groups: GroupInput[],
    path: string | null = 'groups',
  ): Promise<number> {
    return this.db.write(async (tx) => {
      const { version } = await lockProject(tx, projectId);
      return insertGroups(tx, projectId, groups, path, version);
    });
  }

  list(projectId: string): Promise<Group[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<Group>((await tx.run(cypher('group-list'), { projectId })).records);
    });
  }
}
