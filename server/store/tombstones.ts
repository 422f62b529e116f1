// Erasure tombstones: a keyed hash (HMAC-SHA256) of project and resident id, laid when a resident
// is erased, makes re-creating that id, or writing events that name it, a 409 "erased".
import { createHmac } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../errors.ts';
import { cypher, rows } from './neo4j.ts';
import type { Reference } from './references.ts';

export class Tombstones {
  constructor(private readonly secret: Buffer) {}

  private hash(projectId: string, id: string): string {
    return createHmac('sha256', this.secret).update(`${projectId}\u0000${id}`).digest('hex');
  }

  /** Called in the erasing transaction. */
  async lay(tx: ManagedTransaction, projectId: string, id: string): Promise<void> {
    await tx.run(cypher('tombstone-create'), {
      projectId,
      hash: this.hash(projectId, id),
      erasedAtMs: Date.now(),
    });
  }

  /** Throws 409 "erased" naming every field that names an erased resident; nothing is written. */
  async refuse(tx: ManagedTransaction, projectId: string, refs: Reference[]): Promise<void> {
    refuseErased(
      refs,
      await this.erased(
        tx,
        projectId,
        refs.map((r) => r.id),
      ),
    );
  }

  /** Which of the ids name erased residents of the project. */
  async erased(tx: ManagedTransaction, projectId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const idOf = new Map([...new Set(ids)].map((id) => [this.hash(projectId, id), id]));
    return new Set(
      rows<{ hash: string }>(
        (await tx.run(cypher('tombstone-match'), { projectId, hashes: [...idOf.keys()] })).records,
      ).map((r) => idOf.get(r.hash)!),
    );
  }
}

/** Throws 409 "erased" naming every field whose id is among the erased; nothing is written. */
export function refuseErased(refs: Reference[], erased: ReadonlySet<string>): void {
  if (erased.size === 0) return;
  const details = refs
    .filter((r) => erased.has(r.id))
    .map((r) => ({
      path: r.path,
      message: 'this resident was erased; the id cannot be used again',
    }));
  if (details.length === 0) return;
  throw new AppError(
    409,
    'erased',
    `${details.length} field(s) name erased residents; nothing was written`,
    details.slice(0, 100),
  );
}
