// The audit log: append-only entries of who (key id and role) did what (route pattern) to which
// project, with counts and the answer's status; never resident ids, names or request bodies (a
// resident a change was about is named by a keyed hash, the fields it changed by name only).
// Entries of requests answered while an audit write is in flight are written together after it.
import { createHmac, randomBytes } from 'node:crypto';
import { cypher, neo4jInt, rows, type Database } from './neo4j.ts';
import { GroupCommit } from './group-commit.ts';

/** Facts about the request beyond its route, such as the key issued and its grant. */
export type AuditDetail = Record<string, string | number | boolean>;

export interface AuditEntry {
  at: string;
  keyId: string;
  role: string;
  /** The route pattern, e.g. "POST /api/v1/projects/:p/events". */
  action: string;
  project: string | null;
  counts: Record<string, number> | null;
  detail: AuditDetail | null;
  status: number;
  /** The resident the request changed, as residentHash gives it; null for any other request. */
  resident: string | null;
  /** The names of the fields it changed (never their values); null for any other request. */
  fields: string[] | null;
}

export interface AuditCursor {
  atMs: number;
  id: string;
}

export interface AuditQuery {
  project: string | null;
  /** Only the entries about this resident (a residentHash). */
  resident: string | null;
  fromMs: number;
  toMs: number;
  after: AuditCursor | null;
  limit: number;
}

interface AuditRow {
  id: string;
  atMs: number;
  keyId: string;
  role: string;
  action: string;
  project: string | null;
  countsJson: string | null;
  detailJson: string | null;
  status: number;
  resident?: string | null;
  fields?: string[] | null;
}

/** Entries written by one statement at most. */
const GROUP_ENTRIES = 1_000;

/** The audit log has one queue: entries of every project share a write. */
const LOG = 'audit';

export class AuditStore {
  private readonly queue = new GroupCommit<AuditRow, void>(
    async (_log, entries) => {
      await this.db.write((tx) => tx.run(cypher('audit-append'), { entries }));
      return entries.map(() => ({ ok: true, value: undefined }));
    },
    { maxItems: GROUP_ENTRIES },
  );

  constructor(
    private readonly db: Database,
    /** Keys residentHash: the service's hash secret (PEOPLEMAP_HASH_SECRET). */
    private readonly secret: Buffer,
  ) {}

  /**
   * A resident as the audit log names them: HMAC-SHA256 of project and id, keyed by the hash
   * secret. The same person has the same hash in every entry (an admin finds them with
   * `?resident=`), and a copy of the log without the secret cannot test guessed ids.
   */
  residentHash(projectId: string, residentId: string): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify(['audit resident', projectId, residentId]))
      .digest('hex');
  }

  /** Resolves once the entry is committed; a failed write rejects every entry written with it. */
  async append(entry: Omit<AuditEntry, 'at'>, atMs = Date.now()): Promise<void> {
    const row: AuditRow = {
      id: randomBytes(9).toString('base64url'),
      atMs,
      keyId: entry.keyId,
      role: entry.role,
      action: entry.action,
      project: entry.project,
      countsJson: entry.counts ? JSON.stringify(entry.counts) : null,
      detailJson: entry.detail ? JSON.stringify(entry.detail) : null,
      status: entry.status,
      resident: entry.resident,
      fields: entry.fields,
    };
    await this.queue.submit(LOG, row);
  }

  /** One page, oldest first, and the cursor of its last entry (null: no more). */
  async page(query: AuditQuery): Promise<{ entries: AuditEntry[]; next: AuditCursor | null }> {
    const found = await this.db.read(async (tx) =>
      rows<{ entry: AuditRow }>(
        (await tx.run(cypher('audit-page'), { ...query, limit: neo4jInt(query.limit + 1) }))
          .records,
      ).map((r) => r.entry),
    );
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      entries: page.map((r) => ({
        at: new Date(r.atMs).toISOString(),
        keyId: r.keyId,
        role: r.role,
        action: r.action,
        project: r.project ?? null,
        counts: r.countsJson ? JSON.parse(r.countsJson) : null,
        detail: r.detailJson ? JSON.parse(r.detailJson) : null,
        status: r.status,
        resident: r.resident ?? null,
        fields: r.fields ?? null,
      })),
      next: found.length > query.limit && last ? { atMs: last.atMs, id: last.id } : null,
    };
  }
}
