// API keys: issued with a role and projects, stored as the SHA-256 of a random secret, looked up
// on every request (no cache, so a revoked or expired key fails from the next request on, on every
// replica), and revoked by deletion.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../domain.ts';
import { badRequest, notFound } from '../errors.ts';
import { cypher, rows, type Database } from './neo4j.ts';

export interface KeyInput {
  role: Role;
  /** '*' for every project (required for admin keys). */
  projects: '*' | string[];
  name: string;
  expiresAt?: string;
  /** Partner keys only: may also read the de-identified network (graph, metrics, timeline…). */
  network?: boolean;
}

export interface ApiKey {
  id: string;
  role: Role;
  projects: '*' | string[];
  name: string;
  /** The partner's network grant; false for every other key. */
  network: boolean;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** A key as the auth hook needs it. */
export interface KeyHolder {
  id: string;
  role: Role;
  projects: '*' | string[];
  name: string;
  network: boolean;
  expiresAt: string | null;
}

interface KeyRow {
  id: string;
  role: Role;
  projects: string[];
  allProjects: boolean;
  name: string;
  network: boolean;
  createdAtMs?: number;
  expiresAtMs: number | null;
  lastUsedAtMs: number | null;
}

/** lastUsedAt is written at most once a minute per key: reads stay reads under load. */
const TOUCH_EVERY_MS = 60_000;

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

const toKey = (row: KeyRow): ApiKey => ({
  id: row.id,
  role: row.role,
  projects: row.allProjects ? '*' : row.projects,
  name: row.name,
  network: row.network,
  createdAt: iso(row.createdAtMs) as string,
  expiresAt: iso(row.expiresAtMs),
  lastUsedAt: iso(row.lastUsedAtMs),
});

export class KeyStore {
  constructor(private readonly db: Database) {}

  /** Issues a key; the secret is in the answer only. */
  async create(input: KeyInput, nowMs = Date.now()): Promise<ApiKey & { key: string }> {
    const expiresAtMs = input.expiresAt ? Date.parse(input.expiresAt) : null;
    if (expiresAtMs !== null && expiresAtMs <= nowMs)
      throw badRequest('the key would already be expired', [
        { path: 'expiresAt', message: 'must be in the future' },
      ]);
    if (input.role === 'admin' && input.projects !== '*')
      throw badRequest('an admin key covers every project', [
        { path: 'projects', message: 'must be "*" for an admin key' },
      ]);
    if (input.network && input.role !== 'partner')
      throw badRequest('only a partner key takes the network grant; other roles read the network', [
        { path: 'network', message: 'must be false unless role is "partner"' },
      ]);
    const projects = input.projects === '*' ? [] : [...new Set(input.projects)];
    const secret = 'pm_' + randomBytes(32).toString('base64url');
    const row = {
      id: 'key_' + randomBytes(9).toString('base64url'),
      hash: hashSecret(secret),
      role: input.role,
      projects,
      allProjects: input.projects === '*',
      name: input.name,
      network: input.network === true,
      createdAtMs: nowMs,
      expiresAtMs,
    };
    await this.db.write(async (tx) => {
      const found = new Set(
        rows<{ id: string }>(
          (await tx.run(cypher('key-projects-existing'), { ids: projects })).records,
        ).map((r) => r.id),
      );
      const unknown = projects.flatMap((id, i) =>
        found.has(id) ? [] : [{ path: `projects.${i}`, message: `unknown project "${id}"` }],
      );
      if (unknown.length > 0) throw badRequest('unknown projects; no key was issued', unknown);
      await tx.run(cypher('key-create'), { key: row });
    });
    return { ...toKey({ ...row, lastUsedAtMs: null }), key: secret };
  }

  list(): Promise<ApiKey[]> {
    return this.db.read(async (tx) =>
      rows<KeyRow>((await tx.run(cypher('key-list'))).records).map(toKey),
    );
  }

  async revoke(id: string): Promise<void> {
    const deleted = await this.db.write(
      async (tx) => (await tx.run(cypher('key-delete'), { id })).records.length > 0,
    );
    if (!deleted) throw notFound(`key "${id}"`);
  }

  /** The holder of a presented secret, or null when it is unknown or expired. */
  async holder(secret: string, nowMs = Date.now()): Promise<KeyHolder | null> {
    const hash = hashSecret(secret);
    const found = await this.db.read(async (tx) =>
      rows<KeyRow>((await tx.run(cypher('key-by-hash'), { hash })).records),
    );
    const row = found[0];
    if (!row || (row.expiresAtMs !== null && row.expiresAtMs <= nowMs)) return null;
    if (row.lastUsedAtMs === null || row.lastUsedAtMs < nowMs - TOUCH_EVERY_MS) {
      await this.db.write((tx) =>
        tx.run(cypher('key-touch'), { id: row.id, nowMs, staleBeforeMs: nowMs - TOUCH_EVERY_MS }),
      );
    }
    const { id, role, name, network } = row;
    const projects = row.allProjects ? '*' : row.projects;
    return { id, role, name, network, projects, expiresAt: iso(row.expiresAtMs) };
  }
}
