// The one Neo4j driver of the process, the named Cypher statements from ../cypher, and the
// conversions that keep driver Integers and temporals from leaking past the store.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j, {
  type Driver,
  type ManagedTransaction,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import { databaseBusy, databaseUnavailable } from '../errors.ts';

const cypherDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

function loadStatements(dir: string): Map<string, string> {
  const statements = new Map<string, string>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.cypher')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const body = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('//'))
      .join('\n')
      .trim();
    statements.set(file.replace(/\.cypher$/, ''), body);
  }
  return statements;
}

const statements = loadStatements(cypherDir);
const schemaStatements = [...loadStatements(join(cypherDir, 'schema')).values()];

/** The statement stored in cypher/<name>.cypher. */
export function cypher(name: string): string {
  const text = statements.get(name);
  if (!text) throw new Error(`peoplemap/store: no cypher/${name}.cypher`);
  return text;
}

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Server-side limit of one transaction; a write stuck behind locks fails instead of hanging. */
  transactionTimeoutMs?: number;
}

const DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;

export function createDriver(settings: Neo4jSettings): Driver {
  const auth = settings.password ? neo4j.auth.basic(settings.user, settings.password) : undefined;
  return neo4j.driver(settings.uri, auth, {
    disableLosslessIntegers: true,
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: 5_000,
    maxTransactionRetryTime: 5_000,
    logging: { level: 'error', logger: () => {} },
  });
}

/** A whole number sent as a Cypher INTEGER (LIMIT and SKIP refuse floats). */
export const neo4jInt = (value: number) => neo4j.int(value);

/** Converts a driver value (temporal, list, map) to plain JSON-able JavaScript; integers already
 * arrive as numbers (disableLosslessIntegers: every id and time here is below 2^53). */
export function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (neo4j.isDateTime(value as never)) return new Date(value.toString()).toISOString();
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
}

/** One record as a plain object (toObject makes a fresh one: nested values are made plain in it). */
function row<T>(record: Neo4jRecord): T {
  const object = record.toObject() as Record<string, unknown>;
  for (const key in object) {
    const value = object[key];
    if (value !== null && typeof value === 'object') object[key] = plain(value);
  }
  return object as T;
}

export function rows<T>(records: Neo4jRecord[]): T[] {
  return records.map((r) => row<T>(r));
}

/**
 * The rows of a large result, converted as they stream in (the driver pauses the stream when
 * its buffer is full): the driver's records for a million rows are never all held at once.
 */
export async function streamRows<T>(result: AsyncIterable<Neo4jRecord>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of result) out.push(row<T>(record));
  return out;
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

/** True when an error means the database cannot be reached (the API answers 503). */
export function isUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as { message?: string }).message ?? '';
  return (
    UNAVAILABLE.has(code) ||
    /connection acquisition timed out|failed to connect|ECONNREFUSED|Could not perform discovery/i.test(
      message,
    )
  );
}

/**
 * True when a transaction could not finish in time or kept conflicting: a transient error that
 * outlasted the driver's retries (deadlocks, leader changes), or the transaction timeout (a
 * transaction waiting for a lock when it expires fails as LockClientStopped).
 */
function isBusy(error: unknown): boolean {
  if (neo4j.isRetryableError(error as Error)) return true;
  const code = (error as { code?: string } | null)?.code ?? '';
  return (
    code.startsWith('Neo.TransientError.') ||
    /^Neo\.ClientError\.Transaction\.(TransactionTimedOut|LockClientStopped|Terminated)/.test(code)
  );
}

/** True when a write broke a uniqueness constraint (two writers created the same key at once). */
export function isConstraintViolation(error: unknown): boolean {
  return (
    (error as { code?: string } | null)?.code ===
    'Neo.ClientError.Schema.ConstraintValidationFailed'
  );
}

/**
 * IF NOT EXISTS does not cover two replicas creating one rule at the same moment: the slower one
 * is told the rule already exists, which is what it wanted.
 */
function sameRuleMadeElsewhere(error: unknown): void {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('Neo.ClientError.Schema.') && code.endsWith('AlreadyExists')) return;
  throw error;
}

/** Short sessions per unit of work, managed transactions, and unavailability mapped to 503. */
export class Database {
  private schema: Promise<void> | undefined;

  constructor(
    readonly driver: Driver,
    private readonly database?: string,
    private readonly transactionTimeoutMs = DEFAULT_TRANSACTION_TIMEOUT_MS,
  ) {}

  /** `timeoutMs`: a longer limit for one read (a GDS algorithm runs within the analysis budget). */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs?: number): Promise<T> {
    await this.ensureSchema();
    return this.session('READ', work, timeoutMs);
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    await this.ensureSchema();
    return this.session('WRITE', work);
  }

  /** One query without the managed retry, so a probe answers within the driver's connect timeout. */
  async ping(): Promise<boolean> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      await session.run(cypher('ping'));
      await this.ensureSchema();
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => {});
    }
  }

  /**
   * Applies constraints and indexes once per process; every statement is IF NOT EXISTS. Replicas
   * starting together can deadlock on the schema locks: managed transactions retry those, and one
   * promise per process keeps its own requests from racing each other.
   */
  ensureSchema(): Promise<void> {
    this.schema ??= this.applySchema().catch((error) => {
      this.schema = undefined;
      throw isUnavailable(error) ? databaseUnavailable() : error;
    });
    return this.schema;
  }

  private async applySchema(): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      for (const statement of schemaStatements)
        await session.executeWrite((tx) => tx.run(statement)).catch(sameRuleMadeElsewhere);
      await session.run('CALL db.awaitIndexes(60)');
    } finally {
      await session.close();
    }
  }

  private async session<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    timeoutMs = this.transactionTimeoutMs,
  ): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    try {
      const config = { timeout: timeoutMs };
      return mode === 'READ'
        ? await session.executeRead(work, config)
        : await session.executeWrite(work, config);
    } catch (error) {
      if (isUnavailable(error)) throw databaseUnavailable();
      throw isBusy(error) ? databaseBusy() : error;
    } finally {
      await session.close().catch(() => {});
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
