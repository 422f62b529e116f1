// The only file that listens: reads the configuration, checks the secrets against the data, serves,
// and closes gracefully on signals.
import type { FastifyInstance } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { AppError } from './errors.ts';
import { secretsFrom } from './store/secrets.ts';

/** How long a start waits for Neo4j to answer before it gives up. */
const DATABASE_WAIT_MS = 120_000;

/**
 * Refuses to serve data written with other secrets (store/secrets.ts): the first start records
 * their verifiers, every later one must match them. Waits for the database while it is starting.
 */
async function checkSecrets(app: FastifyInstance, config: Config): Promise<void> {
  const deadline = Date.now() + DATABASE_WAIT_MS;
  for (;;) {
    try {
      const { first } = await app.store.secrets.verify(secretsFrom(config));
      if (first) app.log.info('recorded verifiers of the hash and pseudonym secrets');
      return;
    } catch (error) {
      const unavailable = error instanceof AppError && error.code === 'database_unavailable';
      if (!unavailable) throw error;
      if (Date.now() > deadline)
        throw new Error(`Neo4j at ${config.NEO4J_URI} did not answer within 120 s`);
      app.log.warn('waiting for Neo4j before checking the secrets');
      await sleep(2_000);
    }
  }
}

/** Serves until SIGINT/SIGTERM, then closes the app and runs `afterClose` (e.g. stop a local Neo4j). */
export async function serve(config: Config, afterClose: () => Promise<void> = async () => {}) {
  const app = await buildApp(config);
  try {
    await checkSecrets(app, config);
  } catch (error) {
    await app.close();
    throw error;
  }
  // before listening, so the first requests find their statements planned; a database not up
  // yet only costs those requests the planning
  await app.store.warmUp().then(
    (statements) => app.log.info({ statements }, 'read statements planned'),
    (error: Error) => app.log.warn({ reason: error.message }, 'read statements not planned'),
  );
  await app.listen({ port: config.PORT, host: config.HOST });
  app.analysis.warm();
  let closing = false;
  const close = async (signal = 'shutdown') => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    await app.close();
    await afterClose();
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  return { app, close };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve(loadConfig()).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
