// `npm start` and `npm run demo`: start Neo4j when NEO4J_URI is unset, build the map, serve the API
// and map; with --demo also load the seeded demo programme through the API.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { generateDemoProgramme } from '../fixtures/demo-programme.ts';
import { issueDemoKey, loadProgramme, projectExists } from '../fixtures/load-programme.ts';
import { loadConfig } from '../server/config.ts';
import { serve } from '../server/server.ts';
import { buildMapIfStale } from './build-map.ts';
import { ensureNeo4j } from './local-neo4j.ts';

const demo = process.argv.includes('--demo');

async function main() {
  const generatedKey = !process.env.PEOPLEMAP_ADMIN_KEY;
  if (generatedKey) {
    process.env.PEOPLEMAP_ADMIN_KEY = randomBytes(24).toString('base64url');
    console.error(
      'PEOPLEMAP_ADMIN_KEY was not set: a random key was made for this run (printed below).',
    );
  }
  const neo4j = await ensureNeo4j({
    dataDir: resolve(process.env.PEOPLEMAP_DATA_DIR ?? '.data/neo4j'),
    port: Number(process.env.NEO4J_LOCAL_PORT ?? 7687),
  });
  process.env.NEO4J_URI = neo4j.uri;
  process.env.NEO4J_USER = neo4j.user;
  process.env.NEO4J_PASSWORD = neo4j.password;
  buildMapIfStale();
  // readable lines on a terminal, JSON for anything that collects the output
  process.env.LOG_FORMAT ??= process.stdout.isTTY ? 'pretty' : 'json';
  const config = loadConfig();
  const { app } = await serve(config, () => neo4j.stop());

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const baseUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  const key = config.PEOPLEMAP_ADMIN_KEY;
  const shownKey = generatedKey ? key : '$PEOPLEMAP_ADMIN_KEY';
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
    }
  }
  if (await projectExists(baseUrl, key, demoId)) {
    // The map link carries a coordinator key for the demo project only, never the admin key
    const mapKey = await issueDemoKey(baseUrl, key, demoId);
    console.log(
      `\nThe map:   ${baseUrl}/#project=${demoId}&key=${encodeURIComponent(mapKey)}   (coordinator, project "${demoId}")`,
    );
  } else {
    console.log('\nNo demo project yet: `npm run demo` loads one and prints a map link.');
  }
  console.log(`API:       ${baseUrl}/api/v1   (Authorization: Bearer <admin key>)`);
  console.log(`Admin key: ${shownKey}`);
  console.log(`Docs:      ${baseUrl}/docs\nStop with Ctrl-C.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
