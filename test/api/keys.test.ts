// Issued keys: the secret is shown once and stored hashed; revoked and expired keys answer 401
// from the next request on, on every replica; failed key attempts are throttled per address.
import t from 'tap';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { FailedAttempts } from '../../server/plugins/auth.ts';
import { auth, createProject, testApp, testConfig, uniqueProject } from '../helpers/server.ts';

let app: FastifyInstance;
const project = uniqueProject('keys');

t.before(async () => {
  app = await buildApp(testConfig());
  await createProject(app, project);
});
t.teardown(() => app.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function issue(payload: object) {
  return app.inject({ method: 'POST', url: '/api/v1/keys', headers: auth, payload });
}

async function issued(payload: object): Promise<{ id: string; key: string }> {
  const response = await issue(payload);
  if (response.statusCode !== 201) throw new Error(`key: ${response.statusCode} ${response.body}`);
  return response.json();
}

const me = (key: string, on = app) => on.inject({ url: '/api/v1/me', headers: bearer(key) });

t.test('issuing a key answers 201 with its secret, role, projects and dates', async (t) => {
  const response = await issue({
    role: 'evaluator',
    projects: [project],
    name: 'University evaluation team',
    expiresAt: '2099-01-01T00:00:00+01:00',
  });
  t.equal(response.statusCode, 201);
  const body = response.json();
  t.match(body, {
    id: String,
    key: String,
    role: 'evaluator',
    projects: [project],
    name: 'University evaluation team',
    createdAt: String,
    expiresAt: '2098-12-31T23:00:00.000Z',
  });
  t.ok(body.key.length >= 40, 'the secret is long');
});

t.test('an issued key reads its project and names itself on /me', async (t) => {
  const { id, key } = await issued({ role: 'partner', projects: [project], name: 'Council' });
  t.equal(
    (await app.inject({ url: `/api/v1/projects/${project}`, headers: bearer(key) })).statusCode,
    200,
  );
  t.same((await me(key)).json(), {
    id,
    name: 'Council',
    role: 'partner',
    projects: [project],
    network: false,
    expiresAt: null,
  });
});

t.test('a key names its expiry on /me, so the web app keeps it no longer', async (t) => {
  const { key } = await issued({
    role: 'coordinator',
    projects: [project],
    name: 'Tablet',
    expiresAt: '2099-06-30T18:00:00+01:00',
  });
  t.equal((await me(key)).json().expiresAt, '2099-06-30T17:00:00.000Z');
});

t.test('a partner key with the network grant shows it on /me and in the key list', async (t) => {
  const response = await issue({
    role: 'partner',
    projects: [project],
    name: 'Research unit',
    network: true,
  });
  t.equal(response.statusCode, 201);
  const { id, key, network } = response.json();
  t.equal(network, true);
  t.equal((await me(key)).json().network, true);
  const listed = (await app.inject({ url: '/api/v1/keys', headers: auth }))
    .json()
    .keys.find((k: { id: string }) => k.id === id);
  t.equal(listed.network, true);
});

t.test("the network grant on a key that is not a partner's is a 400 naming network", async (t) => {
  for (const role of ['coordinator', 'evaluator']) {
    const response = await issue({ role, projects: [project], name: 'Granted', network: true });
    t.equal(response.statusCode, 400, role);
    t.same(
      response.json().details.map((d: { path: string }) => d.path),
      ['network'],
    );
  }
});

t.test('only an admin may issue a key with the network grant', async (t) => {
  const { key } = await issued({ role: 'coordinator', projects: [project], name: 'Eager' });
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: bearer(key),
    payload: { role: 'partner', projects: [project], name: 'Self-made', network: true },
  });
  t.equal(response.statusCode, 403);
});

t.test('the admin key names itself on /me', async (t) => {
  t.same((await app.inject({ url: '/api/v1/me', headers: auth })).json(), {
    id: 'admin',
    name: 'PEOPLEMAP_ADMIN_KEY',
    role: 'admin',
    projects: '*',
    network: false,
    expiresAt: null,
  });
});

t.test('the key list never shows a secret and records when a key was last used', async (t) => {
  const { id, key } = await issued({ role: 'coordinator', projects: [project], name: 'Hub' });
  await me(key);
  const response = await app.inject({ url: '/api/v1/keys', headers: auth });
  t.equal(response.statusCode, 200);
  t.notMatch(response.body, key, 'no secret');
  t.notMatch(response.body, createHash('sha256').update(key).digest('hex'), 'no hash');
  const listed = response.json().keys.find((k: { id: string }) => k.id === id);
  t.match(listed, {
    role: 'coordinator',
    projects: [project],
    name: 'Hub',
    network: false,
    expiresAt: null,
  });
  t.ok(Date.now() - Date.parse(listed.lastUsedAt) < 60_000, 'used just now');
  t.notOk('key' in listed);
});

