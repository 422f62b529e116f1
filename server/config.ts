// Typed configuration from the environment: every setting the service reads, validated once at start.
import { isIP } from 'node:net';
import { z } from 'zod';
import { LIVE_DEFAULTS } from './live/hub.ts';

/** Partners see no aggregate over fewer residents than this, unless PRIVACY_MIN_COUNT says otherwise. */
export const DEFAULT_MIN_COUNT = 5;

/** A secret the data depends on: required, and its message says how to make one and why to keep it. */
const secret = (keeps: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `not set: make one with \`openssl rand -hex 32\` and keep it as long as the data (it keys ${keeps})`
          : 'must be a string',
    })
    .min(32, 'must be at least 32 characters');

/** An address, a CIDR range or a range's name as proxy-addr (Fastify's trustProxy) reads them. */
function isProxyAddress(item: string): boolean {
  const text = item.trim();
  if (['loopback', 'linklocal', 'uniquelocal'].includes(text)) return true;
  const [address, prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return (
    prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
  );
}

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PEOPLEMAP_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters'),
  PEOPLEMAP_HASH_SECRET: secret('the erasure tombstones'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'must be a bolt:// or neo4j:// URI'),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().optional(),
  NEO4J_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: one readable line per entry (pino-pretty), for a terminal; `json` for collectors. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /**
   * Behind a reverse proxy, where the client's address is read from (Fastify's trustProxy): unset
   * or `false`, the TCP peer; else the proxies' addresses or CIDR ranges (or `loopback`,
   * `linklocal`, `uniquelocal`), comma-separated, whose X-Forwarded-For is believed; `true`
   * believes any X-Forwarded-For, which a client can write itself (only behind a proxy that
   * overwrites it).
   */
  TRUST_PROXY: z
    .string()
    .refine(
      (value) => value === 'true' || value === 'false' || value.split(',').every(isProxyAddress),
      'must be true, false, or proxy addresses / CIDR ranges separated by commas',
    )
    .optional()
    .transform((value): boolean | string =>
      value === undefined || value === 'false' ? false : value === 'true' ? true : value,
    ),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  PEOPLEMAP_PSEUDONYM_SECRET: secret("partners' pseudonyms"),
  PRIVACY_MIN_COUNT: z.coerce.number().int().min(1).default(DEFAULT_MIN_COUNT),
  /** Releases: decimal places of means (1) and of shares and indices (2: whole percent). */
  /** k of the network grant's classes (docs/privacy.md); PRIVACY_MIN_COUNT unless set. */
  PRIVACY_CLASS_MIN: z.coerce.number().int().min(1).optional(),
  PRIVACY_MEAN_DECIMALS: z.coerce.number().int().min(0).max(3).default(1),
  PRIVACY_SHARE_DECIMALS: z.coerce.number().int().min(0).max(4).default(2),
  /** Time budget of one analysis (graph, metrics, timeline, report), queueing included: then 503. */
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().min(1).default(120_000),
  /** Analyses that may wait in each lane (cheap reads, heavy analyses) before a 503. */
  ANALYSIS_MAX_QUEUE: z.coerce.number().int().min(0).default(32),
  /** Worker threads for heavy analyses (default: the cores, at least 2); cheap reads have one more. */
  ANALYSIS_THREADS: z.coerce.number().int().min(1).optional(),
  /** Metrics bodies kept per API process (keyed by project version, moment and options). */
  ANALYSIS_CACHE_ENTRIES: z.coerce.number().int().min(0).default(64),
  /** Largest residents × ties whose metrics are attempted (0: no limit); beyond it, 422 at once. */
  ANALYSIS_MAX_PATH_WORK: z.coerce.number().int().min(0).default(5_000_000_000),
  /** How often the live stream reads the versions of followed projects (writes through other processes). */
  LIVE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(LIVE_DEFAULTS.pollMs),
  /** A comment line on every live stream this often keeps proxies from closing it. */
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(10).default(LIVE_DEFAULTS.heartbeatMs),
  /** A live change of more events than this is sent as a reset (the client reads the project again). */
  LIVE_MAX_EVENTS: z.coerce.number().int().min(1).default(LIVE_DEFAULTS.maxEvents),
  /** Bytes a live listener may leave unread before it is disconnected. */
  LIVE_MAX_UNREAD_BYTES: z.coerce.number().int().min(1024).default(LIVE_DEFAULTS.maxUnreadBytes),
  /** Live streams per API process; past it a new one answers 503. */
  LIVE_MAX_LISTENERS: z.coerce.number().int().min(1).default(LIVE_DEFAULTS.maxListeners),
  /** A live stream ends after this long; its client reconnects and its key is checked again. */
  LIVE_STREAM_MAX_MS: z.coerce.number().int().min(1_000).default(LIVE_DEFAULTS.maxStreamMs),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Reads and checks the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`peoplemap: invalid configuration\n${lines.join('\n')}`);
  }
  return parsed.data;
}
