// The API's answers as a careful client and a hostile one meet them: the event cursor is sealed
// (nothing of it readable, any change refused), no answer may be cached, a 401 names the scheme,
// others' failed keys never lock out a valid key, the client's address is read through a trusted
// proxy, and a partner's reads are on the audit log.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('hardening');
const other = uniqueProject('hardening-other');
const api = `/api/v1/projects/${p}`;
const EVENT_IDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];

let app: FastifyInstance;
let coordinator: TestKey;
let partner: TestKey;

t.before(async () => {
  app = await buildApp(testConfig());
  await createProject(app, p);
  await createProject(app, other);
  await postOk(app, `${api}/residents`, {
    residents: ['ann', 'bob', 'cy'].map((id) => ({ id, name: id, consent: 'given' })),
  });
  await postOk(app, `${api}/events`, {
    events: EVENT_IDS.map((id, i) => ({
      id,
      type: 'connection',
      at: `2025-02-0${i + 1}T00:00:00Z`,
      from: ['ann', 'bob', 'cy'][i % 3],
      to: ['bob', 'cy', 'ann'][i % 3],
    })),
  });
  coordinator = await issueKey(app, 'coordinator', [p, other]);
  partner = await issueKey(app, 'partner', [p], { network: true });
});
t.teardown(() => app?.close());

const get = (url: string, headers: Record<string, string> = auth) => app.inject({ url, headers });

t.test('the event cursor reads as nothing and still pages through the log', async (t) => {
  const ids: string[] = [];
  let after = '';
  for (let page = 0; page < 3; page++) {
    const body = (await get(`${api}/events?limit=2${after}`)).json();
    ids.push(...body.events.map((e: { id: string }) => e.id));
    if (!body.next) break;
    const opened = Buffer.from(body.next, 'base64url').toString('latin1');
    // in the clear it was {"atMs":…,"batch":…,"seq":…,"id":"bravo"}
    for (const visible of [...EVENT_IDS, '"atMs"', '"seq"', '"batch"', '"id"'])
      t.notOk(opened.includes(visible), `no ${visible} in the cursor`);
    after = `&after=${body.next}`;
  }
  t.same(ids, EVENT_IDS);
});

t.test('a changed cursor, or one from another key or project, is a 400 naming after', async (t) => {
  const next: string = (await get(`${api}/events?limit=2`)).json().next;
  const flipped = (i: number) =>
    next.slice(0, i) + (next[i] === 'A' ? 'B' : 'A') + next.slice(i + 1);
  const tries = [
    ['a changed byte in the middle', get(`${api}/events?after=${flipped(next.length >> 1)}`)],
    ['a changed tag', get(`${api}/events?after=${flipped(20)}`)],
    ['a cut cursor', get(`${api}/events?after=${next.slice(0, -4)}`)],
    ["another key's", get(`${api}/events?after=${next}`, coordinator.headers)],
    ["another project's", get(`/api/v1/projects/${other}/events?after=${next}`, auth)],
    [
      'plain base64 JSON',
      get(
        `${api}/events?after=${Buffer.from('{"atMs":0,"batch":0,"seq":0,"id":"alpha"}').toString('base64url')}`,
      ),
    ],
  ] as const;
  for (const [label, answer] of tries) {
    const response = await answer;
    t.equal(response.statusCode, 400, label);
    t.same(
      response.json().details.map((d: { path: string }) => d.path),
      ['after'],
      label,
    );
  }
});

t.test('no /api answer may be stored, whatever its status', async (t) => {
  const answers = {
    'a read': await get(`${api}/graph`),
    'a download': await get(`${api}/export.csv`),
    'a refusal': await get(`${api}/graph?at=yesterday`),
    'no key': await get(`${api}/graph`, {}),
    'no such route': await get('/api/v1/nothing-here'),
  };
  t.same(
    Object.values(answers).map((r) => r.statusCode),
    [200, 200, 400, 401, 404],
  );
  for (const [label, response] of Object.entries(answers))
    t.equal(response.headers['cache-control'], 'no-store', label);
});

