// The audit log: every write, export, erasure and key change made with a valid key leaves one
// entry {at, keyId, role, action, project, counts, detail, status}, with no personal data; admins
// page it.
import t from 'tap';
import type { AuditEntry } from '../../server/contract.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

let app: FastifyInstance;
const project = uniqueProject('audit');
const started = new Date().toISOString();

t.before(async () => {
  app = await buildApp(testConfig());
  await createProject(app, project);
  await postOk(app, `/api/v1/projects/${project}/residents`, {
    residents: [
      { id: 'ada-lovelace', name: 'Ada Lovelace' },
      { id: 'alan-turing', name: 'Alan Turing' },
    ],
  });
});
t.teardown(() => app.close());

async function auditPage(query: string): Promise<{ entries: AuditEntry[]; next: string | null }> {
  const response = await app.inject({ url: `/api/v1/audit?${query}`, headers: auth });
  if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  return response.json();
}

const projectEntries = async () => (await auditPage(`project=${project}`)).entries;

t.test('a write leaves an entry with its route, project, counts and status', async (t) => {
  const entries = await projectEntries();
  t.match(entries.at(-1), {
    keyId: 'admin',
    role: 'admin',
    action: 'POST /api/v1/projects/:p/residents',
    project,
    counts: { created: 2 },
    status: 201,
  });
});

t.test('an export leaves an entry', async (t) => {
  const response = await app.inject({
    url: `/api/v1/projects/${project}/export.csv?table=residents`,
    headers: auth,
  });
  t.equal(response.statusCode, 200);
  t.match((await projectEntries()).at(-1), {
    action: 'GET /api/v1/projects/:p/export.csv',
    project,
    status: 200,
  });
});

t.test('an erasure leaves an entry that does not name the resident', async (t) => {
  const response = await app.inject({
    method: 'DELETE',
    url: `/api/v1/projects/${project}/residents/alan-turing`,
    headers: auth,
  });
  t.equal(response.statusCode, 204);
  const entries = await projectEntries();
  t.match(entries.at(-1), {
    action: 'DELETE /api/v1/projects/:p/residents/:id',
    project,
    status: 204,
  });
  t.notMatch(JSON.stringify(entries), /alan-turing|Alan|ada-lovelace|Ada/);
});

t.test('issuing and revoking a key leave entries', async (t) => {
  const issued = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: auth,
    payload: { role: 'partner', projects: [project], name: 'Audited partner' },
  });
  const { id } = issued.json();
  await app.inject({ method: 'DELETE', url: `/api/v1/keys/${id}`, headers: auth });
  const actions = (await auditPage(`from=${started}&limit=10000`)).entries
    .filter((e) => e.project === null)
    .map((e) => `${e.action} ${e.status}`);
  t.ok(actions.includes('POST /api/v1/keys 201'), 'issued');
  t.ok(actions.includes('DELETE /api/v1/keys/:id 204'), 'revoked');
});

t.test('issuing a partner key with the network grant names the key and the grant', async (t) => {
  const issued = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: auth,
    payload: { role: 'partner', projects: [project], name: 'Granted partner', network: true },
  });
  const { id } = issued.json();
  const entry = (await auditPage(`from=${started}&limit=10000`)).entries.find(
    (e) => e.action === 'POST /api/v1/keys' && e.detail?.key === id,
  );
  t.match(entry, { keyId: 'admin', detail: { key: id, role: 'partner', network: true } });
  t.notMatch(JSON.stringify(entry), 'Granted partner', 'the holder is named in the key list only');
});

t.test('a refused write is recorded with the refused key and status 403', async (t) => {
  const issued = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: auth,
    payload: { role: 'evaluator', projects: [project], name: 'Audited evaluator' },
  });
  const { id, key } = issued.json();
  const refused = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${project}/residents`,
    headers: { authorization: `Bearer ${key}` },
    payload: { id: 'grace-hopper', name: 'Grace Hopper' },
  });
  t.equal(refused.statusCode, 403);
  t.match((await projectEntries()).at(-1), {
    keyId: id,
    role: 'evaluator',
    action: 'POST /api/v1/projects/:p/residents',
    counts: null,
    status: 403,
  });
});

t.test('reads and requests without a valid key leave no entry', async (t) => {
  const before = (await projectEntries()).length;
  await app.inject({ url: `/api/v1/projects/${project}/graph`, headers: auth });
  await app.inject({ method: 'POST', url: `/api/v1/projects/${project}/residents`, payload: {} });
  t.equal((await projectEntries()).length, before);
});

t.test('the log pages oldest first with a cursor', async (t) => {
  const all = await projectEntries();
  t.ok(all.length >= 4, `${all.length} entries`);
  const first = await auditPage(`project=${project}&limit=2`);
  t.same(first.entries, all.slice(0, 2));
  t.type(first.next, 'string');
  const second = await auditPage(`project=${project}&limit=2&after=${first.next}`);
  t.same(second.entries, all.slice(2, 4));
});

t.test('the log filters by time', async (t) => {
  const all = await projectEntries();
  const to = all[0].at;
  const early = await auditPage(`project=${project}&to=${to}`);
  t.ok(early.entries.length >= 1 && early.entries.every((e) => e.at <= to));
  t.ok(early.entries.length < all.length);
});

t.test('a cursor that is not one is a 400 naming after', async (t) => {
  const response = await app.inject({ url: '/api/v1/audit?after=nonsense', headers: auth });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['after'],
  );
});
