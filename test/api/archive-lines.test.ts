// The archive on one instance: every event type survives a restore under another id (`?as=`), the
// copy still refuses an erased id, a key's name is carried and never its secret, the archive as
// JSON lines holds what the document holds (gzip too), a restore from lines answers in progress
// lines, and whatever fails after the first step (a changed line, a file cut short, an event that
// cannot be written) leaves nothing of the copy behind.
import t from 'tap';
import { gunzipSync } from 'node:zlib';
import { checksumOf, type Archive } from '../../server/archive.ts';
import {
  inGroup,
  measure,
  move,
  participation,
  retraction,
  tie,
  untie,
} from '../helpers/events.ts';
import { auth, joinedEarly, postOk, projectWith, testApp } from '../helpers/server.ts';

const JAN = '2025-01-10T10:00:00Z';
const FEB = '2025-02-10T10:00:00Z';
const MARCH = '2025-03-01T10:00:00Z';
const APRIL = '2025-04-10T10:00:00Z';
/** The log's event types, as README.md's events table lists them (not read from the code). */
const EVERY_TYPE = [
  'attendance',
  'connection',
  'departure',
  'disconnection',
  'interview',
  'leave',
  'measure',
  'membership',
  'participation',
  'retraction',
  'return',
];

const app = await testApp(t);
const { p, api } = await projectWith(app, 'lines', {
  residents: joinedEarly('a', 'b', 'c', 'd', 'e', 'f', 'g'),
  groups: [
    { id: 'choir', name: 'Choir', kind: 'association' },
    { id: 'walk', name: 'Walk', kind: 'activity' },
  ],
  events: [
    tie('t1', 'a', 'b', JAN),
    tie('t2', 'c', 'a', JAN, { strength: 3 }),
    tie('t3', 'c', 'd', JAN),
    tie('t4', 'f', 'g', JAN),
    tie('t5', 'b', 'd', JAN),
    retraction('x5', 't5', FEB),
    untie('u3', 'c', 'd', FEB),
    inGroup('membership', 'm1', 'a', 'choir', JAN),
    inGroup('attendance', 'v1', 'b', 'walk', FEB),
    inGroup('departure', 'd1', 'a', 'choir', APRIL),
    measure('w0', 'a', JAN, 44, { wave: 'baseline' }),
    participation('pa', 'a', JAN, APRIL),
    move('leave', 'l1', 'e', FEB),
    move('return', 'r1', 'e', APRIL),
  ],
});
// a wave interview: the interview, a connection and a disconnection with source "wave"
await postOk(app, `${api}/waves/spring/answers`, { resident: 'a', at: MARCH, named: ['b', 'f'] });
const erased = await app.inject({ method: 'DELETE', url: `${api}/residents/g`, headers: auth });
if (erased.statusCode !== 204) throw new Error(erased.body);
const issued = await app.inject({
  method: 'POST',
  url: '/api/v1/keys',
  headers: auth,
  payload: { role: 'coordinator', projects: [p], name: 'Lines coordinator' },
});
if (issued.statusCode !== 201) throw new Error(issued.body);
const secret: string = issued.json().key;

const archive = (await app.inject({ url: `${api}/archive`, headers: auth })).json() as Archive;
const READS = [
  '/residents',
  '/events?limit=10000',
  '/graph?at=2025-05-01T00:00:00Z&groups=true',
  '/metrics?at=2025-05-01T00:00:00Z',
  '/timeline?from=2025-01-01T00:00:00Z&to=2025-05-01T00:00:00Z&interval=month',
  '/history',
  '/export.csv?at=2025-05-01T00:00:00Z&table=ties',
];
/** A read, the copy's own id in it (the history names the project) written as the original's. */
const read = async (project: string, path: string) =>
  (await app.inject({ url: `/api/v1/projects/${project}${path}`, headers: auth })).body.replaceAll(
    `"${project}"`,
    `"${p}"`,
  );
const status = async (project: string) =>
  (await app.inject({ url: `/api/v1/projects/${project}`, headers: auth })).statusCode;
const restoreDocument = (body: unknown, query: string, accept = 'application/json') =>
  app.inject({
    method: 'POST',
    url: `${api}/restore${query}`,
    headers: { ...auth, accept },
    payload: body as object,
  });
const restoreLines = (lines: string, query: string, extra: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `${api}/restore.jsonl${query}`,
    headers: { ...auth, 'content-type': 'application/x-ndjson', ...extra },
    payload: lines,
  });
const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>);

