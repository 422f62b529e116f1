// The instruments a project's measures may name: the built-ins and the project's own, each with its
// range and which way is better. Identity is instrumentKey's, so no two share a key.
import type { ManagedTransaction } from 'neo4j-driver';
import type { InstrumentInput } from '../domain.ts';
import { conflict, itemPath, type ErrorDetail } from '../errors.ts';
import { BUILT_IN_INSTRUMENTS, instrumentKey, type Instrument } from '../instruments.ts';
import { writeInstruments } from './instrument-write.ts';
import { cypher, rows, type Database } from './neo4j.ts';
import { lockProject, requireProject } from './projects.ts';

/** An instrument as listed: `builtIn` tells the shared ones from the project's own. */
export type ListedInstrument = Instrument & { builtIn: boolean; description: string | null };

/** The project's own instruments, inside a transaction the caller opened. */
export async function projectInstruments(
  tx: ManagedTransaction,
  projectId: string,
): Promise<Instrument[]> {
  return rows<Instrument>((await tx.run(cypher('instrument-list'), { projectId })).records);
}

/** Every instrument a project's measures may name: the built-ins, then the project's own. */
export async function instrumentRegistry(
  tx: ManagedTransaction,
  projectId: string,
): Promise<Instrument[]> {
  return [...BUILT_IN_INSTRUMENTS, ...(await projectInstruments(tx, projectId))];
}

/** Ids that a built-in, a stored instrument or an earlier item of the same create has by key. */
function clashes(
  items: InstrumentInput[],
  taken: readonly Instrument[],
  path: string | null,
): ErrorDetail[] {
  const seen = new Map(taken.map((i) => [instrumentKey(i.id), i]));
  const details: ErrorDetail[] = [];
  items.forEach((item, i) => {
    const holder = seen.get(instrumentKey(item.id));
    if (holder) {
      const whose = BUILT_IN_INSTRUMENTS.includes(holder) ? 'a built-in instrument' : 'taken';
      details.push({
        path: itemPath(path, i, 'id'),
        message: `"${item.id}" is the same instrument as "${holder.id}" (${whose}); measures name it by that id`,
      });
    }
    seen.set(instrumentKey(item.id), { ...item });
  });
  return details.slice(0, 100);
}

export class InstrumentStore {
  constructor(private readonly db: Database) {}

  /** Creates the project's own instruments, all or none (409 naming each id already taken). */
  create(projectId: string, items: InstrumentInput[], path: string | null): Promise<number> {
    return this.db.write(async (tx) => {
      await lockProject(tx, projectId);
      const details = clashes(items, await instrumentRegistry(tx, projectId), path);
      if (details.length > 0)
        throw conflict('some instruments exist already; nothing was written', details);
      await writeInstruments(tx, projectId, items);
      return items.length;
    });
  }

  /** Every instrument the project's measures may name, for the report. */
  registry(projectId: string): Promise<Instrument[]> {
    return this.db.read((tx) => instrumentRegistry(tx, projectId));
  }

  /** The built-ins and the project's own (404 when there is no such project). */
  list(projectId: string): Promise<ListedInstrument[]> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      const own = await projectInstruments(tx, projectId);
      const listed = (instrument: Instrument, builtIn: boolean) => ({
        ...instrument,
        description: instrument.description ?? null,
        builtIn,
      });
      return [
        ...BUILT_IN_INSTRUMENTS.map((i) => listed(i, true)),
        ...own.map((i) => listed(i, false)),
      ];
    });
  }
}
