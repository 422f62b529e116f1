// Answers of heavy analyses (metrics, timelines) kept per API process as serialised JSON, keyed by
// everything they depend on: project, project version (every write bumps it, so an entry is never
// stale, on any replica), the query, and the caller's visibility (what that caller may see).
// Concurrent misses on one key share one computation. Least recently used entries go first.
import type { FastifyReply } from 'fastify';

/**
 * Sends a body the cache already serialised: Fastify passes a string with a JSON content type
 * through as it is, so the route's response schema is not applied twice.
 */
export function sendSerialised(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}

export interface AnalysisKey {
  kind: 'metrics' | 'timeline';
  project: string;
  version: number;
  /** What the caller may see (a string the access layer supplies). */
  visibility: string;
  /** The query: moment, community, weighted, interval… */
  query: Record<string, string | number | boolean | null | undefined>;
}

function keyOf(key: AnalysisKey): string {
  const query = Object.keys(key.query)
    .sort()
    .map((name) => [name, key.query[name] ?? null]);
  return JSON.stringify([key.kind, key.project, key.version, key.visibility, query]);
}

export class AnalysisCache {
  private readonly answers = new Map<string, { project: string; body: string }>();
  private readonly computing = new Map<string, Promise<string>>();

  constructor(private readonly capacity: number) {}

  /** The cached JSON body for `key`, else `compute()` serialised, stored and returned. */
  async json(key: AnalysisKey, compute: () => Promise<unknown>): Promise<string> {
    const id = keyOf(key);
    const hit = this.answers.get(id);
    if (hit) {
      this.answers.delete(id);
      this.answers.set(id, hit);
      return hit.body;
    }
    const running = this.computing.get(id);
    if (running) return running;
    const work = compute()
      .then((answer) => {
        const body = JSON.stringify(answer);
        this.store(id, key.project, body);
        return body;
      })
      .finally(() => this.computing.delete(id));
    this.computing.set(id, work);
    return work;
  }

  /** Forgets every answer about a project (erasure drops them at once, not at the next write). */
  dropProject(project: string): void {
    for (const [id, entry] of this.answers) if (entry.project === project) this.answers.delete(id);
  }

  private store(id: string, project: string, body: string): void {
    if (this.capacity === 0) return;
    this.answers.set(id, { project, body });
    while (this.answers.size > this.capacity) {
      this.answers.delete(this.answers.keys().next().value!);
    }
  }
}
