// `npm run load [-- --duration 15]`: the service, in its own process, under mixed load on loopback.
// 50 connections for 60 s (or --duration seconds), after an unmeasured warm-up of the same mix
// (--warmup, 15 s): 40% writes of 10 new ties, 60% reads of the graph, metrics, the monthly
// timeline and the history of the demo programme (300 residents): the stress point.
// `--scenario=workshop` runs a workshop day instead (bench/workshop.ts: an open loop, 600 s by
// default, no warm-up but the server's own), into bench/results/latest.json's `workshop`.
// `--scenario=live` runs the live stream on two API processes of one Neo4j instead (bench/live.ts:
// 60 s of delivery by default, then the memory with listeners that never read), into
// bench/results/live.json and latest.json's `live`.
// Reports p50/p99 and the 5xx count to bench/results/load.json, and checks that the events stored
// (counted in Neo4j itself) equal the events the API acknowledged (writes whose answers the end of
// the run cut off are re-sent first, a no-op for what was stored). Exits 1 on any 5xx or a count
// that differs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateDemoProgramme } from '../fixtures/demo-programme.ts';
import { loadProgramme } from '../fixtures/load-programme.ts';
import { ensureNeo4j, freePort } from '../scripts/local-neo4j.ts';
import { createDriver, cypher } from '../server/store/neo4j.ts';
import { startServer } from './server-process.ts';
import { runLive } from './live.ts';
import { partnerWithRelease, runWorkshop } from './workshop.ts';

const { values: flags } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'mixed' },
    duration: { type: 'string' },
    warmup: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
  },
});
const workshop = flags.scenario === 'workshop';
const live = flags.scenario === 'live';
if (!workshop && !live && flags.scenario !== 'mixed')
  throw new Error('usage: npm run load -- [--scenario=mixed|workshop|live]');
const durationS = Number(flags.duration ?? (workshop ? 600 : 60));
const warmupS = Number(flags.warmup);
const connections = Number(flags.connections);
if (
  !(durationS > 0 && durationS <= (workshop ? 3600 : 600)) ||
  !(warmupS >= 0 && warmupS <= 600) ||
  !(connections > 0 && connections <= 500)
)
  throw new Error(
    'usage: npm run load -- [--duration 1..600] [--warmup 0..600] [--connections 1..500]',
  );

const resultsDir = resolve(dirname(fileURLToPath(import.meta.url)), 'results');
const resultsFile = join(resultsDir, 'load.json');
const EVENTS_PER_WRITE = 10;
const WRITE_SHARE = 2; // of every 5 requests
const READS = ['graph', 'metrics', 'timeline?interval=month', 'history'];
/** The service's own default budget of one analysis (ANALYSIS_TIMEOUT_MS). */
const ANALYSIS_TIMEOUT_MS = 120_000;

/** A scenario beside the benchmark's figures (bench/results/latest.json) and in its own file. */
function keepScenario(scenario: 'workshop' | 'live', report: object): void {
  const latest = join(resultsDir, 'latest.json');
  const kept = existsSync(latest) ? (JSON.parse(readFileSync(latest, 'utf8')) as object) : {};
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(latest, JSON.stringify({ ...kept, [scenario]: report }, null, 2) + '\n');
  writeFileSync(join(resultsDir, `${scenario}.json`), JSON.stringify(report, null, 2) + '\n');
}

