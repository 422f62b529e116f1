// The project archive, between two servers with separate Neo4j databases: a project with ties,
// memberships, measures, a retraction, a withdrawal, an erasure, a cost and a release is archived
// on one and restored on the other, and every read answers the same; a dry run writes nothing; an
// erased id stays refused; a changed archive, an existing project and another hash secret are
// refused with nothing written.
import t from 'tap';
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { checksumOf, type Archive } from '../../server/archive.ts';
import { inGroup, measure, retraction, tie } from '../helpers/events.ts';
import { ownNeo4j } from '../helpers/own-neo4j.ts';
import { auth, communities, postOk, testApp, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('archive');
const api = `/api/v1/projects/${p}`;

async function build(app: FastifyInstance): Promise<void> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: auth,
    payload: { id: p, name: 'Archived programme', template: 'abcd-programme' },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const primary = await app.inject({
    method: 'PUT',
    url: `${api}/primary-instrument`,
    headers: auth,
    payload: { primaryInstrument: 'temperature' },
  });
  if (primary.statusCode !== 200) throw new Error(primary.body);
  await postOk(app, `${api}/communities`, { communities: communities('riverside', 'hilltop') });
  const person = (id: string, communityId: string, extra = {}) => ({
    id,
    name: id.toUpperCase(),
    communityId,
    consent: 'given',
    participant: id < 'd',
    ...extra,
  });
  await postOk(app, `${api}/residents`, {
    residents: [
      person('ann', 'riverside'),
      person('bob', 'riverside'),
      person('cat', 'riverside', { joinedAt: '2024-12-01T00:00:00Z' }),
      person('dan', 'hilltop'),
      person('eve', 'hilltop', { consent: 'pending' }),
      person('fay', 'hilltop'),
      person('gus', 'hilltop'),
    ],
  });
  await postOk(app, `${api}/groups`, {
    groups: [
      { id: 'choir', name: 'Choir', kind: 'association', communityId: 'riverside' },
      { id: 'walk', name: 'Walk', kind: 'activity' },
    ],
  });
  await postOk(app, `${api}/costs`, {
    id: 'grant',
    at: '2025-01-01T00:00:00Z',
    amount: 1200,
    currency: 'GBP',
    description: 'facilitation',
  });
  const ev = [
    tie('t1', 'ann', 'bob', '2025-01-10T10:00:00Z', { strength: 3 }),
    tie('t2', 'bob', 'cat', '2025-01-10T10:00:00Z'),
    tie('t3', 'cat', 'dan', '2025-02-10T10:00:00Z', { strength: 1 }),
    tie('t4', 'dan', 'eve', '2025-03-10T10:00:00Z'),
    tie('t5', 'eve', 'fay', '2025-03-10T10:00:00Z'),
    tie('t6', 'fay', 'gus', '2025-04-10T10:00:00Z'),
    tie('t7', 'ann', 'dan', '2025-04-10T10:00:00Z'),
    retraction('r1', 't7', '2025-04-11T10:00:00Z'),
    inGroup('membership', 'm1', 'ann', 'choir', '2025-01-05T10:00:00Z'),
    inGroup('attendance', 'a1', 'bob', 'walk', '2025-03-01T10:00:00Z'),
    ...['ann', 'bob', 'cat', 'dan', 'fay'].flatMap((r, i) => [
      measure(`w0-${r}`, r, '2025-01-02T10:00:00Z', 40 + i, { wave: 'baseline' }),
      measure(`w1-${r}`, r, '2025-05-02T10:00:00Z', 44 + 2 * i, { wave: 'follow-up' }),
    ]),
    measure('temp-ann', 'ann', '2025-05-02T10:00:00Z', 7, { instrument: 'temperature' }),
  ];
  await postOk(app, `${api}/events`, { events: ev });
  const withdraw = await app.inject({
    method: 'PATCH',
    url: `${api}/residents/fay`,
    headers: auth,
    payload: { consent: 'withdrawn' },
  });
  if (withdraw.statusCode !== 200) throw new Error(withdraw.body);
  const erase = await app.inject({ method: 'DELETE', url: `${api}/residents/gus`, headers: auth });
  if (erase.statusCode !== 204) throw new Error(`${erase.statusCode} ${erase.body}`);
  const release = await app.inject({
    method: 'POST',
    url: `${api}/releases`,
    headers: auth,
    payload: {
      name: 'Winter to May',
      baseline: '2025-01-31T00:00:00Z',
      followup: '2025-05-31T00:00:00Z',
      interval: 'month',
    },
  });
  if (release.statusCode !== 201) throw new Error(release.body);
}

/** Every read the issue names, as the admin reads it. */
const READS = [
  '',
  '/communities',
  '/residents',
  '/groups',
  '/instruments',
  '/costs',
  '/events?limit=10000',
  '/graph?at=2025-06-01T00:00:00Z&groups=true',
  '/metrics?at=2025-06-01T00:00:00Z',
  '/metrics?at=2025-06-01T00:00:00Z&weighted=true',
  '/metrics?at=2025-03-01T00:00:00Z&community=hilltop',
  '/timeline?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z&interval=month',
  '/history',
  '/report?baseline=2025-01-31T00:00:00Z&followup=2025-05-31T00:00:00Z',
  '/report/waves',
  '/releases',
  '/export.gexf?at=2025-06-01T00:00:00Z',
  '/export.graphml?at=2025-06-01T00:00:00Z',
  '/export.csv?at=2025-06-01T00:00:00Z&table=ties',
  '/export.csv?at=2025-06-01T00:00:00Z&table=residents',
];

