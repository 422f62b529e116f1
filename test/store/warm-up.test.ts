// The start-up warm-up runs every statement it names against Neo4j, with every parameter each
// statement takes: a statement whose parameters change without the warm-up following would be
// planned for the wrong types, or fail, at start.
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { cypher } from '../../server/store/neo4j.ts';
import { WARM_UP_READS } from '../../server/store/warm-up.ts';
import { testConfig } from '../helpers/server.ts';

t.test('every warm-up statement gets exactly the parameters it names', async (t) => {
  for (const [name, params] of Object.entries(WARM_UP_READS)) {
    const named = [...new Set([...cypher(name).matchAll(/\$(\w+)/g)].map((m) => m[1]))].sort();
    t.same(Object.keys(params).sort(), named, name);
  }
});

t.test('the warm-up runs them all on Neo4j and finds nothing', async (t) => {
  const app = await buildApp(testConfig());
  t.teardown(() => app.close());
  t.equal(await app.store.warmUp(), Object.keys(WARM_UP_READS).length);
});