t.test('the store holds the secret only as its SHA-256', async (t) => {
  const { id, key } = await issued({ role: 'evaluator', projects: [project], name: 'Stored' });
  const stored = await app.store.db.read(async (tx) =>
    (await tx.run('MATCH (k:ApiKey {id: $id}) RETURN properties(k) AS p', { id })).records[0].get(
      'p',
    ),
  );
  t.equal(stored.hash, createHash('sha256').update(key).digest('hex'));
  t.notMatch(JSON.stringify(stored), key);
});

t.test('a revoked key answers 401 from the next request on', async (t) => {
  const { id, key } = await issued({ role: 'coordinator', projects: [project], name: 'Gone' });
  t.equal((await me(key)).statusCode, 200);
  const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/keys/${id}`, headers: auth });
  t.equal(revoke.statusCode, 204);
  t.equal((await me(key)).statusCode, 401);
});

t.test('a key revoked on one replica answers 401 on another at once', async (t) => {
  const replica = await testApp(t);
  const { id, key } = await issued({ role: 'evaluator', projects: [project], name: 'Twice' });
  t.equal((await me(key, replica)).statusCode, 200);
  await app.inject({ method: 'DELETE', url: `/api/v1/keys/${id}`, headers: auth });
  t.equal((await me(key, replica)).statusCode, 401);
});

t.test('revoking an unknown key answers 404', async (t) => {
  const response = await app.inject({
    method: 'DELETE',
    url: '/api/v1/keys/key_nothing',
    headers: auth,
  });
  t.equal(response.statusCode, 404);
});

t.test('an expired key answers 401', async (t) => {
  const expiresAt = new Date(Date.now() + 1_000).toISOString();
  const { key } = await issued({ role: 'evaluator', projects: [project], name: 'Soon', expiresAt });
  await new Promise((done) => setTimeout(done, 1_200));
  t.equal((await me(key)).statusCode, 401);
});

t.test('a key that would already be expired is a 400 naming expiresAt', async (t) => {
  const response = await issue({
    role: 'evaluator',
    projects: [project],
    name: 'Late',
    expiresAt: '2001-01-01T00:00:00Z',
  });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['expiresAt'],
  );
});

t.test('a key for an unknown project is a 400 naming it', async (t) => {
  const response = await issue({ role: 'partner', projects: [project, 'no-such'], name: 'Typo' });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['projects.1'],
  );
});

t.test('an admin key limited to some projects is a 400 naming projects', async (t) => {
  const response = await issue({ role: 'admin', projects: [project], name: 'Half admin' });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['projects'],
  );
});

t.test('an unknown role is a 400 naming role', async (t) => {
  const response = await issue({ role: 'owner', projects: '*', name: 'Who' });
  t.equal(response.statusCode, 400);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['role'],
  );
});

t.test('an issued admin key may issue keys', async (t) => {
  const { key } = await issued({ role: 'admin', projects: '*', name: 'Second admin' });
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: bearer(key),
    payload: { role: 'partner', projects: [project], name: 'Issued by an issued admin' },
  });
  t.equal(response.statusCode, 201);
});

t.test('failed key attempts beyond the limit answer 429 with Retry-After', async (t) => {
  const strict = await testApp(t, { AUTH_FAILURES_PER_MINUTE: 3 });
  const attempt = (headers: Record<string, string>, remoteAddress = '10.0.0.7') =>
    strict.inject({ url: '/api/v1/me', headers, remoteAddress });
  for (let i = 0; i < 3; i++) t.equal((await attempt(bearer('guess-' + i))).statusCode, 401);
  const refused = await attempt({});
  t.equal(refused.statusCode, 429);
  t.equal(refused.json().error, 'too_many_failed_keys');
  const wait = Number(refused.headers['retry-after']);
  t.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
  t.equal(
    (await attempt(bearer('guess-4'))).statusCode,
    429,
    'a wrong key, until the minute is over',
  );
  t.equal((await attempt(auth)).statusCode, 200, 'a valid key is never locked out');
  t.equal(
    (await attempt(bearer('guess-5'), '10.0.0.8')).statusCode,
    401,
    'other addresses are unaffected',
  );
});

t.test('an address may try keys again once its minute is over', async (t) => {
  const failures = new FailedAttempts(2);
  failures.record('10.0.0.9', 0);
  failures.record('10.0.0.9', 1_000);
  t.equal(failures.retryAfter('10.0.0.9', 30_000), 30);
  t.equal(failures.retryAfter('10.0.0.9', 60_000), 0);
});
