// `npm run rebuild-projection [-- --project <id>]`: recomputes the network Neo4j holds (TIE and
// MEMBER_OF relationships) from the event log, for every project or one. Run it once after
// upgrading a database written before the projection existed; it is safe to run at any time.
import { randomBytes } from 'node:crypto';
import { createStore } from '../server/store/index.ts';

async function main() {
  const uri = process.env.NEO4J_URI;
  if (!uri) {
    console.error('set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to the database to rebuild');
    process.exit(2);
  }
  const store = createStore(
    {
      uri,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE,
    },
    // the rebuild neither lays nor checks tombstones: the store's hash secret is never used here
    randomBytes(32),
  );
  try {
    const flag = process.argv.indexOf('--project');
    const ids =
      flag >= 0 ? [process.argv[flag + 1]] : (await store.projects.list()).map((p) => p.id);
    for (const id of ids) {
      const started = Date.now();
      const { keys } = await store.projection.rebuild(id);
      console.log(`${id}: ${keys} pairs and memberships rebuilt in ${Date.now() - started} ms`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
