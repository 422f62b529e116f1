// Logs carry no personal data: request lines name the route pattern, never ids or query values.
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

t.test('request logs name routes, not the resident ids or names in URLs and bodies', async (t) => {
  const lines: string[] = [];
  const app = await buildApp(testConfig({ LOG_LEVEL: 'info' }), {
    logStream: { write: (line) => void lines.push(line) },
  });
  t.teardown(() => app.close());
  const p = uniqueProject('logs');
  await createProject(app, p);
  await postOk(app, `/api/v1/projects/${p}/residents`, { id: 'maria-lopez', name: 'Maria Lopez' });
  const read = await app.inject({
    url: `/api/v1/projects/${p}/residents/maria-lopez/ego?at=2030-01-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(read.statusCode, 200);

  const log = lines.join('');
  t.match(log, '/api/v1/projects/:p/residents/:id/ego', 'the route pattern is logged');
  t.notMatch(log, 'maria-lopez', 'the resident id is not');
  t.notMatch(log, /Maria Lopez/, 'nor the name');
  t.notMatch(log, /Bearer/, 'nor the key');
});
