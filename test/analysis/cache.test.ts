// The analysis cache's promise to a reader: an answer read at the project version the reader saw
// or later, never older; at most one computation per question at a time, however fast writes come;
// a shared computation stops only when every reader has gone.
import t from 'tap';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Body } from '../../server/analysis/answer.ts';
import { AnalysisCache, type AnalysisKey } from '../../server/analysis/cache.ts';

const key = (version: number, query: AnalysisKey['query'] = { atMs: 1 }): AnalysisKey => ({
  kind: 'graph',
  project: 'p',
  version,
  visibility: 'admin',
  query,
});

/** A computation the test finishes by hand, recording the store version it read. */
function gate() {
  const started: { resolve: (value: unknown) => void; readVersion: number }[] = [];
  let storeVersion = 0;
  return {
    started,
    setVersion: (v: number) => (storeVersion = v),
    compute: () => new Promise((resolve) => started.push({ resolve, readVersion: storeVersion })),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

t.test('a repeated question at the same version is answered without computing again', async (t) => {
  const cache = new AnalysisCache(8);
  let computed = 0;
  const compute = async () => ({ n: ++computed });
  t.equal(await cache.json(key(3), undefined, compute), '{"n":1}');
  t.equal(await cache.json(key(3), undefined, compute), '{"n":1}');
  t.equal(computed, 1);
});

t.test('a reader who saw a newer version gets a new answer', async (t) => {
  const cache = new AnalysisCache(8);
  let computed = 0;
  const compute = async () => ({ n: ++computed });
  await cache.json(key(3), undefined, compute);
  t.equal(await cache.json(key(4), undefined, compute), '{"n":2}');
  t.equal(computed, 2);
});

t.test('different questions never share an answer', async (t) => {
  const cache = new AnalysisCache(8);
  const a = await cache.json(key(1, { atMs: 1 }), undefined, async () => 'a');
  const b = await cache.json(key(1, { atMs: 2 }), undefined, async () => 'b');
  t.same([a, b], ['"a"', '"b"']);
});

t.test('readers arriving during a computation that covers their version share it', async (t) => {
  const cache = new AnalysisCache(8);
  const g = gate();
  const readers = [1, 1, 1].map((v) => cache.json(key(v), undefined, g.compute));
  await tick();
  t.equal(g.started.length, 1, 'one computation for three readers');
  g.started[0].resolve('x');
  t.same(await Promise.all(readers), ['"x"', '"x"', '"x"']);
});

t.test(
  'a reader who saw a write the running computation may have missed waits for the next, read after it arrived',
  async (t) => {
    const cache = new AnalysisCache(8);
    const g = gate();
    g.setVersion(1);
    const first = cache.json(key(1), undefined, g.compute);
    await tick();
    // a write lands (version 2) while the first computation runs; three readers see version 2
    g.setVersion(2);
    const later = [2, 2, 2].map((v) => cache.json(key(v), undefined, g.compute));
    await tick();
    t.equal(g.started.length, 1, 'the next computation waits for the running one');
    g.started[0].resolve('old');
    t.equal(await first, '"old"');
    await tick();
    t.equal(g.started.length, 2, 'then one computation serves the three');
    t.equal(g.started[1].readVersion, 2, 'and it reads the data after the write');
    g.started[1].resolve('new');
    t.same(await Promise.all(later), ['"new"', '"new"', '"new"']);
  },
);

t.test(
  'under a stream of writes computations per question stay back to back, not one per write',
  async (t) => {
    const cache = new AnalysisCache(8);
    const g = gate();
    const answers: Promise<Body>[] = [];
    // ten writes while one computation runs; a reader after each
    answers.push(cache.json(key(0), undefined, g.compute));
    await tick();
    for (let v = 1; v <= 10; v++) {
      g.setVersion(v);
      answers.push(cache.json(key(v), undefined, g.compute));
    }
    await tick();
    g.started[0].resolve('v0');
    await tick();
    t.equal(g.started.length, 2, 'ten readers of ten versions: one more computation');
    g.started[1].resolve('v10');
    const bodies = await Promise.all(answers);
    t.equal(bodies[0], '"v0"');
    t.same(new Set(bodies.slice(1)), new Set(['"v10"']));
    t.equal(await cache.json(key(10), undefined, g.compute), '"v10"', 'then cached');
  },
);

t.test(
  'a queued computation is told the latest version its readers saw, so it does not answer from an older read',
  async (t) => {
    const cache = new AnalysisCache(8);
    const labels: number[] = [];
    const finishes: ((value: unknown) => void)[] = [];
    const compute = (_signal: AbortSignal, version: number) => {
      labels.push(version);
      return new Promise((resolve) => finishes.push(resolve));
    };
    const first = cache.json(key(1), undefined, compute);
    await tick();
    // the reader at version 2 queues the next computation with its own closure; a reader at 3 joins it
    const queued = [cache.json(key(2), undefined, compute), cache.json(key(3), undefined, compute)];
    finishes[0]('one');
    await first;
    await tick();
    t.same(labels, [1, 3], 'the queued run is labelled 3, not the 2 of the reader who queued it');
    finishes[1]('three');
    t.same(await Promise.all(queued), ['"three"', '"three"']);
  },
);

t.test('a failed computation is not kept: the next reader computes again', async (t) => {
  const cache = new AnalysisCache(8);
  await t.rejects(
    cache.json(key(1), undefined, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  t.equal(await cache.json(key(1), undefined, async () => 'ok'), '"ok"');
});

t.test('a shared computation is aborted only when every reader has gone', async (t) => {
  const cache = new AnalysisCache(8);
  const sockets = [new EventEmitter(), new EventEmitter()];
  const client = (socket: EventEmitter) => ({
    raw: { socket } as unknown as IncomingMessage,
  });
  let signal: AbortSignal | undefined;
  let finish!: (value: unknown) => void;
  const compute = (s: AbortSignal) => {
    signal = s;
    return new Promise((resolve) => (finish = resolve));
  };
  const a = cache.json(key(1), client(sockets[0]), compute);
  const b = cache.json(key(1), client(sockets[1]), compute);
  await tick();
  sockets[0].emit('close');
  t.notOk(signal!.aborted, 'one reader left, one still waits');
  sockets[1].emit('close');
  t.ok(signal!.aborted, 'both gone: the work stops');
  finish('late');
  t.same(await Promise.all([a, b]), ['"late"', '"late"']);
});

t.test(
  'a reader arriving after every earlier reader left gets a computation of its own',
  async (t) => {
    // Found under load: at the end of the warm-up every client went away, their shared metrics
    // stopped, and the first readers of the measured minute joined the stopped computation and got
    // its abort as a 500.
    const cache = new AnalysisCache(8);
    const socket = new EventEmitter();
    const client = { raw: { socket } as unknown as IncomingMessage };
    const runs: {
      signal: AbortSignal;
      finish: (value: unknown) => void;
      fail: (e: Error) => void;
    }[] = [];
    const compute = (signal: AbortSignal) =>
      new Promise((finish, fail) => runs.push({ signal, finish, fail }));
    const gone = cache.json(key(1), client, compute);
    await tick();
    socket.emit('close');
    t.ok(runs[0].signal.aborted, 'its only reader left: the first computation stops');
    const later = cache.json(key(1), undefined, compute);
    const laterStill = cache.json(key(1), undefined, compute);
    // the stopped computation ends as a stopped task does: with its abort
    runs[0].fail(new Error('The task has been aborted'));
    await t.rejects(gone, { message: 'The task has been aborted' });
    await tick();
    t.equal(runs.length, 2, 'one fresh computation for the readers who came after');
    t.notOk(runs[1].signal.aborted);
    runs[1].finish('fresh');
    t.same(await Promise.all([later, laterStill]), ['"fresh"', '"fresh"']);
  },
);

t.test('with no room the cache computes every time but still answers', async (t) => {
  const cache = new AnalysisCache(0);
  let computed = 0;
  const compute = async () => ++computed;
  await cache.json(key(1), undefined, compute);
  await cache.json(key(1), undefined, compute);
  t.equal(computed, 2);
});
