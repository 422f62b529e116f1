// `npm run bench`: measures the event import rate (batch endpoint against one event per request,
// run in the same process as the baseline), and the read paths on the CollegeMsg network.
// Then the map's frame time in headless Chromium on both networks, against an idle frame.
// Prints JSON and writes it to bench/results/api.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collegeMsgProgramme } from '../fixtures/college-msg.ts';
import { loadProgramme } from '../fixtures/load-programme.ts';
import { buildMapIfStale } from '../scripts/build-map.ts';
import { ensureNeo4j, freePort } from '../scripts/local-neo4j.ts';
import { measureMapFrames } from './map-frame.ts';

const SINGLE_EVENTS = 1_000;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function main() {
  buildMapIfStale();
  const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-bench-neo4j-'));
  const neo4j = await ensureNeo4j({ dataDir, port: await freePort(), log: () => {} });
  process.env.NEO4J_URI = neo4j.uri;
  process.env.NEO4J_PASSWORD = neo4j.password;
  const { startTestServer } = await import('../test/helpers/server.ts');
  const server = await startTestServer();
  const key = server.adminKey;
  const get = async (path: string) => {
    const r = await fetch(`${server.baseUrl}/api/v1${path}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  };
  try {
    const programme = collegeMsgProgramme('college-bench');
    const [, batchMs] = await timed(() => loadProgramme(server.baseUrl, key, programme));

    const baseline = collegeMsgProgramme('college-single');
    await loadProgramme(server.baseUrl, key, { ...baseline, events: [] });
    const [, singleMs] = await timed(async () => {
      for (const event of baseline.events.slice(0, SINGLE_EVENTS)) {
        const r = await fetch(`${server.baseUrl}/api/v1/projects/college-single/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(event),
        });
        if (!r.ok) throw new Error(`single event: ${r.status}`);
      }
    });

    const end = '2004-10-31T00:00:00Z';
    const [, graphMs] = await timed(() => get(`/projects/college-bench/graph?at=${end}`));
    const [, historyMs] = await timed(() => get('/projects/college-bench/history'));
    const [, timelineMs] = await timed(() => get('/projects/college-bench/timeline?interval=week'));
    const [, metricsMs] = await timed(() => get(`/projects/college-bench/metrics?at=${end}`));

    const { loadDemo } = await import('../test/helpers/server.ts');
    await loadDemo(server.baseUrl, key, 'demo-bench');
    const map = {
      collegeMsg: await measureMapFrames({
        baseUrl: server.baseUrl,
        key,
        project: 'college-bench',
        steps: 100,
      }),
      demo: await measureMapFrames({
        baseUrl: server.baseUrl,
        key,
        project: 'demo-bench',
        steps: 100,
      }),
    };

    const batchRate = programme.events.length / (batchMs / 1000);
    const singleRate = SINGLE_EVENTS / (singleMs / 1000);
    const result = {
      dataset: 'college-msg',
      events: programme.events.length,
      residents: programme.residents.length,
      import: {
        batchEventsPerSecond: Math.round(batchRate),
        batchSeconds: +(batchMs / 1000).toFixed(2),
        baselineOneEventPerRequestPerSecond: Math.round(singleRate),
        ratioBatchToBaseline: +(batchRate / singleRate).toFixed(1),
      },
      readsMs: {
        graphAtEnd: Math.round(graphMs),
        history: Math.round(historyMs),
        timelineWeekly: Math.round(timelineMs),
        metricsAtEnd: Math.round(metricsMs),
      },
      map,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/api.json', JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await server.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
