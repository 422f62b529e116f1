// `npm run bench`: every figure of docs/performance.md in one run, written to
// bench/results/latest.json. On the CollegeMsg network: the import rate against bare-driver writes
// of the same events and against one event per request, the graph cold and warm, the timelines,
// the metrics cold and cached against graphology-metrics on the same graph in this process, and
// the map's slider in headless Chromium. Then synthetic programmes at each --scale size.
// Both imports are timed after an untimed warm-up of each (a cold Neo4j writes 2–3× slower).
// Flags: --scale=60k,250k,1m (or none) --skip-map --skip-single --analysis-budget-ms=N --out=path
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { UndirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import closenessCentrality from 'graphology-metrics/centrality/closeness.js';
import eigenvectorCentrality from 'graphology-metrics/centrality/eigenvector.js';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { collegeMsgProgramme } from '../fixtures/college-msg.ts';
import { generateDemoProgramme } from '../fixtures/demo-programme.ts';
import { loadProgramme } from '../fixtures/load-programme.ts';
import { buildMapIfStale } from '../scripts/build-map.ts';
import { ensureNeo4j, freePort } from '../scripts/local-neo4j.ts';
import { graphMetrics } from '../server/metrics/graph-metrics.ts';
import { nodeMetrics } from '../server/metrics/node-metrics.ts';
import { cypher } from '../server/store/neo4j.ts';
import { measureMapFrames } from './map-frame.ts';
import { parseSize, runScale, type ScaleEntry } from './scale.ts';
import { startServer, timedGet, type ServerProcess } from './server-process.ts';

const { values: flags } = parseArgs({
  options: {
    scale: { type: 'string', default: '60k,250k,1m' },
    'skip-map': { type: 'boolean', default: false },
    'skip-single': { type: 'boolean', default: false },
    'analysis-budget-ms': { type: 'string', default: '600000' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
});
const SINGLE_EVENTS = 1_000;
const BATCH = 10_000;
const REPEATS = 5;
/** Writes of 10 events, each followed by the graph, metrics and daily timeline. */
const WRITE_ROUNDS = 4;
const END = '2004-10-31T00:00:00Z';
/** When the 10 events written after the first reads happen: before END, after the data. */
const AFTER_WRITE_AT = '2004-10-30T12:00:00Z';
const budgetMs = Number(flags['analysis-budget-ms']);
const log = (line: string) => console.error(`[bench ${new Date().toISOString()}] ${line}`);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const round = (ms: number) => Math.round(ms * 10) / 10;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Stops the bench unless every read answered 200: a figure of an error page means nothing. */
function answeredOk(reads: Record<string, { status: number }>, when = ''): void {
  for (const [name, r] of Object.entries(reads)) {
    if (r.status !== 200) throw new Error(`bench: ${name}${when} answered ${r.status}`);
  }
}

/**
 * Events of each import written first, untimed, so both timed imports meet a warm Neo4j: two
 * batches, because on an empty database the planner's first choices show at the second (see docs).
 */
const WARMUP_EVENTS = 20_000;

/** The same events written by the bare driver: no validation, no dedupe, no lock, no projection. */
async function baselineImport(
  server: ServerProcess,
  neo4jUri: string,
  projectId = 'college-baseline',
  count = Infinity,
): Promise<number> {
  const full = collegeMsgProgramme(projectId);
  const programme = { ...full, events: full.events.slice(0, count) };
  await loadProgramme(server.baseUrl, server.key, { ...programme, events: [] });
  const driver = neo4j.driver(
    neo4jUri,
    neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
  );
  const session = driver.session();
  try {
    const rows = programme.events.map((event, seq) => {
      if (event.type !== 'connection') throw new Error('bench: CollegeMsg holds connections only');
      return { ...event, atMs: Date.parse(event.at), seq, residents: [event.from, event.to] };
    });
    const [, ms] = await timed(async () => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await session.executeWrite((tx) =>
          tx.run(cypher('bench-event-baseline'), {
            projectId,
            recordedAtMs: Date.now(),
            events: rows.slice(i, i + BATCH),
          }),
        );
      }
    });
    return rows.length / (ms / 1000);
  } finally {
    await session.close();
    await driver.close();
  }
}

/** graphology-metrics' own centralities against ours, on the same graph, in this process. */
function metricsInProcess(serialised: unknown) {
  const graph = UndirectedGraph.from(serialised as Parameters<typeof UndirectedGraph.from>[0]);
  const [, baselineMs] = timedSync(() => {
    betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
    closenessCentrality(graph, { wassermanFaust: true });
    pagerank(graph, { alpha: 0.85, tolerance: 1e-12, maxIterations: 1000, getEdgeWeight: null });
    eigenvectorCentrality(graph, { tolerance: 1e-12, maxIterations: 10_000, getEdgeWeight: null });
  });
  const [, oursMs] = timedSync(() => {
    nodeMetrics(graph);
    graphMetrics(graph);
  });
  return { baselineMs, oursMs, nodes: graph.order, edges: graph.size };
}

function timedSync<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

async function collegeMsgRun(neo4jUri: string) {
  const server = await startServer({ neo4jUri, analysisTimeoutMs: budgetMs });
  const get = (path: string) => timedGet(server, `/projects/college-bench${path}`);
  try {
    log(
      'warm-up: the first events of both imports into projects of their own, into the empty database',
    );
    const warm = collegeMsgProgramme('college-warmup');
    const [, freshMs] = await timed(() =>
      loadProgramme(server.baseUrl, server.key, {
        ...warm,
        events: warm.events.slice(0, WARMUP_EVENTS),
      }),
    );
    await baselineImport(server, neo4jUri, 'college-baseline-warmup', WARMUP_EVENTS);
    log('CollegeMsg import through the API');
    const programme = collegeMsgProgramme('college-bench');
    const [, batchMs] = await timed(() => loadProgramme(server.baseUrl, server.key, programme));
    log('the same events by the bare driver');
    const baselineRate = await baselineImport(server, neo4jUri);
    let single = null;
    if (!flags['skip-single']) {
      log(`${SINGLE_EVENTS} events one per request`);
      const events = collegeMsgProgramme('college-single');
      await loadProgramme(server.baseUrl, server.key, { ...events, events: [] });
      const [, singleMs] = await timed(async () => {
        for (const event of events.events.slice(0, SINGLE_EVENTS)) {
          const r = await fetch(`${server.baseUrl}/api/v1/projects/college-single/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
            body: JSON.stringify(event),
          });
          if (!r.ok) throw new Error(`single event: ${r.status}`);
        }
      });
      single = Math.round(SINGLE_EVENTS / (singleMs / 1000));
    }
    log('reads');
    const graphCold = await get(`/graph?at=${END}`);
    const graphWarm = [];
    for (let i = 0; i < REPEATS; i++) graphWarm.push((await get(`/graph?at=${END}`)).ms);
    const metricsCold = await get(`/metrics?at=${END}`);
    const metricsWarm = [];
    for (let i = 0; i < REPEATS; i++) metricsWarm.push((await get(`/metrics?at=${END}`)).ms);
    const daily = await get('/timeline?interval=day');
    const weekly = await get('/timeline?interval=week&centralities=true');
    const history = await get('/history');
    answeredOk({ graphCold, metricsCold, daily, weekly, history });
    log('the same reads after writes of 10 events, as a programme in use sees them');
    const late = programme.residents.slice(0, 11).map((r) => r.id);
    const rounds: Record<'graph' | 'metrics' | 'daily', Awaited<ReturnType<typeof get>>>[] = [];
    for (let round = 0; round < WRITE_ROUNDS; round++) {
      const write = await fetch(`${server.baseUrl}/api/v1/projects/college-bench/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: late.slice(1).map((to, i) => ({
            id: `bench-late-${round}-${i}`,
            type: round % 2 === 0 ? 'connection' : 'disconnection',
            at: new Date(Date.parse(AFTER_WRITE_AT) + round * 60_000).toISOString(),
            from: late[0],
            to,
          })),
        }),
      });
      if (!write.ok) throw new Error(`bench: write ${round} of 10 events answered ${write.status}`);
      const after = {
        graph: await get(`/graph?at=${END}`),
        metrics: await get(`/metrics?at=${END}`),
        daily: await get('/timeline?interval=day'),
      };
      answeredOk(after, ` after write ${round}`);
      rounds.push(after);
    }
    const afterRounds = (pick: (round: (typeof rounds)[number]) => { ms: number }) => ({
      firstMs: round(pick(rounds[0]).ms),
      laterMs: round(median(rounds.slice(1).map((r) => pick(r).ms))),
    });
    log('graphology-metrics against ours in this process');
    const inProcess = metricsInProcess(graphCold.body);
    let map = null;
    if (!flags['skip-map']) {
      log('map frames in headless Chromium');
      const demo = generateDemoProgramme();
      await loadProgramme(server.baseUrl, server.key, {
        ...demo,
        project: { id: 'demo-bench', name: demo.project.name },
      });
      const frames = (project: string) =>
        measureMapFrames({ baseUrl: server.baseUrl, key: server.key, project, steps: 100 });
      map = { collegeMsg: await frames('college-bench'), demo: await frames('demo-bench') };
    }
    const rate = programme.events.length / (batchMs / 1000);
    return {
      events: programme.events.length,
      residents: programme.residents.length,
      importEventsPerSec: Math.round(rate),
      importBaselineEventsPerSec: Math.round(baselineRate),
      importShareOfBaseline: +(rate / baselineRate).toFixed(2),
      importFreshDatabaseEventsPerSec: Math.round(WARMUP_EVENTS / (freshMs / 1000)),
      importOneEventPerRequestPerSec: single,
      graphColdMs: round(graphCold.ms),
      graphMs: round(median(graphWarm)),
      timelineDailyMs: round(daily.ms),
      timelineWeeklyCentralitiesMs: round(weekly.ms),
      historyMs: round(history.ms),
      allMetricsMs: round(metricsCold.ms),
      afterWrite: {
        graph: afterRounds((r) => r.graph),
        allMetrics: afterRounds((r) => r.metrics),
        timelineDaily: afterRounds((r) => r.daily),
      },
      metricsRepeatMs: round(median(metricsWarm)),
      allMetricsBaselineMs: round(inProcess.baselineMs),
      allMetricsInProcessMs: round(inProcess.oursMs),
      network: { nodes: inProcess.nodes, edges: inProcess.edges },
      sliderStepMs: map ? round(map.collegeMsg.medianStepWorkMs) : null,
      sliderFrameMs: map ? round(map.collegeMsg.medianFrameMs) : null,
      sliderIdleFrameMs: map ? round(map.collegeMsg.baselineIdleFrameMs) : null,
      map,
      serverPeakRssMb: server.peakRssMb(),
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  const started = performance.now();
  if (!flags['skip-map']) buildMapIfStale();
  const sizes = flags.scale === 'none' ? [] : flags.scale.split(',').map(parseSize);
  const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-bench-neo4j-'));
  const db = await ensureNeo4j({
    dataDir,
    port: await freePort(),
    log: () => {},
    readyTimeoutMs: 600_000,
  });
  // the local runner has auth on with a password of its own; servers started below inherit it
  process.env.NEO4J_PASSWORD = db.password;
  try {
    const college = await collegeMsgRun(db.uri);
    const scale: ScaleEntry[] = [];
    const scaleSeconds: Record<string, number> = {};
    for (const events of sizes) {
      log(`scale: ${events} events`);
      const [entry, ms] = await timed(() => runScale(db.uri, events, budgetMs, log));
      scale.push(entry);
      scaleSeconds[events] = Math.round(ms / 1000);
    }
    const result = {
      ranAt: new Date().toISOString(),
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: process.platform,
      },
      flags,
      dataset: 'college-msg',
      ...college,
      scale,
      runSeconds: { total: Math.round((performance.now() - started) / 1000), scale: scaleSeconds },
    };
    mkdirSync(dirname(flags.out), { recursive: true });
    writeFileSync(flags.out, JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
