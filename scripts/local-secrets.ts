// The local runner's secrets: made once per data directory and kept beside it in a file only its
// owner may read, so a restart keeps erasures refused, partners' pseudonyms and the map link.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalSecrets {
  PEOPLEMAP_ADMIN_KEY: string;
  PEOPLEMAP_HASH_SECRET: string;
  PEOPLEMAP_PSEUDONYM_SECRET: string;
  /** The demo's coordinator key behind the printed map link, reused while it is valid. */
  mapKey?: string;
}

/** The variables a start needs, in the order messages name them. */
export const SECRET_VARIABLES = [
  'PEOPLEMAP_ADMIN_KEY',
  'PEOPLEMAP_HASH_SECRET',
  'PEOPLEMAP_PSEUDONYM_SECRET',
] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/** Beside the data directory, one per directory: `.data/neo4j` keeps `.data/neo4j.secrets.json`. */
export const secretsFileOf = (dataDir: string) => `${dataDir}.secrets.json`;

export const newSecret = () => randomBytes(32).toString('base64url');

export function readLocalSecrets(file: string): Partial<LocalSecrets> {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
}

/**
 * Written whole to a temporary file of mode 0600 and renamed over the old one; the folder is made
 * (mode 0700) when it is not there yet, as `.data/` is not in a fresh clone.
 */
export function writeLocalSecrets(file: string, secrets: Partial<LocalSecrets>): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const next = `${file}.next`;
  writeFileSync(next, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  renameSync(next, file);
}

/** The file's secrets, with any that were missing made now and kept; `made` names those. */
export function ensureLocalSecrets(file: string): {
  secrets: LocalSecrets;
  made: SecretVariable[];
} {
  const kept = readLocalSecrets(file);
  const made = SECRET_VARIABLES.filter((name) => !kept[name]);
  if (made.length === 0) return { secrets: kept as LocalSecrets, made };
  const secrets = { ...kept } as LocalSecrets;
  for (const name of made) secrets[name] = newSecret();
  writeLocalSecrets(file, secrets);
  return { secrets, made };
}
