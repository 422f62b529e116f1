// The only file that listens: reads the configuration, serves, and closes gracefully on signals.
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';

/** Serves until SIGINT/SIGTERM, then closes the app and runs `afterClose` (e.g. stop a local Neo4j). */
export async function serve(config: Config, afterClose: () => Promise<void> = async () => {}) {
  const app = await buildApp(config);
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
