// Writing a project's own instruments, shared by the instrument store and a project made from a
// template (its own module, so that projects.ts and instruments.ts do not import each other).
import type { ManagedTransaction } from 'neo4j-driver';
import type { InstrumentInput } from '../domain.ts';
import { instrumentKey } from '../instruments.ts';
import { cypher } from './neo4j.ts';

/** Writes a project's own instruments, checked by the caller (no id taken). */
export async function writeInstruments(
  tx: ManagedTransaction,
  projectId: string,
  items: InstrumentInput[],
): Promise<void> {
  const rowsIn = items.map((item) => ({
    ...item,
    key: instrumentKey(item.id),
    description: item.description ?? null,
  }));
  await tx.run(cypher('instrument-create'), { projectId, instruments: rowsIn });
}
