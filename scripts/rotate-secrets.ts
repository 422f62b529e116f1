// `npm run rotate-secrets -- [--hash-secret] [--pseudonym-secret] [--admin-key]`: changes secrets on
// purpose, with the service stopped. The hash secret's tombstones are re-keyed in one transaction;
// a new pseudonym secret gives every partner new pseudonyms; the admin key touches no data.
import { resolve } from 'node:path';
import { existsSync, renameSync } from 'node:fs';
import { createStore } from '../server/store/index.ts';
import { secretsFrom, type ServiceSecrets } from '../server/store/secrets.ts';
import { ensureNeo4j } from './local-neo4j.ts';
import {
  newSecret,
  readLocalSecrets,
  secretsFileOf,
  writeLocalSecrets,
  type LocalSecrets,
} from './local-secrets.ts';

const wants = {
  hash: process.argv.includes('--hash-secret'),
  pseudonym: process.argv.includes('--pseudonym-secret'),
  admin: process.argv.includes('--admin-key'),
};

const USAGE = `usage: npm run rotate-secrets -- [--hash-secret] [--pseudonym-secret] [--admin-key]
Stop every peoplemap process using the database first. With your own Neo4j (NEO4J_URI), give the
current secrets as PEOPLEMAP_HASH_SECRET and PEOPLEMAP_PSEUDONYM_SECRET and the new ones as
PEOPLEMAP_NEW_HASH_SECRET and PEOPLEMAP_NEW_PSEUDONYM_SECRET. See docs/operations.md.`;

/** Re-keys the database from `current` to `next`; returns the tombstones re-keyed. */
async function rotateIn(
  uri: string,
  user: string,
  password: string,
  current: ServiceSecrets,
  next: ServiceSecrets,
) {
  const store = createStore(
    { uri, user, password, database: process.env.NEO4J_DATABASE },
    current.hashSecret,
  );
  try {
    return await store.secrets.rotate(current, next);
  } finally {
    await store.close();
  }
}

/** The local runner: secrets from its file, new ones made here and kept there after the commit. */
async function rotateLocal(): Promise<string> {
  const dataDir = resolve(process.env.PEOPLEMAP_DATA_DIR ?? '.data/neo4j');
  const file = secretsFileOf(dataDir);
  if (!existsSync(file)) throw new Error(`no secrets file at ${file}: nothing to rotate`);
  const kept = readLocalSecrets(file) as LocalSecrets;
  const next: LocalSecrets = {
    ...kept,
    ...(wants.hash ? { PEOPLEMAP_HASH_SECRET: newSecret() } : {}),
    ...(wants.pseudonym ? { PEOPLEMAP_PSEUDONYM_SECRET: newSecret() } : {}),
    ...(wants.admin ? { PEOPLEMAP_ADMIN_KEY: newSecret() } : {}),
  };
  let rekeyed = 0;
  if (wants.hash || wants.pseudonym) {
    // kept first beside the old file, so a failure after the commit still leaves the new secrets
    const pending = `${file}.rotating`;
    writeLocalSecrets(pending, next);
    const neo4j = await ensureNeo4j({
      dataDir,
      port: Number(process.env.NEO4J_LOCAL_PORT ?? 7687),
      log: () => {},
    });
    try {
      rekeyed = await rotateIn(
        neo4j.uri,
        neo4j.user,
        neo4j.password,
        secretsFrom(kept),
        secretsFrom(next),
      );
    } finally {
      await neo4j.stop();
    }
    renameSync(pending, file);
  } else {
    writeLocalSecrets(file, next);
  }
  return `rotated in ${file}: ${changedNames().join(', ')}; ${rekeyed} tombstone(s) re-keyed.${
    wants.admin ? ' `npm start -- --show-admin-key` prints the new admin key.' : ''
  }`;
}

/** Your own Neo4j: the current and the new secrets come from the environment. */
async function rotateOwn(uri: string): Promise<string> {
  if (wants.admin)
    throw new Error(
      'the admin key lives in your environment: set a new PEOPLEMAP_ADMIN_KEY and restart (no data depends on it)',
    );
  const env = process.env;
  const need = ['PEOPLEMAP_HASH_SECRET', 'PEOPLEMAP_PSEUDONYM_SECRET'];
  if (wants.hash) need.push('PEOPLEMAP_NEW_HASH_SECRET');
  if (wants.pseudonym) need.push('PEOPLEMAP_NEW_PSEUDONYM_SECRET');
  const bad = need.filter((name) => (env[name] ?? '').length < 32);
  if (bad.length > 0) throw new Error(`set ${bad.join(', ')} (32+ characters each)\n${USAGE}`);
  const current = secretsFrom({
    PEOPLEMAP_HASH_SECRET: env.PEOPLEMAP_HASH_SECRET!,
    PEOPLEMAP_PSEUDONYM_SECRET: env.PEOPLEMAP_PSEUDONYM_SECRET!,
  });
  const next = secretsFrom({
    PEOPLEMAP_HASH_SECRET: wants.hash ? env.PEOPLEMAP_NEW_HASH_SECRET! : env.PEOPLEMAP_HASH_SECRET!,
    PEOPLEMAP_PSEUDONYM_SECRET: wants.pseudonym
      ? env.PEOPLEMAP_NEW_PSEUDONYM_SECRET!
      : env.PEOPLEMAP_PSEUDONYM_SECRET!,
  });
  const rekeyed = await rotateIn(
    uri,
    env.NEO4J_USER ?? 'neo4j',
    env.NEO4J_PASSWORD ?? '',
    current,
    next,
  );
  return `rotated ${changedNames().join(', ')}; ${rekeyed} tombstone(s) re-keyed. Now give every replica the new value(s) and start them.`;
}

const changedNames = () =>
  [
    wants.hash && 'PEOPLEMAP_HASH_SECRET',
    wants.pseudonym && 'PEOPLEMAP_PSEUDONYM_SECRET',
    wants.admin && 'PEOPLEMAP_ADMIN_KEY',
  ].filter(Boolean) as string[];

async function main() {
  if (!wants.hash && !wants.pseudonym && !wants.admin) {
    console.error(USAGE);
    process.exit(2);
  }
  const uri = process.env.NEO4J_URI;
  console.log(uri ? await rotateOwn(uri) : await rotateLocal());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