t.test('every event type survives a restore under another id', async (t) => {
  t.same([...new Set(archive.events.map((e) => e.type))].sort(), EVERY_TYPE);
  const copy = `${p}-copy`;
  const restored = await restoreDocument(archive, `?as=${copy}`);
  t.equal(restored.statusCode, 201, restored.body);
  for (const path of READS) t.equal(await read(copy, path), await read(p, path), path);
  const erasedAgain = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${copy}/residents`,
    headers: auth,
    payload: { id: 'g', name: 'G again' },
  });
  t.equal(erasedAgain.statusCode, 409, 'the erased id stays refused in the copy');
  t.equal(erasedAgain.json().error, 'erased');
  const again = await restoreDocument(archive, `?as=${copy}`);
  t.equal(again.statusCode, 409);
  t.equal(again.json().details[0].path, 'as');
});

t.test('a key travels by its name and role, never its secret', async (t) => {
  t.match(archive.keys, [{ name: 'Lines coordinator', role: 'coordinator' }]);
  t.notOk(JSON.stringify(archive).includes(secret), 'the secret is nowhere in the archive');
  const copy = `${p}-keys`;
  t.equal((await restoreDocument(archive, `?as=${copy}`)).statusCode, 201);
  const withOldKey = await app.inject({
    url: `/api/v1/projects/${copy}/residents`,
    headers: { authorization: `Bearer ${secret}` },
  });
  t.equal(withOldKey.statusCode, 403, 'the old key does not open the copy');
});

t.test('the archive as JSON lines holds what the document holds', async (t) => {
  const response = await app.inject({ url: `${api}/archive.jsonl`, headers: auth });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], 'application/x-ndjson');
  const lines = jsonLines(response.body);
  t.match(lines[0], { format: 'peoplemap-archive-lines', version: 1, project: archive.project });
  t.equal(lines[0].tombstoneKey, archive.tombstoneKey);
  t.equal(lines[0].events, archive.events.length);
  t.equal(lines.at(-1)!.end.lines, lines.length - 1);
  const of = (kind: string) => lines.filter((l) => kind in l).map((l) => l[kind]);
  t.same(of('event'), archive.events, 'events in the same order');
  t.same(of('resident'), archive.residents);
  t.same(of('tombstone'), archive.tombstones);
  t.same(of('group'), archive.groups);
  t.same(of('key'), archive.keys);
  const gzipped = await app.inject({ url: `${api}/archive.jsonl?gzip=true`, headers: auth });
  t.equal(gzipped.headers['content-type'], 'application/gzip');
  const unzipped = jsonLines(gunzipSync(gzipped.rawPayload).toString('utf8'));
  t.same(unzipped.slice(1, -1), lines.slice(1, -1), 'the same lines, compressed');
});

t.test('a restore from lines answers in progress lines and reads the same', async (t) => {
  const text = (await app.inject({ url: `${api}/archive.jsonl`, headers: auth })).body;
  const copy = `${p}-lines`;
  const response = await restoreLines(text, `?as=${copy}`, { accept: 'application/x-ndjson' });
  t.equal(response.statusCode, 201, response.body);
  const lines = jsonLines(response.body);
  const n = archive.events.length;
  t.same(lines[0], { progress: { step: 'project', events: 0, of: n } });
  t.same(lines.at(-2), { progress: { step: 'events', events: n, of: n } });
  t.match(lines.at(-1), { restored: { dryRun: false, events: n, residents: 6, tombstones: 1 } });
  for (const path of READS) t.equal(await read(copy, path), await read(p, path), path);
  const gz = (await app.inject({ url: `${api}/archive.jsonl?gzip=true`, headers: auth }))
    .rawPayload;
  const fromGzip = await app.inject({
    method: 'POST',
    url: `${api}/restore.jsonl?as=${p}-gz&dryRun=true`,
    headers: { ...auth, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
    payload: gz,
  });
  t.equal(fromGzip.statusCode, 200, fromGzip.body);
  t.match(fromGzip.json(), { dryRun: true, events: n });
  t.equal(await status(`${p}-gz`), 404, 'a dry run keeps nothing');
});

t.test('a changed or cut-short file is refused after its steps, and nothing is kept', async (t) => {
  const text = (await app.inject({ url: `${api}/archive.jsonl`, headers: auth })).body;
  const changed = text.replace('"name":"B"', '"name":"Someone else"');
  t.not(changed, text);
  const copy = `${p}-changed`;
  const refused = await restoreLines(changed, `?as=${copy}`);
  t.equal(refused.statusCode, 400, refused.body);
  t.equal(refused.json().details[0].path, 'checksum');
  t.equal(await status(copy), 404);
  const cut = text.trim().split('\n').slice(0, -1).join('\n');
  const short = await restoreLines(cut, `?as=${copy}`);
  t.equal(short.statusCode, 400);
  t.equal(short.json().details[0].path, 'checksum');
  t.equal(await status(copy), 404);
  const misspelt = text.replace('"type":"measure"', '"type":"mesure"');
  const badLine = await restoreLines(misspelt, `?as=${copy}`);
  t.equal(badLine.statusCode, 400);
  t.match(badLine.json().details[0].path, /^line\.\d+\.event/);
  t.equal(await status(copy), 404);
});

t.test('an event that cannot be written ends the progress lines with the error', async (t) => {
  const wrong = structuredClone(archive);
  const at = wrong.events.findIndex((e) => e.type === 'connection');
  Object.assign(wrong.events[at], { from: 'nobody' });
  const { checksum: _old, ...rest } = wrong;
  const copy = `${p}-wrong`;
  const response = await restoreDocument(
    { ...rest, checksum: checksumOf(rest) },
    `?as=${copy}`,
    'application/x-ndjson',
  );
  t.equal(response.statusCode, 201, 'the lines had started');
  const last = jsonLines(response.body).at(-1)!;
  t.equal(last.error.status, 400);
  t.match(last.error.details, [{ path: `events.${at}.from` }]);
  t.equal(await status(copy), 404, 'the residents written in the first step are gone');
});
