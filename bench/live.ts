// `npm run load -- --scenario=live`: the live stream across two API processes on one Neo4j.
// 1. Delivery: 100 listeners on replica B (viz/common/live.ts, as the web app follows) and 10 on
//    replica A, the baseline in the same run; ties are written on A, one request every WRITE_EVERY_MS
//    (an open loop), and each tie's delivery is timed from its write's answer on A to its event at
//    each listener. B learns of A's writes by polling (LIVE_POLL_MS), A at once.
// 2. Memory: 50 more listeners on B whose clients never read (their sockets paused), while large
//    writes go on (CHANGE_EVENTS ties each); B's own memory (RSS, heap, external) is sampled each
//    second. The hub cuts a listener past LIVE_MAX_UNREAD_BYTES, so memory stays bounded; after
//    the writes each stalled client reads what it was sent and says whether it was cut.
// Results go to bench/results/live.json and latest.json's `live`.
import { connect, type Socket } from 'node:net';
import { LiveFollower } from '../viz/common/live.ts';
import type { ServerProcess } from './server-process.ts';

const LISTENERS_B = 100;
const LISTENERS_A = 10;
const STALLED = 50;
const WRITE_EVERY_MS = 500;
/** Ties per write while the stalled listeners hold on: large changes, so unread bytes mount fast. */
const CHANGE_EVENTS = 500;
const MEMORY_WRITES = 100;
const RESIDENTS = 100;

const log = (line: string) => console.error(`[live ${new Date().toISOString()}] ${line}`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

function summary(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const ms = (q: number) => Math.round(percentile(sorted, q));
  return { count: sorted.length, p50: ms(0.5), p95: ms(0.95), p99: ms(0.99), max: ms(1) };
}

async function call(server: ServerProcess, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`bench: ${path} ${response.status} ${await response.text()}`);
}

/** Listeners following the project on one server; each tie's arrival at each is kept. */
function listeners(server: ServerProcess, project: string, count: number) {
  const arrivals = new Map<string, number[]>();
  let ready = 0;
  const failures: Record<string, number> = {};
  const followers = Array.from({ length: count }, () => {
    const follower = new LiveFollower(
      server.key,
      project,
      {
        ready: () => void ready++,
        change: ({ events }) => {
          const now = performance.now();
          for (const { id } of events) arrivals.set(id, [...(arrivals.get(id) ?? []), now]);
        },
        reset: () => void (failures.reset = (failures.reset ?? 0) + 1),
        state: (state, detail) => {
          if (state === 'retrying') failures[`${detail}`] = (failures[`${detail}`] ?? 0) + 1;
        },
      },
      `${server.baseUrl}/api/v1`,
    );
    follower.start();
    return follower;
  });
  return {
    arrivals,
    failures,
    ready: () => ready,
    stop: () => followers.forEach((f) => f.stop()),
  };
}

/** A client that asks for the stream and then never reads it. */
function stalledClient(server: ServerProcess, project: string) {
  const url = new URL(server.baseUrl);
  const socket: Socket = connect(Number(url.port), url.hostname);
  socket.write(
    `GET /api/v1/projects/${project}/live HTTP/1.1\r\nHost: ${url.host}\r\n` +
      `Authorization: Bearer ${server.key}\r\nAccept: text/event-stream\r\n\r\n`,
  );
  socket.pause();
  return socket;
}

/** Reads what a stalled client was sent, until the server's end or a quiet second. */
function drain(socket: Socket): Promise<{ bytes: number; cut: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let quiet = setTimeout(() => finish(false), 5_000);
    const finish = (cut: boolean) => {
      clearTimeout(quiet);
      socket.destroy();
      resolve({ bytes, cut });
    };
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      clearTimeout(quiet);
      quiet = setTimeout(() => finish(false), 1_000);
    });
    socket.once('end', () => finish(true));
    socket.once('error', () => finish(true));
    socket.resume();
  });
}

