// The service under benchmark as its own process (so its memory is measured alone): started on a
// free loopback port against the bench's Neo4j, with its peak resident set read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { freePort } from '../scripts/local-neo4j.ts';

export interface ServerProcess {
  baseUrl: string;
  key: string;
  /** Peak resident set of the server process so far (Linux VmHWM), in MB; null elsewhere. */
  peakRssMb(): number | null;
  /** The server's own memory now (process.memoryUsage), when started with `probeMemory`. */
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

export interface ServerSettings {
  neo4jUri: string;
  /** Neo4j's user and password; unset, the server inherits NEO4J_USER and NEO4J_PASSWORD. */
  neo4jUser?: string;
  neo4jPassword?: string;
  /** Time budget of one analysis (ANALYSIS_TIMEOUT_MS). */
  analysisTimeoutMs: number;
  /** More of the server's environment (its LIVE_ settings). */
  env?: Record<string, string>;
  /** Loads bench/memory-probe.mjs into the server, so `memory()` can ask it. */
  probeMemory?: boolean;
}

function peakRss(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * One set per bench process (every server it starts shares the database's secret verifiers); the
 * environment's own when set, for a bench against a database of yours.
 */
const SECRETS = {
  PEOPLEMAP_HASH_SECRET: process.env.PEOPLEMAP_HASH_SECRET ?? randomBytes(32).toString('hex'),
  PEOPLEMAP_PSEUDONYM_SECRET:
    process.env.PEOPLEMAP_PSEUDONYM_SECRET ?? randomBytes(32).toString('hex'),
};

export async function startServer(settings: ServerSettings): Promise<ServerProcess> {
  const port = await freePort();
  const key = randomBytes(24).toString('hex');
  const probe = settings.probeMemory ? ['--import', './bench/memory-probe.mjs'] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...probe, 'server/server.ts'], {
    env: {
      ...process.env,
      PEOPLEMAP_ADMIN_KEY: key,
      ...SECRETS,
      NEO4J_URI: settings.neo4jUri,
      ...(settings.neo4jUser === undefined ? {} : { NEO4J_USER: settings.neo4jUser }),
      ...(settings.neo4jPassword === undefined ? {} : { NEO4J_PASSWORD: settings.neo4jPassword }),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ANALYSIS_TIMEOUT_MS: String(settings.analysisTimeoutMs),
      ...settings.env,
    },
    stdio: ['ignore', process.env.BENCH_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench: the server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) {
      child.kill('SIGTERM');
      throw new Error('bench: the server did not start in 120 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    key,
    peakRssMb: () => peakRss(child),
    memory: () =>
      new Promise((resolve, reject) => {
        if (!settings.probeMemory)
          return reject(new Error('bench: no memory probe in this server'));
        child.once('message', (m) => resolve(m as NodeJS.MemoryUsage));
        child.send('memory');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        if (child.connected) child.disconnect();
        child.kill('SIGTERM');
      }),
  };
}

/** GET under /api/v1 with the key; the time of the whole exchange, body read included. */
export async function timedGet(
  server: ServerProcess,
  path: string,
): Promise<{ ms: number; status: number; body: unknown }> {
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${server.key}` },
  });
  const body: unknown = await response.json();
  return { ms: performance.now() - started, status: response.status, body };
}