/** Two API processes on one Neo4j: the live stream's delivery and memory (bench/live.ts). */
async function liveScenario(neo4j: { uri: string; user: string; password: string }) {
  const settings = {
    neo4jUri: neo4j.uri,
    neo4jUser: neo4j.user,
    neo4jPassword: neo4j.password,
    analysisTimeoutMs: ANALYSIS_TIMEOUT_MS,
  };
  const a = await startServer(settings);
  const b = await startServer({ ...settings, probeMemory: true });
  try {
    const report = await runLive(a, b, durationS);
    keepScenario('live', report);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-load-neo4j-'));
  const neo4j = await ensureNeo4j({ dataDir, port: await freePort(), log: () => {} });
  if (live)
    return liveScenario(neo4j).finally(async () => {
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  // The server runs in its own process so that autocannon does not share its event loop.
  const server = await startServer({
    neo4jUri: neo4j.uri,
    neo4jUser: neo4j.user,
    neo4jPassword: neo4j.password,
    analysisTimeoutMs: ANALYSIS_TIMEOUT_MS,
  });
  const driver = createDriver({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  /** The project's stored events, counted by Neo4j rather than by the service under load. */
  const storedEvents = async (projectId: string): Promise<number> => {
    const { records } = await driver.executeQuery(cypher('count-project'), { projectId });
    return records[0].get('events') as number;
  };
  try {
    const demo = generateDemoProgramme();
    const project = `load-${Date.now()}`;
    await loadProgramme(server.baseUrl, server.key, {
      ...demo,
      project: { id: project, name: demo.project.name },
    });
    const before = await storedEvents(project);
    // new ties after everyone has joined and after the programme's last event (the time rule)
    const lastMs = Math.max(
      ...demo.events.map((e) => Date.parse(e.at)),
      ...demo.residents.map((r) => (r.joinedAt ? Date.parse(r.joinedAt) : 0)),
    );
    // a withdrawn resident takes no new events
    const ids = demo.residents.filter((r) => r.consent !== 'withdrawn').map((r) => r.id);
    if (workshop) {
      const partner = await partnerWithRelease(server, project);
      const site = { ...server, project, residents: ids, afterMs: lastMs + 86_400_000, partner };
      const day = await runWorkshop(site, durationS);
      const stored = (await storedEvents(project)) - before;
      const report = {
        at: new Date().toISOString(),
        ...day,
        events: { acknowledged: day.acknowledged, stored, equal: day.acknowledged === stored },
      };
      keepScenario('workshop', report);
      console.log(JSON.stringify(report, null, 2));
      const failed = Object.values(report.latencyMs).some((k) =>
        Object.keys(k.status ?? {}).some((code) => Number(code) >= 500),
      );
      if (failed || !report.events.equal) process.exitCode = 1;
      return;
    }
    const api = `/api/v1/projects/${project}`;
    // a new object per request: autocannon writes content-length into the headers it is given
    const headers = (json: boolean): Record<string, string> => ({
      authorization: `Bearer ${server.key}`,
      ...(json ? { 'content-type': 'application/json' } : {}),
    });

    let sent = 0;
    let writes = 0;
    let acknowledged = 0;
    const statusByKind: Record<string, Record<number, number>> = {};
    const firstRefusals: Record<number, string> = {};
    /** Write batches sent and not yet answered: the run's end cuts their answers off. */
    const unanswered = new Map<number, string>();
    const request = {
      setupRequest(req: autocannon.Request, context: Record<string, unknown>) {
        const n = sent++;
        if (n % 5 < WRITE_SHARE) {
          const w = writes++;
          const events = Array.from({ length: EVENTS_PER_WRITE }, (_, i) => {
            const k = w * EVENTS_PER_WRITE + i;
            const from = ids[(k * 7) % ids.length];
            const to = ids[(k * 13 + 1) % ids.length];
            return {
              id: `load-${w}-${i}`,
              type: 'connection',
              at: new Date(lastMs + 86_400_000 + k * 1000).toISOString(),
              from,
              to: to === from ? ids[(k * 13 + 2) % ids.length] : to,
            };
          });
          context.kind = 'write';
          context.write = w;
          unanswered.set(w, JSON.stringify({ events }));
          return {
            ...req,
            method: 'POST',
            path: `${api}/events`,
            headers: headers(true),
            body: unanswered.get(w),
          };
        }
        const read = READS[n % READS.length];
        context.kind = read.split('?')[0];
        return {
          ...req,
          method: 'GET',
          path: `${api}/${read}`,
          headers: headers(false),
          body: undefined,
        };
      },
      onResponse(status: number, body: string, context: Record<string, unknown>) {
        const kind = String(context.kind);
        statusByKind[kind] ??= {};
        statusByKind[kind][status] = (statusByKind[kind][status] ?? 0) + 1;
        if (kind === 'write') unanswered.delete(context.write as number);
        if (kind === 'write' && (status === 201 || status === 200))
          acknowledged += (JSON.parse(body) as { created: number }).created;
        if (status >= 400) firstRefusals[status] ??= body.slice(0, 500);
      },
    };

    const url = new URL(server.baseUrl);
    if (url.hostname !== '127.0.0.1') throw new Error('the load runs against loopback only');
    const run = (duration: number) =>
      autocannon({
        url: server.baseUrl,
        connections,
        duration,
        timeout: 120,
        requests: [request as autocannon.Request],
      });
    // The same mix first, unmeasured: a freshly started Neo4j plans each statement on its first
    // run (0.3-1 s each), and the API starts its threads and keeps its first reads. That start is
    // reported apart; the measured run is the service in use.
    const warm = warmupS > 0 ? await run(warmupS) : null;
    const result = await run(durationS);

    // Writes cut off at the end may or may not be stored: re-send them (event ids make that a
    // no-op for what was stored) so every write the load made is answered before counting.
    const resent = unanswered.size;
    for (const body of unanswered.values()) {
      const response = await fetch(`${server.baseUrl}${api}/events`, {
        method: 'POST',
        headers: headers(true),
        body,
      });
      if (response.ok) {
        const answer = (await response.json()) as { created: number; duplicates: number };
        acknowledged += answer.created + answer.duplicates;
      }
    }
    const stored = (await storedEvents(project)) - before;
    const report = {
      at: new Date().toISOString(),
      durationS,
      connections,
      mix: { writes: `${WRITE_SHARE * 20}% (${EVENTS_PER_WRITE} events each)`, reads: READS },
      requests: result.requests.total,
      throughputPerS: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      warmup: warm && {
        durationS: warmupS,
        requests: warm.requests.total,
        latencyMs: { p50: warm.latency.p50, p99: warm.latency.p99, max: warm.latency.max },
        status: { '2xx': warm['2xx'], '4xx': warm['4xx'], '5xx': warm['5xx'] },
      },
      status: { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
      statusByKind,
      firstRefusals,
      errors: result.errors,
      timeouts: result.timeouts,
      events: { acknowledged, stored, equal: acknowledged === stored, resentUnanswered: resent },
    };
    mkdirSync(dirname(resultsFile), { recursive: true });
    writeFileSync(resultsFile, JSON.stringify(report, null, 2) + '\n');
    console.log(JSON.stringify(report, null, 2));
    if (result['5xx'] + (warm?.['5xx'] ?? 0) > 0 || acknowledged !== stored) process.exitCode = 1;
  } finally {
    await driver.close();
    await server.stop();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
