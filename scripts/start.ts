// `npm start` and `npm run demo`: start Neo4j when NEO4J_URI is unset (with secrets made once and
// kept beside its data), build the map, serve the API and map; with --demo also load the seeded
// demo programme through the API and publish its release, once. `--show-admin-key` prints a kept
// admin key.
import { resolve } from 'node:path';
import { generateDemoProgramme } from '../fixtures/demo-programme.ts';
import { publishDemoRelease } from '../fixtures/demo-release.ts';
import {
  demoKeyWorks,
  issueDemoKey,
  loadProgramme,
  projectExists,
} from '../fixtures/load-programme.ts';
import { loadConfig } from '../server/config.ts';
import { serve } from '../server/server.ts';
import { buildMapIfStale } from './build-map.ts';
import { ensureNeo4j } from './local-neo4j.ts';
import {
  ensureLocalSecrets,
  newSecret,
  readLocalSecrets,
  SECRET_VARIABLES,
  secretsFileOf,
  writeLocalSecrets,
} from './local-secrets.ts';

const demo = process.argv.includes('--demo');
const showAdminKey = process.argv.includes('--show-admin-key');

/** Where the secrets came from, for what the start prints. */
interface SecretSource {
  /** The local runner's secrets file, or null with your own Neo4j. */
  file: string | null;
  /** made by this start (so printed once), kept in the secrets file, or set in the environment. */
  adminKey: 'made' | 'kept' | 'environment';
}

/**
 * Fills the secret variables the environment leaves unset. The local runner keeps them beside its
 * data; with your own Neo4j they must be set, except that the demo may make throwaway ones.
 */
function provideSecrets(dataDir: string): SecretSource {
  const unset = SECRET_VARIABLES.filter((name) => !process.env[name]);
  if (!process.env.NEO4J_URI) {
    const file = secretsFileOf(dataDir);
    const { secrets, made } = ensureLocalSecrets(file);
    for (const name of unset) process.env[name] = secrets[name];
    const madeNow = made.filter((name) => unset.includes(name));
    if (madeNow.length > 0)
      console.error(
        `made ${madeNow.join(', ')} once and kept them in ${file} (mode 0600): later starts on this data reuse them.`,
      );
    const fromFile = unset.includes('PEOPLEMAP_ADMIN_KEY');
    const adminMade = madeNow.includes('PEOPLEMAP_ADMIN_KEY');
    return { file, adminKey: adminMade ? 'made' : fromFile ? 'kept' : 'environment' };
  }
  if (unset.length === 0) return { file: null, adminKey: 'environment' };
  if (!demo)
    throw new Error(
      `With your own Neo4j (NEO4J_URI) set ${unset.join(', ')} (each 32+ characters, e.g. \`openssl rand -hex 32\`) and keep them as long as the data: the hash secret keys erasures, the pseudonym secret partners' pseudonyms. See the README's configuration table.`,
    );
  for (const name of unset) process.env[name] = newSecret();
  console.error(
    `The demo made throwaway ${unset.join(', ')} for this run only: erasures and pseudonyms made now will not hold, and this database will refuse a later start without these secrets. Set them yourself for data you keep.`,
  );
  return { file: null, adminKey: unset.includes('PEOPLEMAP_ADMIN_KEY') ? 'made' : 'environment' };
}

/** The coordinator key of the map link: the kept one while it still works, else a new one. */
async function mapKeyFor(
  baseUrl: string,
  adminKey: string,
  projectId: string,
  file: string | null,
) {
  const kept = file ? readLocalSecrets(file).mapKey : undefined;
  if (kept && (await demoKeyWorks(baseUrl, kept, projectId))) return kept;
  const issued = await issueDemoKey(baseUrl, adminKey, projectId);
  if (file) writeLocalSecrets(file, { ...readLocalSecrets(file), mapKey: issued });
  return issued;
}

async function main() {
  const dataDir = resolve(process.env.PEOPLEMAP_DATA_DIR ?? '.data/neo4j');
  const source = provideSecrets(dataDir);
  const neo4j = await ensureNeo4j({ dataDir, port: Number(process.env.NEO4J_LOCAL_PORT ?? 7687) });
  process.env.NEO4J_URI = neo4j.uri;
  process.env.NEO4J_USER = neo4j.user;
  process.env.NEO4J_PASSWORD = neo4j.password;
  buildMapIfStale();
  // readable lines on a terminal, JSON for anything that collects the output
  process.env.LOG_FORMAT ??= process.stdout.isTTY ? 'pretty' : 'json';
  const config = loadConfig();
  const { app } = await serve(config, () => neo4j.stop()).catch(async (error: unknown) => {
    await neo4j.stop();
    throw error;
  });

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const baseUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  const key = config.PEOPLEMAP_ADMIN_KEY;
  const programme = generateDemoProgramme();
  const demoId = programme.project.id;
  if (demo) {
    if (await projectExists(baseUrl, key, demoId)) {
      console.error(`demo project "${demoId}" is already loaded`);
    } else {
      const started = Date.now();
      await loadProgramme(baseUrl, key, programme);
      console.error(
        `loaded the demo: ${programme.residents.length} residents, ${programme.events.length} events in ${Date.now() - started} ms`,
      );
      const release = await publishDemoRelease(baseUrl, key, demoId);
      const { primary, secondary, differencing, unclassified } = release.disclosure.withheld;
      console.error(
        `published the release "${release.name}" for partners (Releases tab), ${primary + secondary + differencing + unclassified} numbers withheld`,
      );
    }
  }
  if (await projectExists(baseUrl, key, demoId)) {
    // The map link carries a coordinator key for the demo project only, never the admin key
    const mapKey = await mapKeyFor(baseUrl, key, demoId, source.file);
    const lifetime = source.file
      ? 'kept across restarts until the key is revoked'
      : 'a new link at each start: the previous one stops working';
    console.log(
      `\nThe map:   ${baseUrl}/#project=${demoId}&key=${encodeURIComponent(mapKey)}   (coordinator, project "${demoId}"; ${lifetime})`,
    );
  } else {
    console.log('\nNo demo project yet: `npm run demo` loads one and prints a map link.');
  }
  console.log(`API:       ${baseUrl}/api/v1   (Authorization: Bearer <admin key>)`);
  console.log(`Admin key: ${adminKeyLine(key, source)}`);
  console.log(`Docs:      ${baseUrl}/docs\nStop with Ctrl-C.`);
}

/** The admin key itself only when this start made it or it was asked for. */
function adminKeyLine(key: string, source: SecretSource): string {
  if (source.adminKey === 'made' || showAdminKey) return key;
  if (source.adminKey === 'kept')
    return `kept in ${source.file} (\`npm start -- --show-admin-key\` prints it)`;
  return '$PEOPLEMAP_ADMIN_KEY';
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
