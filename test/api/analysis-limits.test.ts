// The analysis pool's limits through the API: a time budget (503 with Retry-After when it runs
// out), cancellation when the client goes away, a bounded queue (503 with Retry-After when full),
// and cheap reads (graph) in a lane of their own, never waiting behind a heavy timeline.
import t from 'tap';
import { request as httpRequest } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { syntheticEvents, syntheticProgramme } from '../../bench/synthetic.ts';
import { auth, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const project = uniqueProject('limits');
// 500 residents, 5,000 events over 2024: a weekly timeline with centralities takes a while.
const shape = { projectId: project, residents: 500, events: 5_000, seed: 7 };
const WEEKLY = `/api/v1/projects/${project}/timeline?interval=week&centralities=true`;
const GRAPH = `/api/v1/projects/${project}/graph`;
// A budget no task here reaches, even on a busy machine.
const LONG = 600_000;

const apps: FastifyInstance[] = [];
async function app(
  overrides: Parameters<typeof testConfig>[0],
  logLines?: string[],
): Promise<FastifyInstance> {
  const logStream = logLines && { write: (line: string) => void logLines.push(line) };
  const built = await buildApp(testConfig(overrides), logStream && { logStream });
  apps.push(built);
  return built;
}
t.teardown(() => Promise.all(apps.map((a) => a.close())));

async function until(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`waited ${limitMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

t.before(async () => {
  const loader = await app({});
  const programme = syntheticProgramme(shape);
  await postOk(loader, '/api/v1/projects', programme.project);
  await postOk(loader, `/api/v1/projects/${project}/communities`, {
    communities: programme.communities,
  });
  await postOk(loader, `/api/v1/projects/${project}/residents`, {
    residents: programme.residents,
  });
  for (const events of syntheticEvents(shape, 5_000)) {
    await postOk(loader, `/api/v1/projects/${project}/events`, { events });
  }
});

t.test('a timeline that outlasts its time budget answers 503 with Retry-After', async (t) => {
  const tight = await app({ ANALYSIS_TIMEOUT_MS: 1 });
  const response = await tight.inject({ method: 'GET', url: WEEKLY, headers: auth });
  t.equal(response.statusCode, 503);
  t.equal(response.headers['retry-after'], '1');
  t.equal(response.json().error, 'analysis_unavailable');
  t.equal(tight.analysis.stopped.timedOut, 1);
});

t.test('a full analysis queue answers 503 with Retry-After', async (t) => {
  const narrow = await app({
    ANALYSIS_THREADS: 1,
    ANALYSIS_MAX_QUEUE: 1,
    ANALYSIS_TIMEOUT_MS: LONG,
  });
  const metricsAt = (at: string) =>
    narrow.inject({
      method: 'GET',
      url: `/api/v1/projects/${project}/metrics?at=${at}`,
      headers: auth,
    });
  // One timeline runs on the one thread, one metrics read waits in the queue of one…
  const running = narrow.inject({
    method: 'GET',
    url: `${WEEKLY}&from=2024-01-15T00:00:00Z`,
    headers: auth,
  });
  await until(() => narrow.analysis.load.heavy === 1, 'the timeline to start');
  const queued = metricsAt('2024-03-01T00:00:00Z');
  await until(() => narrow.analysis.load.heavy === 2, 'the metrics to queue');
  // …so the next one is turned away at once.
  const refused = await metricsAt('2024-04-01T00:00:00Z');
  t.equal(refused.statusCode, 503);
  t.equal(refused.headers['retry-after'], '5');
  t.equal(refused.json().error, 'analysis_unavailable');
  // The two still in the pool end when the app closes.
  void Promise.allSettled([queued, running]);
});

t.test('a graph read completes while a long timeline runs', async (t) => {
  const shared = await app({ ANALYSIS_THREADS: 1, ANALYSIS_TIMEOUT_MS: LONG });
  // Start the cheap lane's thread first, so the comparison is between the two tasks themselves.
  t.equal((await shared.inject({ method: 'GET', url: GRAPH, headers: auth })).statusCode, 200);
  let timelineDone = false;
  const timeline = shared
    .inject({ method: 'GET', url: WEEKLY, headers: auth })
    .finally(() => (timelineDone = true));
  await until(() => shared.analysis.load.heavy === 1, 'the timeline to start');
  const graph = await shared.inject({
    method: 'GET',
    url: `${GRAPH}?at=2024-06-30T00:00:00Z`,
    headers: auth,
  });
  t.equal(graph.statusCode, 200);
  t.notOk(timelineDone, 'the graph came back while the timeline was still running');
  // The timeline ends when the app closes.
  void timeline.catch(() => {});
});

t.test('a timeline is cancelled when its client goes away', async (t) => {
  const lines: string[] = [];
  const served = await app(
    { ANALYSIS_THREADS: 1, ANALYSIS_TIMEOUT_MS: LONG, LOG_LEVEL: 'info' },
    lines,
  );
  await served.listen({ port: 0, host: '127.0.0.1' });
  const { port } = served.server.address() as { port: number };
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    path: `${WEEKLY}&from=2024-01-08T00:00:00Z`,
    headers: auth,
  });
  request.on('error', () => {});
  request.end();
  await until(() => served.analysis.load.heavy === 1, 'the timeline to start');
  request.destroy();
  await until(() => served.analysis.load.heavy === 0, 'the timeline to stop', 5_000);
  t.equal(served.analysis.stopped.clientGone, 1);
  await until(() => lines.some((l) => l.includes('client went away')), 'the stop to be logged');
  const levels = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
  t.ok(
    levels.some((l) => l.level === 30 && l.msg === 'client went away; its analysis stopped'),
    'the stop is logged as information',
  );
  t.notOk(
    levels.some((l) => l.level >= 50),
    'a client going away is not logged as an error (no alert for a closed browser tab)',
  );
});
