// Erasure tombstones: a keyed hash (HMAC-SHA256) of project and resident id, laid when a resident
// is erased, makes re-creating that id, or writing events that name it, a 409 "erased". After the
// hash secret is rotated, a tombstone is the first secret's hash hashed again with each later one.
import { createHmac } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../errors.ts';
import { cypher, rows } from './neo4j.ts';
import type { Reference } from './references.ts';

export class Tombstones {
  /** The hash secrets from the first to the current one (secrets.ts reads the earlier ones). */
  private secrets: readonly Buffer[];

  constructor(secret: Buffer) {
    this.secrets = [secret];
  }

  /** Keys the tombstones with the earlier hash secrets followed by the current one. */
  keyWith(chain: readonly Buffer[]): void {
    this.secrets = [...chain];
  }

  chain(): readonly Buffer[] {
    return this.secrets;
  }

  private hash(projectId: string, id: string): string {
    const [first, ...later] = this.secrets;
    let hash = createHmac('sha256', first).update(`${projectId}\u0000${id}`).digest('hex');
    for (const secret of later) hash = createHmac('sha256', secret).update(hash).digest('hex');
    return hash;
  }

  /**
   * The keyed hash of a marker no resident id can be (ids hold no control characters): equal on two
   * instances exactly when their hash secrets would give a tombstone the same hash.
   */
  keyCheck(projectId: string): string {
    return this.hash(projectId, '\u0000archive');
  }

  /** Called in the erasing transaction. */
  async lay(tx: ManagedTransaction, projectId: string, id: string): Promise<void> {
    await tx.run(cypher('tombstone-create'), {
      projectId,
      hash: this.hash(projectId, id),
      erasedAtMs: Date.now(),
      keyedFor: null,
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
    // a project restored under a new id keeps the tombstones keyed with its old one
    const keys = [
      projectId,
      ...rows<{ keyedFor: string }>(
        (await tx.run(cypher('tombstone-keyed-for'), { projectId })).records,
      ).map((r) => r.keyedFor),
    ];
    const idOf = new Map(
      [...new Set(ids)].flatMap((id) => keys.map((key) => [this.hash(key, id), id] as const)),
    );
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
