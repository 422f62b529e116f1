// Groups: the ABCD assets (associations, institutions, spaces, businesses, informal groups, activities).
import type { GroupInput } from '../domain.ts';
import { badRequest, conflict, itemPath } from '../errors.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject, requireProject } from './projects.ts';
import { existing, takenOrRepeated, unknownReferences } from './references.ts';

export interface Group {
  id: string;
  name: string;
  kind: GroupInput['kind'];
  communityId: string | null;
}

export class GroupStore {
  constructor(private readonly db: Database) {}

  async create(
    projectId: string,
    groups: GroupInput[],
    path: string | null = 'groups',
  ): Promise<number> {
    return this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      const idRefs = groups.map((g, i) => ({ path: itemPath(path, i, 'id'), id: g.id }));
      const duplicates = takenOrRepeated(
        'group',
        idRefs,
        await existing(tx, projectId, 'group', idRefs),
      );
      if (duplicates.length > 0)
        throw conflict('some groups already exist; nothing was written', duplicates);

      const communityRefs = groups.flatMap((g, i) =>
        g.communityId ? [{ path: itemPath(path, i, 'communityId'), id: g.communityId }] : [],
      );
      const unknown = unknownReferences(
        'community',
        communityRefs,
        await existing(tx, projectId, 'community', communityRefs),
      );
      if (unknown.length > 0) throw badRequest('unknown community; nothing was written', unknown);

      const rowsIn = groups.map((g) => ({ ...g, communityId: g.communityId ?? null }));
      await tx.run(cypher('group-create'), { projectId, groups: rowsIn });
      return groups.length;
    });
  }

  list(projectId: string): Promise<Group[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<Group>((await tx.run(cypher('group-list'), { projectId })).records);
    });
  }
}
