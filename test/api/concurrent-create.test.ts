// Two replicas of the service starting on a fresh database and creating the same project at once:
// one 201 and one 409, never a 500 (the schema they both apply races too). Own Neo4j: it must be new.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { freePort, startLocalNeo4j } from '../../scripts/local-neo4j.ts';
import { auth, testConfig } from '../helpers/server.ts';

t.test(
  'concurrent creations of one project on a fresh database give one 201 and one 409',
  async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-race-'));
    const neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), log: () => {} });
    const config = testConfig({ NEO4J_URI: neo4j.uri });
    const replicas = [await buildApp(config), await buildApp(config)];
    t.teardown(async () => {
      await Promise.all(replicas.map((app) => app.close()));
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const create = (app: (typeof replicas)[number], id: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/projects',
        headers: auth,
        payload: { id, name: id },
      });
    const responses = await Promise.all(replicas.map((app) => create(app, 'shared')));
    t.same(
      responses.map((r) => r.statusCode).sort(),
      [201, 409],
      responses.map((r) => r.body).join('\n'),
    );
    const refused = responses.find((r) => r.statusCode === 409);
    t.same(refused?.json().details, [{ path: 'id', message: 'already exists' }]);
  },
);