async function until(done: () => boolean, what: string, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`bench: ${what} not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A and B serve the same Neo4j; B is started with the memory probe. */
export async function runLive(a: ServerProcess, b: ServerProcess, durationS: number) {
  const project = `live-${Date.now()}`;
  await call(a, '/projects', { id: project, name: 'Live bench' });
  const ids = Array.from({ length: RESIDENTS }, (_, i) => `r${i}`);
  await call(a, `/projects/${project}/residents`, {
    residents: ids.map((id) => ({ id, name: id, joinedAt: '2025-01-01T00:00:00Z' })),
  });
  // the k-th tie: every pair in turn, never a resident with themself
  const tie = (k: number, prefix: string) => {
    const from = ids[k % RESIDENTS];
    const to = ids[(k + 1 + (Math.floor(k / RESIDENTS) % (RESIDENTS - 1))) % RESIDENTS];
    const at = new Date(Date.parse('2025-02-01T00:00:00Z') + k * 1000).toISOString();
    return { id: `${prefix}-${k}`, type: 'connection', at, from, to };
  };

  log(`${LISTENERS_B} listeners on B, ${LISTENERS_A} on A`);
  const onB = listeners(b, project, LISTENERS_B);
  const onA = listeners(a, project, LISTENERS_A);
  await until(() => onB.ready() === LISTENERS_B && onA.ready() === LISTENERS_A, 'listeners ready');
  const idle = await b.memory();
  // one write first, untimed: each server's first read of a change prepares its statements
  await call(a, `/projects/${project}/events`, { events: [tie(0, 'warm')] });
  await until(() => (onB.arrivals.get('warm-0')?.length ?? 0) === LISTENERS_B, 'the warm-up');

  log(`writing a tie on A every ${WRITE_EVERY_MS} ms for ${durationS} s`);
  const answered = new Map<string, number>();
  const writes: Promise<void>[] = [];
  const count = Math.floor((durationS * 1000) / WRITE_EVERY_MS);
  const started = performance.now();
  const writeFailures: string[] = [];
  for (let k = 0; k < count; k++) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, started + k * WRITE_EVERY_MS - performance.now())),
    );
    const event = tie(k, 'live');
    writes.push(
      call(a, `/projects/${project}/events`, { events: [event] }).then(
        () => void answered.set(event.id, performance.now()),
        (error: Error) => void writeFailures.push(error.message),
      ),
    );
  }
  await Promise.all(writes);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const withListeners = await b.memory();
  const delivery = (arrivals: Map<string, number[]>, expected: number) => {
    const gaps = [...answered].flatMap(([id, at]) =>
      (arrivals.get(id) ?? []).map((arrived) => Math.max(0, arrived - at)),
    );
    return {
      ...summary(gaps),
      expected: answered.size * expected,
      shareOver1s: +(gaps.filter((ms) => ms > 1_000).length / gaps.length).toFixed(4),
    };
  };
  const replicaB = delivery(onB.arrivals, LISTENERS_B);
  const replicaA = delivery(onA.arrivals, LISTENERS_A);
  onB.stop();
  onA.stop();

  // 2. listeners that never read, beside one that does
  log(`${STALLED} listeners that never read, ${MEMORY_WRITES} writes of ${CHANGE_EVENTS} ties`);
  const reader = listeners(b, project, 1);
  await until(() => reader.ready() === 1, 'the reader ready');
  const stalled = Array.from({ length: STALLED }, () => stalledClient(b, project));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const before = await b.memory();
  const samples: NodeJS.MemoryUsage[] = [before];
  const sampler = setInterval(() => void b.memory().then((m) => samples.push(m)), 1_000);
  let sentBytes = 0;
  let last = '';
  for (let w = 0; w < MEMORY_WRITES; w++) {
    const events = Array.from({ length: CHANGE_EVENTS }, (_, i) =>
      tie(w * CHANGE_EVENTS + i, 'big'),
    );
    sentBytes += JSON.stringify(events).length;
    last = events[0].id;
    await call(a, `/projects/${project}/events`, { events });
  }
  // the last write reaches the reader as a change, or within a reset when it had fallen behind
  const lastRead = await until(() => reader.arrivals.has(last), 'the last write', 30_000).then(
    () => true,
    () => false,
  );
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  clearInterval(sampler);
  const after = await b.memory();
  samples.push(after);
  const drained = await Promise.all(stalled.map(drain));
  reader.stop();
  const peak = (field: keyof NodeJS.MemoryUsage) => mb(Math.max(...samples.map((m) => m[field])));
  const memory = (m: NodeJS.MemoryUsage) => ({
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    externalMb: mb(m.external),
  });
  return {
    scenario: 'live',
    at: new Date().toISOString(),
    durationS,
    delivery: {
      writes: { count, everyMs: WRITE_EVERY_MS, answered: answered.size, failures: writeFailures },
      replicaB: { listeners: LISTENERS_B, ...replicaB, failures: onB.failures },
      replicaA: { listeners: LISTENERS_A, ...replicaA, failures: onA.failures },
      ratioBtoA: {
        p50: +(replicaB.p50 / Math.max(1, replicaA.p50)).toFixed(2),
        p95: +(replicaB.p95 / Math.max(1, replicaA.p95)).toFixed(2),
      },
    },
    memory: {
      idle: memory(idle),
      with100Listeners: memory(withListeners),
      stalled: {
        clients: STALLED,
        writes: MEMORY_WRITES,
        eventsPerWrite: CHANGE_EVENTS,
        eventsMbSentToEach: mb(sentBytes),
        before: memory(before),
        peak: { rssMb: peak('rss'), heapUsedMb: peak('heapUsed'), externalMb: peak('external') },
        after: memory(after),
        cut: drained.filter((d) => d.cut).length,
        mostReadByOneMb: mb(Math.max(...drained.map((d) => d.bytes))),
        // a reader that fell behind by more than LIVE_MAX_EVENTS is sent a reset instead
        reader: { events: reader.arrivals.size, resets: reader.failures.reset ?? 0, lastRead },
      },
    },
  };
}
