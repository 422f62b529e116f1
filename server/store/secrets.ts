// The secrets a database's data was written with, checked at every start: the database keeps a
// verifier of each (a keyed hash of a fixed string, never the secret), so a start with another hash
// or pseudonym secret is refused instead of silently voiding erasures and changing pseudonyms.
// Rotating the hash secret re-keys every tombstone in one transaction.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { cypher, rows, type Database } from './neo4j.ts';
import type { Tombstones } from './tombstones.ts';

/** The secrets a start is given (from the environment or the local runner's secrets file). */
export interface ServiceSecrets {
  hashSecret: Buffer;
  pseudonymSecret: Buffer;
}

/** The secrets as the configuration holds them (text, used as UTF-8 bytes everywhere). */
export function secretsFrom(config: {
  PEOPLEMAP_HASH_SECRET: string;
  PEOPLEMAP_PSEUDONYM_SECRET: string;
}): ServiceSecrets {
  return {
    hashSecret: Buffer.from(config.PEOPLEMAP_HASH_SECRET, 'utf8'),
    pseudonymSecret: Buffer.from(config.PEOPLEMAP_PSEUDONYM_SECRET, 'utf8'),
  };
}

/** A keyed hash of a fixed string: equal for equal secrets, and no way back to the secret. */
export const verifierOf = (secret: Buffer) =>
  createHmac('sha256', secret).update('peoplemap secret verifier v1').digest('hex');

const IV_BYTES = 12;
const TAG_BYTES = 16;
const sealKey = (secret: Buffer) =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'peoplemap earlier hash secrets', 32));

/** Earlier hash secrets, sealed (AES-256-GCM) with the current one: a copy of the database alone
 * cannot open them. */
export function sealSecrets(current: Buffer, earlier: readonly Buffer[]): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealKey(current), iv);
  const plain = Buffer.from(JSON.stringify(earlier.map((s) => s.toString('base64'))), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

export function openSecrets(current: Buffer, sealed: string): Buffer[] {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(current), bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const plain = Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
  return (JSON.parse(plain.toString('utf8')) as string[]).map((s) => Buffer.from(s, 'base64'));
}

/** Why a start was refused: the secret named no longer matches the data. */
export class SecretMismatch extends Error {}

interface InstallationRow {
  hashVerifier: string;
  pseudonymVerifier: string;
  previousHashSecrets: string | null;
  created: boolean;
}

const MISMATCH = {
  hash:
    'PEOPLEMAP_HASH_SECRET is not the secret this database was written with. With it, erased ' +
    "residents' ids would be accepted again (their tombstones would no longer match).",
  pseudonym:
    'PEOPLEMAP_PSEUDONYM_SECRET is not the secret this database was served with. With it, every ' +
    "partner's pseudonyms would change and their earlier extracts would no longer join.",
};
const WHAT_NEXT =
  'Start with the secrets the data was written with (the local runner keeps them in its secrets ' +
  'file beside the data), or change them on purpose with `npm run rotate-secrets` ' +
  '(docs/operations.md).';

export class SecretStore {
  constructor(
    private readonly db: Database,
    private readonly tombstones: Tombstones,
  ) {}

  /**
   * Records the secrets' verifiers on a database's first start; on later starts throws a
   * SecretMismatch naming each secret that changed. On success the tombstones are keyed with the
   * hash secret and every earlier one it was rotated from. Returns whether this was the first start.
   */
  async verify(secrets: ServiceSecrets): Promise<{ first: boolean }> {
    const [row] = await this.db.write(async (tx) =>
      rows<InstallationRow>(
        (
          await tx.run(cypher('installation-claim'), {
            hashVerifier: verifierOf(secrets.hashSecret),
            pseudonymVerifier: verifierOf(secrets.pseudonymSecret),
            nowMs: Date.now(),
          })
        ).records,
      ),
    );
    const changed: string[] = [];
    if (row.hashVerifier !== verifierOf(secrets.hashSecret)) changed.push(MISMATCH.hash);
    if (row.pseudonymVerifier !== verifierOf(secrets.pseudonymSecret))
      changed.push(MISMATCH.pseudonym);
    if (changed.length > 0) throw new SecretMismatch(`${changed.join('\n')}\n${WHAT_NEXT}`);
    const earlier = row.previousHashSecrets
      ? openSecrets(secrets.hashSecret, row.previousHashSecrets)
      : [];
    this.tombstones.keyWith([...earlier, secrets.hashSecret]);
    return { first: row.created };
  }

  /**
   * Changes the secrets in one transaction: every tombstone's keyed hash is hashed again with the
   * new hash secret (so erased ids stay refused without anyone knowing them), the earlier secrets
   * are sealed with the new one, and the verifiers are replaced. Refuses unless `current` is what
   * the database was written with. Returns the number of tombstones re-keyed.
   */
  async rotate(current: ServiceSecrets, next: ServiceSecrets): Promise<number> {
    await this.verify(current);
    const earlier = this.tombstones.chain().slice(0, -1);
    const rotatesHash = !current.hashSecret.equals(next.hashSecret);
    return this.db.write(async (tx) => {
      let rekeyed = 0;
      if (rotatesHash) {
        const all = rows<{ projectId: string; hash: string }>(
          (await tx.run(cypher('tombstone-all'))).records,
        );
        const pairs = all.map((t) => ({
          projectId: t.projectId,
          old: t.hash,
          new: createHmac('sha256', next.hashSecret).update(t.hash).digest('hex'),
        }));
        if (pairs.length > 0) await tx.run(cypher('tombstone-rekey'), { pairs });
        rekeyed = pairs.length;
      }
      const chain = rotatesHash ? [...earlier, current.hashSecret] : earlier;
      await tx.run(cypher('installation-rotate'), {
        hashVerifier: verifierOf(next.hashSecret),
        pseudonymVerifier: verifierOf(next.pseudonymSecret),
        previousHashSecrets: chain.length > 0 ? sealSecrets(next.hashSecret, chain) : null,
        nowMs: Date.now(),
      });
      return rekeyed;
    });
  }
}
