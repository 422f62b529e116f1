// A motivated intruder against the network grant, on the demo programme (issue 16): two partner
// keys with the grant and a coordinator key try the attacks that worked before — rare
// combinations of community, participant, joining and groups, two reads 1 ms apart, lining two
// keys' extracts up row by row, reading the event cursor, reversing a withdrawal, and reading
// personal data that a browser or proxy may keep or that leaves no trace in the audit log. Each
// must now fail. The "before" numbers are counted here from the generated programme itself.
import t from 'tap';
import { generateDemoProgramme } from '../../fixtures/demo-programme.ts';
import { demoGroupKinds, uniqueness } from '../helpers/intruder.ts';
import { expectedPseudonym, issueKey, type TestKey } from '../helpers/keys.ts';
import { auth, loadDemo, startTestServer, TEST_SECRETS, uniqueProject } from '../helpers/server.ts';

const K = 5;
const p = uniqueProject('intruder');
const api = `/api/v1/projects/${p}`;
const demo = generateDemoProgramme();

let server: Awaited<ReturnType<typeof startTestServer>>;
let partners: TestKey[];
let coordinator: TestKey;

t.before(async () => {
  server = await startTestServer();
  await loadDemo(server.baseUrl, server.adminKey, p);
  partners = [
    await issueKey(server.app, 'partner', [p], { network: true }),
    await issueKey(server.app, 'partner', [p], { network: true }),
  ];
  coordinator = await issueKey(server.app, 'coordinator', [p]);
});
t.teardown(() => server?.close());

const get = (url: string, key: TestKey) => server.app.inject({ url, headers: key.headers });
const json = async (url: string, key: TestKey) => {
  const response = await get(url, key);
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};

t.test('rare combinations: no resident a partner reads stands out', async (t) => {
  // before: the residents a partner may count (consent given), with the exact joinedAt and the
  // kinds of the groups they joined, from the programme as generated
  const kinds = demoGroupKinds(demo);
  const given = demo.residents.filter((r) => (r.consent ?? 'pending') === 'given');
  const before = uniqueness(given.map((r) => [r.communityId, r.participant, r.joinedAt]));
  const beforeGroups = uniqueness(
    given.map((r) => [r.communityId, r.participant, r.joinedAt, kinds(r.id)]),
  );
  t.comment(
    `before: ${before.unique} of ${given.length} unique on (community, participant, joinedAt); ${beforeGroups.unique} with their groups' kinds`,
  );
  t.ok(beforeGroups.unique > 0, 'the attack worked on the raw data');

  const history = await json(`${api}/history`, partners[0]);
  const kindOfSeen = new Map(
    history.groups.map((g: { id: string; kind: string }) => [g.id, g.kind]),
  );
  const seenKinds = (id: string) =>
    [
      ...new Set(
        history.memberships
          .filter((m: { resident: string }) => m.resident === id)
          .map((m: { group: string }) => kindOfSeen.get(m.group)),
      ),
    ].sort();
  const after = uniqueness(
    history.residents.map(
      (r: { id: string; communityId: string; participant: boolean; joinedAt: string }) => [
        r.communityId,
        r.participant,
        r.joinedAt,
        seenKinds(r.id),
      ],
    ),
  );
  t.comment(
    `after: ${after.unique} of ${history.residents.length} unique; smallest class ${after.smallest}; privacy ${JSON.stringify(history.privacy)}`,
  );
  t.equal(after.unique, 0);
  t.ok(after.smallest >= K, `every class holds at least ${K}`);
  t.equal(history.privacy.k, K);
  for (const g of demo.groups) t.notOk(JSON.stringify(history).includes(g.name), g.name);
});

t.test('two reads 1 ms apart are one read', async (t) => {
  const at = Date.parse(demo.events[Math.floor(demo.events.length / 2)].at);
  for (const path of ['graph', 'metrics']) {
    const [a, b] = await Promise.all(
      [at, at + 1].map((ms) => get(`${api}/${path}?at=${new Date(ms).toISOString()}`, partners[0])),
    );
    t.equal(a.statusCode, 200, path);
    t.equal(a.body, b.body, path);
  }
});

t.test('two keys’ extracts do not line up row by row', async (t) => {
  const [a, b] = await Promise.all(partners.map((k) => json(`${api}/history`, k)));
  const secret = TEST_SECRETS.PEOPLEMAP_PSEUDONYM_SECRET;
  const real = (key: TestKey) =>
    new Map(given().map((id) => [expectedPseudonym(secret, key.id, p, id), id]));
  const [ra, rb] = partners.map(real);
  const rowsA = a.residents.map((r: { id: string }) => ra.get(r.id));
  const rowsB = b.residents.map((r: { id: string }) => rb.get(r.id));
  t.equal(rowsA.length, rowsB.length);
  const same = rowsA.filter((id: string, i: number) => id === rowsB[i]).length;
  t.comment(`${same} of ${rowsA.length} rows hold the same resident in both extracts`);
  t.ok(same < rowsA.length / 10, 'row i of one extract is not row i of the other');
});

const given = () =>
  demo.residents.filter((r) => (r.consent ?? 'pending') === 'given').map((r) => r.id);

t.test('the event cursor reads as nothing, and partners read no event log', async (t) => {
  t.equal((await get(`${api}/events`, partners[0])).statusCode, 403);
  const page = await json(`${api}/events?limit=5`, coordinator);
  const opened = Buffer.from(page.next, 'base64url').toString('latin1');
  for (const field of ['atMs', 'seq', 'batch']) t.notOk(opened.includes(field), field);
});

t.test('a coordinator cannot read back or reverse a withdrawal', async (t) => {
  const withdrawn = demo.residents.find((r) => r.consent === 'withdrawn')!;
  const url = `${api}/residents/${encodeURIComponent(withdrawn.id)}`;
  for (const payload of [{}, { consent: 'given' }]) {
    const response = await server.app.inject({
      method: 'PATCH',
      url,
      headers: coordinator.headers,
      payload,
    });
    t.equal(response.statusCode, 404, JSON.stringify(payload));
  }
  t.equal((await get(url, coordinator)).statusCode, 404);
});

t.test('no partner read may be kept by a browser, and each is on the audit log', async (t) => {
  const read = await get(`${api}/history`, partners[1]);
  t.equal(read.headers['cache-control'], 'no-store');
  const audit = await server.app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth });
  const entries = audit
    .json()
    .entries.filter((e: { keyId: string }) => e.keyId === partners[1].id)
    .map((e: { action: string }) => e.action);
  t.ok(entries.includes('GET /api/v1/projects/:p/history'));
});

t.test('a partner reads no report, so no two reports 1 ms apart', async (t) => {
  t.equal(
    (
      await get(
        `${api}/report?baseline=2025-01-01T00:00:00Z&followup=2025-06-01T00:00:00Z`,
        partners[0],
      )
    ).statusCode,
    403,
  );
});
