// The scale benchmark: a seeded synthetic programme (bench/synthetic.ts) imported at one size into
// a fresh server process, then the graph and the metrics at the end (by the worker threads or, past
// ANALYSIS_MAX_PATH_WORK, Neo4j GDS), the archive's round trip up to 250k events, and the server's
// peak memory.
import { timeArchiveRestore, type ArchiveEntry } from './archive-restore.ts';
import { startServer, timedGet } from './server-process.ts';
import { syntheticEvents, syntheticProgramme } from './synthetic.ts';

export interface ScaleEntry {
  events: number;
  residents: number;
  importSeconds: number;
  /** null when the graph did not answer 200 (see graphStatus). */
  graphAtEndMs: number | null;
  /** The HTTP status, or 0 when no answer came (the client's 300 s wait for headers ran out). */
  graphStatus: number;
  /**
   * null when the metrics did not answer 200 (metricsStatus): 503 when the analysis budget ran
   * out, 422 when the network is beyond ANALYSIS_MAX_PATH_WORK and GDS is not installed.
   */
  metricsMs: number | null;
  metricsStatus: number;
  /** Who computed the metrics (worker threads or Neo4j GDS), and how betweenness was sampled. */
  metricsEngine: string | null;
  metricsSampled: { sources: number; seed: number; expectedError: number } | null;
  peakRssMb: number | null;
  /** The peak so far after the import, and after the graph read (the rest is the metrics). */
  peakRssByStep: { import: number | null; graph: number | null };
  /** The archive read and its restore (bench/archive-restore.ts); null above MAX_ARCHIVE_EVENTS. */
  archive: ArchiveEntry | null;
}

type MetricsAnswer = {
  engine: string;
  sampled: ScaleEntry['metricsSampled'];
};

const MAX_RESIDENTS = 50_000;
const BATCH = 10_000;
const END = '2024-12-31T23:59:59.999Z';
/** The largest programme whose archive is restored (twice: from the document and from lines). */
const MAX_ARCHIVE_EVENTS = 250_000;

/** Parses `60k`, `250k`, `1m` or a plain number of events. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`bench: --scale takes sizes like 60k,250k,1m; got "${text}"`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * factor);
}

/** A read's time and status; status 0 when no answer came at all (the run goes on). */
async function answerOrNone(read: () => Promise<{ ms: number; status: number }>) {
  try {
    return await read();
  } catch {
    return { ms: 0, status: 0 };
  }
}

export async function runScale(
  neo4jUri: string,
  events: number,
  analysisTimeoutMs: number,
  log: (line: string) => void,
): Promise<ScaleEntry> {
  const residents = Math.min(MAX_RESIDENTS, Math.max(100, Math.round(events / 20)));
  const shape = { projectId: `scale-${events}-${Date.now()}`, events, residents, seed: 1 };
  const programme = syntheticProgramme(shape);
  const server = await startServer({ neo4jUri, analysisTimeoutMs });
  try {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    };
    const p = shape.projectId;
    const started = performance.now();
    await post('/projects', programme.project);
    await post(`/projects/${p}/communities`, { communities: programme.communities });
    await post(`/projects/${p}/residents`, { residents: programme.residents });
    let sent = 0;
    for (const batch of syntheticEvents(shape, BATCH)) {
      await post(`/projects/${p}/events`, { events: batch });
      sent += batch.length;
      if (sent % 100_000 === 0) log(`  scale ${events}: ${sent} events imported`);
    }
    const importSeconds = (performance.now() - started) / 1000;
    log(
      `  scale ${events}: imported in ${importSeconds.toFixed(1)} s; the graph and metrics at the end`,
    );
    const afterImport = server.peakRssMb();
    const graph = await answerOrNone(() => timedGet(server, `/projects/${p}/graph?at=${END}`));
    const afterGraph = server.peakRssMb();
    const metrics: { ms: number; status: number; body?: unknown } = await answerOrNone(() =>
      timedGet(server, `/projects/${p}/metrics?at=${END}`),
    );
    const answer = metrics.status === 200 ? (metrics.body as MetricsAnswer) : null;
    const archive = events <= MAX_ARCHIVE_EVENTS ? await timeArchiveRestore(server, p) : null;
    if (archive)
      log(
        `  scale ${events}: archive ${archive.archiveMs} ms, restore ${archive.restoreMs} ms; ` +
          `as lines ${archive.linesMs} ms, restore ${archive.linesRestoreMs} ms`,
      );
    return {
      events,
      residents,
      importSeconds: +importSeconds.toFixed(1),
      graphAtEndMs: graph.status === 200 ? Math.round(graph.ms) : null,
      graphStatus: graph.status,
      metricsMs: metrics.status === 200 ? Math.round(metrics.ms) : null,
      metricsStatus: metrics.status,
      metricsEngine: answer?.engine ?? null,
      metricsSampled: answer?.sampled ?? null,
      peakRssMb: server.peakRssMb(),
      peakRssByStep: { import: afterImport, graph: afterGraph },
      archive,
    };
  } finally {
    await server.stop();
  }
}
