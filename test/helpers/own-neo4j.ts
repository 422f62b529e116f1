// A Neo4j a test starts for itself, with the app against it, to kill (SIGKILL, as by a crash or the
// OOM killer) and start again on the same data; stopped and its data removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { buildApp } from '../../server/app.ts';
import { freePort, startLocalNeo4j, type Neo4jHandle } from '../../scripts/local-neo4j.ts';
import { testConfig } from './server.ts';

export async function ownNeo4j(
  t: Test,
  name: string,
  options: { gds?: boolean; config?: Parameters<typeof testConfig>[0] } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), `peoplemap-${name}-`));
  // a busy machine can take minutes to start a JVM
  const start = {
    dataDir,
    port: await freePort(),
    log: () => {},
    readyTimeoutMs: 300_000,
    gds: options.gds,
  };
  let neo4j = await startLocalNeo4j(start);
  t.teardown(async () => {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const again = { ...start, password: neo4j.password };
  const app = await buildApp(
    testConfig({ ...options.config, NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password }),
  );
  t.teardown(() => app.close());
  return {
    app,
    /** The running Neo4j (a new handle after `restart`). */
    handle: (): Neo4jHandle => neo4j,
    /** SIGKILL, then wait for the process to be gone. */
    async kill(): Promise<void> {
      process.kill(neo4j.pid!, 'SIGKILL');
      await neo4j.stop();
    },
    /** Start again on the same data, port and password. */
    async restart(): Promise<void> {
      neo4j = await startLocalNeo4j(again);
    },
  };
}