t.test('a 401 says a bearer key is wanted', async (t) => {
  for (const headers of [{}, { authorization: 'Bearer not-a-key' }] as Record<string, string>[]) {
    const response = await get(`${api}/graph`, headers);
    t.equal(response.statusCode, 401);
    t.equal(response.headers['www-authenticate'], 'Bearer realm="peoplemap"');
  }
});

/** A request from a client address, optionally through a proxy that adds X-Forwarded-For. */
const from = (
  server: FastifyInstance,
  address: string,
  headers: Record<string, string>,
  forwardedFor?: string,
) =>
  server.inject({
    url: '/api/v1/me',
    remoteAddress: address,
    headers: forwardedFor ? { ...headers, 'x-forwarded-for': forwardedFor } : headers,
  });

const BAD = { authorization: 'Bearer not-a-key' };

t.test("others' failed keys from one address never lock out a valid key", async (t) => {
  const strict = await buildApp(testConfig({ AUTH_FAILURES_PER_MINUTE: 3 }));
  t.teardown(() => strict.close());
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await from(strict, '198.51.100.7', BAD)).statusCode);
  t.same(statuses, [401, 401, 401, 429], 'the fourth failure in the minute is throttled');
  t.equal((await from(strict, '198.51.100.7', auth)).statusCode, 200, 'a valid key still gets in');
  t.equal((await from(strict, '198.51.100.7', BAD)).statusCode, 429, 'a wrong one still does not');
});

t.test('behind a trusted proxy, each client is throttled on its own address', async (t) => {
  const proxied = await buildApp(
    testConfig({ AUTH_FAILURES_PER_MINUTE: 2, TRUST_PROXY: '10.0.0.1' }),
  );
  const direct = await buildApp(testConfig({ AUTH_FAILURES_PER_MINUTE: 2 }));
  t.teardown(() => Promise.all([proxied.close(), direct.close()]));
  for (const server of [proxied, direct])
    for (let i = 0; i < 3; i++) await from(server, '10.0.0.1', BAD, '203.0.113.1');
  t.equal((await from(proxied, '10.0.0.1', BAD, '203.0.113.1')).statusCode, 429, 'client A');
  t.equal((await from(proxied, '10.0.0.1', BAD, '203.0.113.2')).statusCode, 401, 'client B');
  // without TRUST_PROXY every client behind the proxy shares its address
  t.equal((await from(direct, '10.0.0.1', BAD, '203.0.113.2')).statusCode, 429, 'shared');
  // an untrusted peer cannot pick its own address by writing X-Forwarded-For
  for (let i = 0; i < 3; i++) await from(proxied, '192.0.2.9', BAD, `203.0.113.${10 + i}`);
  t.equal((await from(proxied, '192.0.2.9', BAD, '203.0.113.99')).statusCode, 429, 'spoofer');
});

t.test("a partner's reads of a project are audited, one entry per request", async (t) => {
  const reads = ['events', 'history', 'graph'];
  const statuses: number[] = [];
  for (const path of reads)
    statuses.push((await get(`${api}/${path}`, partner.headers)).statusCode);
  await get(`${api}/graph`, coordinator.headers);
  const { entries } = (await get(`/api/v1/audit?project=${p}`)).json();
  // the admin's export above is audited too, as every export is: the other keys' reads here
  const reading = entries.filter(
    (e: { keyId: string; action: string }) => e.keyId !== 'admin' && e.action.startsWith('GET '),
  );
  t.same(
    reading.map((e: { keyId: string; action: string; status: number }) => [
      e.keyId,
      e.action,
      e.status,
    ]),
    reads.map((path, i) => [partner.id, `GET /api/v1/projects/:p/${path}`, statuses[i]]),
    "the partner's three reads, not the coordinator's",
  );
});
