// buildApp(config): the whole service as a Fastify instance that never listens (server.ts does).
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import auditLog from './plugins/audit.ts';
import auth, { requireDeclaredAccess } from './plugins/auth.ts';
import docs from './plugins/docs.ts';
import errorHandler from './plugins/errors.ts';
import liveHub from './plugins/live.ts';
import map from './plugins/map.ts';
import audit from './routes/audit.ts';
import events from './routes/events.ts';
import exportRoutes from './routes/export.ts';
import groups from './routes/groups.ts';
import importRoutes from './routes/import.ts';
import health from './routes/health.ts';
import keys from './routes/keys.ts';
import live from './routes/live.ts';
import metrics from './routes/metrics.ts';
import network from './routes/network.ts';
import projects from './routes/projects.ts';
import costs from './routes/costs.ts';
import instruments from './routes/instruments.ts';
import releases from './routes/releases.ts';
import report from './routes/report.ts';
import residents from './routes/residents.ts';
import sheets from './routes/sheets.ts';
import archive from './routes/archive.ts';
import waves from './routes/waves.ts';
import { createStore, type Store } from './store/index.ts';
import { secretsFrom } from './store/secrets.ts';
import { AnalysisCache, DEFAULT_CACHE_ENTRIES } from './analysis/cache.ts';
import { AnalysisPool, DEFAULT_LIMITS } from './analysis/pool.ts';
import { MetricsEngines } from './analysis/engines.ts';
import { privacySettings, type PrivacyConfig } from './privacy/settings.ts';
import { LIVE_DEFAULTS, type LiveLimits } from './live/hub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    analysis: AnalysisPool;
    engines: MetricsEngines;
    /** Serialised analysis answers, one slot per question (routes/answer-cached.ts reads through it). */
    analysisCache: AnalysisCache;
  }
}

/**
 * Request logs name the route pattern (`/api/v1/projects/:p/residents/:id`), never the concrete
 * URL: ids and query values can identify people, and logs must not carry personal data.
 */
function routeOnly(request: FastifyRequest) {
  return { method: request.method, route: request.routeOptions?.url ?? 'unmatched' };
}

export type AppConfig = Pick<
  Config,
  | 'PEOPLEMAP_ADMIN_KEY'
  | 'NEO4J_URI'
  | 'NEO4J_USER'
  | 'NEO4J_PASSWORD'
  | 'NEO4J_DATABASE'
  | 'LOG_LEVEL'
  | 'RATE_LIMIT_PER_MINUTE'
  | 'AUTH_FAILURES_PER_MINUTE'
  | 'BODY_LIMIT_BYTES'
> &
  PrivacyConfig &
  Partial<
    Pick<
      Config,
      | 'NEO4J_TRANSACTION_TIMEOUT_MS'
      | 'LOG_FORMAT'
      | 'ANALYSIS_TIMEOUT_MS'
      | 'ANALYSIS_MAX_QUEUE'
      | 'ANALYSIS_THREADS'
      | 'ANALYSIS_CACHE_ENTRIES'
      | 'ANALYSIS_MAX_PATH_WORK'
      | 'TRUST_PROXY'
      | 'LIVE_POLL_MS'
      | 'LIVE_HEARTBEAT_MS'
      | 'LIVE_MAX_EVENTS'
      | 'LIVE_MAX_UNREAD_BYTES'
      | 'LIVE_MAX_LISTENERS'
      | 'LIVE_STREAM_MAX_MS'
    >
  >;

export interface BuildOptions {
  /** Where logs go (stdout by default); tests read them to check what they carry. */
  logStream?: { write(line: string): void };
}

