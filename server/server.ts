// The only file that listens: reads the configuration, serves, and closes gracefully on signals.
import { buildApp } from './app.ts';
import { loadConfig, type Config } from './config.ts';

/** Serves until SIGINT/SIGTERM, then closes the app and runs `afterClose` (e.g. stop a local Neo4j). */
export async function serve(config: Config, afterClose: () => Promise<void> = async () => {}) {
  const app = await buildApp(config);
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
