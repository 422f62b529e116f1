// The programme's costs, for the report's value for money: each dated, in one currency per
// project, optionally spent on one group (whose community a community's report counts it in).
import type { CostInput } from '../domain.ts';
import { badRequest, conflict, itemPath } from '../errors.ts';
import type { CostRecord } from '../metrics/value-for-money.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject, requireProject } from './projects.ts';
import { existing, takenOrRepeated, unknownReferences } from './references.ts';

export type Cost = CostRecord & { description: string };

export class CostStore {
  constructor(private readonly db: Database) {}

  /**
   * Records costs, all or none: an id taken or repeated is a 409; an unknown group, or a currency
   * other than the project's (the first cost's), a 400 naming the field.
   */
  create(projectId: string, items: CostInput[], path: string | null): Promise<number> {
    return this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      const idRefs = items.map((item, i) => ({ path: itemPath(path, i, 'id'), id: item.id }));
      const clashes = takenOrRepeated(
        'cost',
        idRefs,
        await existing(tx, projectId, 'cost', idRefs),
      );
      if (clashes.length > 0)
        throw conflict('some costs exist already; nothing was written', clashes);
      const groupRefs = items.flatMap((item, i) =>
        item.groupId ? [{ path: itemPath(path, i, 'groupId'), id: item.groupId }] : [],
      );
      const known = await existing(tx, projectId, 'group', groupRefs);
      const unknown = unknownReferences('group', groupRefs, known);
      const stored = rows<{ currency: string }>(
        (await tx.run(cypher('cost-currencies'), { projectId })).records,
      );
      const currency = stored[0]?.currency ?? items[0].currency;
      const otherCurrency = items.flatMap((item, i) =>
        item.currency === currency
          ? []
          : [
              {
                path: itemPath(path, i, 'currency'),
                message: `this project's costs are in ${currency}; convert the amount to ${currency}`,
              },
            ],
      );
      const details = [...unknown, ...otherCurrency].slice(0, 100);
      if (details.length > 0)
        throw badRequest('some costs cannot be recorded; nothing was written', details);
      const rowsIn = items.map((item) => ({
        ...item,
        atMs: Date.parse(item.at),
        groupId: item.groupId ?? null,
      }));
      await tx.run(cypher('cost-create'), { projectId, costs: rowsIn });
      return items.length;
    });
  }

  /** The project's costs in time order (404 when there is no such project). */
  list(projectId: string): Promise<Cost[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      return rows<Cost>((await tx.run(cypher('cost-list'), { projectId })).records);
    });
  }
}