export async function buildApp(
  config: AppConfig,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : {
            level: config.LOG_LEVEL,
            serializers: { req: routeOnly },
            ...(options.logStream ? { stream: options.logStream } : {}),
            ...(config.LOG_FORMAT === 'pretty' && !options.logStream
              ? {
                  transport: {
                    target: 'pino-pretty',
                    options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
                  },
                }
              : {}),
          },
    bodyLimit: config.BODY_LIMIT_BYTES,
    // the client's address (failed-key throttle, rate limit) as the proxies in front pass it on
    trustProxy: config.TRUST_PROXY ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const store = createStore(
    {
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      transactionTimeoutMs: config.NEO4J_TRANSACTION_TIMEOUT_MS,
    },
    secretsFrom(config).hashSecret,
  );
  app.decorate('store', store);
  const limits = {
    timeoutMs: config.ANALYSIS_TIMEOUT_MS ?? DEFAULT_LIMITS.timeoutMs,
    maxQueue: config.ANALYSIS_MAX_QUEUE ?? DEFAULT_LIMITS.maxQueue,
    heavyThreads: config.ANALYSIS_THREADS ?? DEFAULT_LIMITS.heavyThreads,
    maxPathWork: config.ANALYSIS_MAX_PATH_WORK ?? DEFAULT_LIMITS.maxPathWork,
  };
  const analysis = new AnalysisPool(limits);
  app.decorate('analysis', analysis);
  app.decorate('engines', new MetricsEngines(analysis, () => store.gds.version(), limits));
  app.decorate(
    'analysisCache',
    new AnalysisCache(config.ANALYSIS_CACHE_ENTRIES ?? DEFAULT_CACHE_ENTRIES),
  );
  app.decorate('privacy', privacySettings(config));
  app.decorateRequest('auditDetail', null);
  app.decorateRequest('auditSubject', null);
  app.addHook('onClose', async () => {
    await analysis.close();
    await store.close();
  });

  await app.register(errorHandler);
  // No answer of the API may be kept by a browser or a proxy: each carries personal data, or says
  // who may read it. Set before anything else runs, so errors carry it too.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'worker-src': ["'self'", 'blob:'] },
    },
  });
  await app.register(multipart);
  await app.register(docs);
  await app.register(health);
  await app.register(map);
  await app.register(liveHub, { limits: liveLimits(config) });
  await app.register(auth, {
    adminKey: config.PEOPLEMAP_ADMIN_KEY,
    keys: store.keys,
    failuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
  });
  await app.register(
    async (api) => {
      api.addHook('onRoute', requireDeclaredAccess);
      api.addHook('onRequest', api.authorize);
      await api.register(auditLog, { audit: store.audit });
      await api.register(rateLimit, {
        max: config.RATE_LIMIT_PER_MINUTE,
        timeWindow: '1 minute',
        keyGenerator: (request) => request.principal?.keyId ?? request.ip,
      });
      for (const routes of [
        projects,
        residents,
        groups,
        instruments,
        costs,
        events,
        waves,
        network,
        metrics,
        report,
        releases,
        exportRoutes,
        sheets,
        archive,
        keys,
        audit,
        importRoutes,
        live,
      ])
        await api.register(routes);
    },
    { prefix: '/api/v1' },
  );
  return app;
}

/** The live stream's limits: LIVE_* where set, else the defaults. */
function liveLimits(config: AppConfig): LiveLimits {
  return {
    pollMs: config.LIVE_POLL_MS ?? LIVE_DEFAULTS.pollMs,
    heartbeatMs: config.LIVE_HEARTBEAT_MS ?? LIVE_DEFAULTS.heartbeatMs,
    maxEvents: config.LIVE_MAX_EVENTS ?? LIVE_DEFAULTS.maxEvents,
    maxUnreadBytes: config.LIVE_MAX_UNREAD_BYTES ?? LIVE_DEFAULTS.maxUnreadBytes,
    maxListeners: config.LIVE_MAX_LISTENERS ?? LIVE_DEFAULTS.maxListeners,
    maxStreamMs: config.LIVE_STREAM_MAX_MS ?? LIVE_DEFAULTS.maxStreamMs,
  };
}