const read = async (app: FastifyInstance, path: string) => {
  const response = await app.inject({ url: `${api}${path}`, headers: auth });
  return { status: response.statusCode, body: response.body };
};

const restore = (app: FastifyInstance, archive: unknown, query = '') =>
  app.inject({
    method: 'POST',
    url: `${api}/restore${query}`,
    headers: auth,
    payload: archive as object,
  });

t.test('a project archived on one server and restored on another', async (t) => {
  const original = await testApp(t);
  await build(original);
  const response = await original.inject({ url: `${api}/archive`, headers: auth });
  t.equal(response.statusCode, 200, response.body.slice(0, 300));
  const archive = response.json() as Archive;
  const other = await ownNeo4j(t, 'archive-restore');
  const restored = other.app;

  t.test('the archive holds everything, and names of keys but no secrets', async (t) => {
    t.match(archive, { format: 'peoplemap-archive', version: 1 });
    t.equal(archive.residents.length, 6, 'gus is erased: only his tombstone is kept');
    t.equal(archive.tombstones.length, 1);
    t.notMatch(JSON.stringify(archive), /"gus"|GUS/, 'the erased id appears nowhere');
    t.ok(
      archive.events.some((e) => e.type === 'retraction'),
      'retractions kept',
    );
    t.equal(archive.residents.find((r) => r.id === 'fay')?.consent, 'withdrawn');
    t.equal(archive.releases.length, 1);
    t.equal(archive.project.primaryInstrument, 'temperature', "the report's headline instrument");
    t.notMatch(JSON.stringify(archive.keys), /secret|hash/i);
  });

  t.test('a dry run on the other server checks everything and writes nothing', async (t) => {
    const dry = await restore(restored, archive, '?dryRun=true');
    t.equal(dry.statusCode, 200, dry.body);
    t.match(dry.json(), { dryRun: true, residents: 6, events: archive.events.length });
    t.equal((await read(restored, '')).status, 404);
  });

  t.test('the restore answers 201 and every read equals the original', async (t) => {
    const real = await restore(restored, archive);
    t.equal(real.statusCode, 201, real.body);
    t.match(real.json(), { dryRun: false, tombstones: 1, releases: 1 });
    for (const path of READS) {
      const [a, b] = [await read(original, path), await read(restored, path)];
      t.equal(a.status, 200, `${path} answers on the original`);
      t.equal(b.body, a.body, `${path} reads the same`);
    }
  });

  t.test('the restored archive is the same archive', async (t) => {
    const again = (await restored.inject({ url: `${api}/archive`, headers: auth })).json();
    const strip = ({ createdAt: _c, checksum: _s, ...rest }: Archive) => rest;
    t.same(strip(again), strip(archive));
  });

  t.test('an erased id stays refused after the restore', async (t) => {
    const response = await restored.inject({
      method: 'POST',
      url: `${api}/residents`,
      headers: auth,
      payload: { id: 'gus', name: 'Gus again' },
    });
    t.equal(response.statusCode, 409);
    t.equal(response.json().error, 'erased');
  });

  t.test('restoring a project that exists is a 409 and changes nothing', async (t) => {
    const again = await restore(restored, archive);
    t.equal(again.statusCode, 409);
    t.equal(again.json().details[0].path, 'project.id');
    t.equal((await read(restored, '/residents')).body, (await read(original, '/residents')).body);
  });

  t.test('taking the archive and restoring it are in the audit log', async (t) => {
    const actions = async (app: FastifyInstance) =>
      (
        (await app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth })).json().entries as {
          action: string;
        }[]
      ).map((e) => e.action);
    t.ok((await actions(original)).includes('GET /api/v1/projects/:p/archive'));
    t.ok((await actions(restored)).includes('POST /api/v1/projects/:p/restore'));
  });

  t.test('a changed archive is a 400 naming checksum', async (t) => {
    const tampered = structuredClone(archive);
    tampered.residents[0].name = 'Someone else';
    // checked before anything else, so the project existing there does not matter
    const response = await restore(restored, tampered);
    t.equal(response.statusCode, 400);
    t.equal(response.json().details[0].path, 'checksum');
  });

  t.test('an archive keyed with another hash secret is refused, naming tombstoneKey', async (t) => {
    const elsewhere = structuredClone(archive);
    // what an instance with another PEOPLEMAP_HASH_SECRET writes (tombstones.ts keyCheck)
    elsewhere.tombstoneKey = createHmac('sha256', 'another-hash-secret')
      .update(`${p}\u0000\u0000archive`)
      .digest('hex');
    elsewhere.checksum = checksumOf(elsewhere);
    const response = await restore(original, elsewhere);
    t.equal(response.statusCode, 400, response.body);
    t.equal(response.json().details[0].path, 'tombstoneKey');
    t.match(response.json().message, 'PEOPLEMAP_HASH_SECRET');
  });
});
