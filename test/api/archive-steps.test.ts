// A restore longer than one step: an archive of 10,251 events is written 10,000 events per
// transaction (docs/operations.md), so this one takes two steps. The copy reads as the original
// does, and an event that cannot be written in the second step is named by its place in the whole
// archive, after a progress line for the first step, with nothing of the copy kept.
import t from 'tap';
import { checksumOf, type Archive } from '../../server/archive.ts';
import { tie, untie } from '../helpers/events.ts';
import { auth, joinedEarly, projectWith, testApp } from '../helpers/server.ts';

/** Ties a–b, b–c, c–d, d–a in turn, each made and ended a minute later: 10,251 events. */
const EVENTS = 10_251;
const PAIRS = [
  ['a', 'b'],
  ['b', 'c'],
  ['c', 'd'],
  ['d', 'a'],
];
const START = Date.parse('2025-01-01T00:00:00Z');
const minute = (i: number) => new Date(START + i * 60_000).toISOString();
const events = Array.from({ length: EVENTS }, (_, i) => {
  const [from, to] = PAIRS[Math.floor(i / 2) % PAIRS.length];
  return i % 2 === 0 ? tie(`e${i}`, from, to, minute(i)) : untie(`e${i}`, from, to, minute(i));
});
// the last event, 10,250, is even: a connection of pair 5,125 mod 4 = 1, b–c, which still holds
const END = minute(EVENTS);

const app = await testApp(t);
const { p, api } = await projectWith(app, 'steps', {
  residents: joinedEarly('a', 'b', 'c', 'd'),
  events,
});
const archive = (await app.inject({ url: `${api}/archive`, headers: auth })).json() as Archive;

const status = async (project: string) =>
  (await app.inject({ url: `/api/v1/projects/${project}`, headers: auth })).statusCode;
const restore = (body: unknown, copy: string) =>
  app.inject({
    method: 'POST',
    url: `${api}/restore?as=${copy}`,
    headers: { ...auth, accept: 'application/x-ndjson' },
    payload: body as object,
  });
const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>);

t.test('an archive of two steps restores whole, and the copy reads the same', async (t) => {
  t.equal(archive.events.length, EVENTS);
  const copy = `${p}-copy`;
  const response = await restore(archive, copy);
  t.equal(response.statusCode, 201, response.body.slice(0, 300));
  const progress = lines(response.body).flatMap((l) => (l.progress ? [l.progress] : []));
  t.same(
    progress.filter((l) => l.step === 'events').map((l) => l.events),
    [10_000, EVENTS],
    'a progress line after each step of events',
  );
  const graph = (project: string) =>
    app.inject({ url: `/api/v1/projects/${project}/graph?at=${END}`, headers: auth });
  const edges = (await graph(copy)).json().edges as { source: string; target: string }[];
  t.same(
    edges.map((e) => [e.source, e.target].sort()),
    [['b', 'c']],
    'only the last tie, b–c, holds',
  );
  t.equal((await graph(copy)).body.replaceAll(copy, p), (await graph(p)).body);
  const log = (project: string, after = '') =>
    app.inject({
      url: `/api/v1/projects/${project}/events?limit=10000${after && `&after=${after}`}`,
      headers: auth,
    });
  const first = (await log(copy)).json();
  t.equal(first.events.length, 10_000);
  const second = (await log(copy, first.next)).json();
  t.equal(second.events.length, EVENTS - 10_000, 'the rest on the next page');
  t.equal(second.events.at(-1).id, `e${EVENTS - 1}`);
});

t.test('an event in the second step that cannot be written is named by its place', async (t) => {
  const wrong = structuredClone(archive);
  const at = 10_123;
  t.equal(wrong.events[at].type, 'disconnection');
  Object.assign(wrong.events[at], { from: 'nobody' });
  const { checksum: _old, ...rest } = wrong;
  const copy = `${p}-wrong`;
  const response = await restore({ ...rest, checksum: checksumOf(rest) }, copy);
  t.equal(response.statusCode, 201, 'the lines had started');
  const all = lines(response.body);
  t.ok(
    all.some((l) => l.progress?.step === 'events' && l.progress.events === 10_000),
    'the first step of events was written before',
  );
  const last = all.at(-1)!;
  t.equal(last.error.status, 400);
  t.match(last.error.details, [{ path: `events.${at}.from` }]);
  t.equal(await status(copy), 404, 'nothing of the copy is kept');
});
