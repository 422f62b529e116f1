// Projects carry an IANA time zone (default UTC), set on create or with PATCH, in which imported
// date-only values are read.
import t from 'tap';
import { auth, postOk, testApp, uniqueProject } from '../helpers/server.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;

async function project(name: string, timeZone: string): Promise<string> {
  const id = uniqueProject(name);
  await postOk(app, '/api/v1/projects', { id, name, timeZone });
  return id;
}

t.test('a project keeps the time zone it was created with and PATCH changes it', async (t) => {
  const p = await project('zone', 'Europe/London');
  t.equal((await app.inject({ url: api(p), headers: auth })).json().timeZone, 'Europe/London');
  const patched = await app.inject({
    method: 'PATCH',
    url: api(p),
    headers: auth,
    payload: { timeZone: 'America/New_York' },
  });
  t.equal(patched.statusCode, 200);
  t.equal(patched.json().timeZone, 'America/New_York');
  const listed = (await app.inject({ url: '/api/v1/projects', headers: auth })).json();
  t.equal(listed.projects.find((x: { id: string }) => x.id === p).timeZone, 'America/New_York');
});

t.test('a project without a time zone is in UTC', async (t) => {
  const p = uniqueProject('utc');
  await postOk(app, '/api/v1/projects', { id: p, name: 'No zone given' });
  t.equal((await app.inject({ url: api(p), headers: auth })).json().timeZone, 'UTC');
});

t.test('an unknown time zone is refused naming timeZone', async (t) => {
  const p = await project('bad-zone', 'UTC');
  const response = await app.inject({
    method: 'PATCH',
    url: api(p),
    headers: auth,
    payload: { timeZone: 'Mars/Olympus_Mons' },
  });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['timeZone'],
  );
  t.equal((await app.inject({ url: api(p), headers: auth })).json().timeZone, 'UTC');
});
