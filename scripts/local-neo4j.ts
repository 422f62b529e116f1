// Starts a real Neo4j 5.26 Community for development and tests when NEO4J_URI is not set:
// resolved from Maven Central with Maven, run embedded on Java 17+ with Bolt on 127.0.0.1, auth on
// with a random password per run, data in a directory only its owner can read.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const runnerDir = resolve(dirname(fileURLToPath(import.meta.url)), 'neo4j');
const classpath = ['classes', 'lib/*', 'plugins/*']
  .map((part) => join(runnerDir, 'target', part))
  .join(':');

export interface Neo4jHandle {
  uri: string;
  user: string;
  /** Give it to the service and tests as NEO4J_PASSWORD. */
  password: string;
  /** The JVM's process id when this process started it (the fault tests kill it). */
  pid?: number;
  /** Stops the database if this process started it; a no-op for an external NEO4J_URI. */
  stop(): Promise<void>;
}

export const THREE_WAYS = `peoplemap needs a Neo4j database. Any one of these works:
  1. local runner: install Java 17+ and Maven (Debian: apt-get install -y openjdk-17-jre-headless maven);
     npm start / npm test then start Neo4j 5.26 for you from Maven Central;
  2. docker compose up (uses the neo4j:5.26-community image and this service's Dockerfile);
  3. set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to a Neo4j 5.26+ you already run, e.g. neo4j+s://… for Aura.`;

function javaMajor(): number | null {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  if (!m) return null;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

function hasMaven(): boolean {
  const r = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/** Builds the launcher and copies Neo4j's jars with Maven, once (again when pom.xml or the
 * launcher's source changes). */
function ensureBuilt(log: (line: string) => void): void {
  const marker = join(runnerDir, 'target', 'classes', 'org', 'peoplemap', 'Neo4jRunner.class');
  const sources = [
    join(runnerDir, 'pom.xml'),
    join(runnerDir, 'src', 'main', 'java', 'org', 'peoplemap', 'Neo4jRunner.java'),
  ];
  const libs = join(runnerDir, 'target', 'lib');
  const major = javaMajor();
  const built =
    existsSync(marker) &&
    existsSync(libs) &&
    sources.every((source) => statSync(marker).mtimeMs >= statSync(source).mtimeMs);
  if (major === null || major < 17) {
    throw new Error(
      `Java 17+ is needed for the local Neo4j (found: ${major ?? 'no java'}).\n${THREE_WAYS}`,
    );
  }
  if (built) return;
  if (!hasMaven()) {
    throw new Error(
      `Maven is needed once to fetch Neo4j for the local runner (mvn not found).\n${THREE_WAYS}`,
    );
  }
  log('resolving Neo4j 5.26 and Graph Data Science from Maven Central (first run only)…');
  const r = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], {
    cwd: runnerDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`Maven could not build the Neo4j runner.\n${THREE_WAYS}`);
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? ok(address.port) : fail()));
    });
  });
}

export interface LocalNeo4jOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  readyTimeoutMs?: number;
  /** The neo4j user's password; random when not given (pass the same one to restart a database
   * under a running service). */
  password?: string;
  /** false: without Graph Data Science (tests of a database that lacks it). */
  gds?: boolean;
}

/** Starts the embedded Neo4j and resolves once Bolt accepts queries. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<Neo4jHandle> {
  const log = options.log ?? ((line: string) => console.error(line));
  ensureBuilt(log);
  mkdirSync(options.dataDir, { recursive: true });
  // the store holds personal data: no other user of the machine may read it
  chmodSync(options.dataDir, 0o700);
  const password = options.password ?? randomBytes(18).toString('base64url');
  const child = spawn(
    'java',
    [
      '-Xms256m',
      '-Xmx2g',
      '-cp',
      classpath,
      'org.peoplemap.Neo4jRunner',
      options.dataDir,
      String(options.port),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NEO4J_PASSWORD: password,
        PEOPLEMAP_NEO4J_GDS: options.gds === false ? 'off' : 'on',
      },
    },
  );
  let output = '';
  const ready = new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started database behind
      fail(
        new Error(
          `Neo4j did not start within ${(options.readyTimeoutMs ?? 300_000) / 1000}s:\n${output.slice(-2000)}`,
        ),
      );
    }, options.readyTimeoutMs ?? 300_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('peoplemap-neo4j ready')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Neo4j exited early (code ${code}):\n${output.slice(-2000)}`));
    });
  });
  // a runner that never got ready must not outlive this process
  await ready.catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  const uri = `bolt://127.0.0.1:${options.port}`;
  log(`Neo4j 5.26 running at ${uri} (data in ${options.dataDir})`);
  return { uri, user: 'neo4j', password, pid: child.pid, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/** The database the commands use: NEO4J_URI when set, else a local Neo4j started here. */
export async function ensureNeo4j(options: LocalNeo4jOptions): Promise<Neo4jHandle> {
  if (process.env.NEO4J_URI) {
    return {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      stop: async () => {},
    };
  }
  return startLocalNeo4j(options);
}
