// Answers of analyses (graph, metrics, timelines, history) kept per API process as serialised
// JSON, one slot per question: project, the caller's visibility and the query. A slot's answer
// carries the project version it was read at (every write bumps it, on any replica), so a read
// never gets an answer older than the writes acknowledged before it arrived.
//
// Under a stream of writes each version would cost a fresh computation per reader; instead a slot
// runs at most one computation at a time. A reader whose version the running one already covers
// shares it; a later reader waits for the next one, which starts when the running one ends, reads
// the data then (so it sees every write acknowledged before any of its readers arrived) and
// answers all who queued for it. Computations per slot are back to back, however fast writes come.
// A shared computation stops early only when every reader waiting for it has gone.
import { Serialised, type Body, type Client } from './answer.ts';

/** Answers kept when ANALYSIS_CACHE_ENTRIES is not set. */
export const DEFAULT_CACHE_ENTRIES = 64;

export interface AnalysisKey {
  kind: 'graph' | 'ego' | 'metrics' | 'timeline' | 'history';
  project: string;
  /** The project's version when the reader arrived: an answer read at it or later will do. */
  version: number;
  /** What the caller may see (a string the access layer supplies). */
  visibility: string;
  /** The query: moment, community, weighted, interval… */
  query: Record<string, string | number | boolean | null | undefined>;
}

/** One computation, shared by every reader that joined it; aborted when all of them have gone. */
class Run {
  readonly stop = new AbortController();
  private waiting = 0;
  body!: Promise<Body>;

  constructor(public version: number) {}

  /** Not stopped: a reader may still join it. */
  get live(): boolean {
    return !this.stop.signal.aborted;
  }

  /** Counts a reader in; its connection closing counts it out. */
  join(client: Client | undefined): void {
    this.waiting += 1;
    const socket = client && 'raw' in client ? client.raw.socket : undefined;
    if (!socket) return;
    const leave = () => {
      this.waiting -= 1;
      if (this.waiting === 0)
        this.stop.abort(new DOMException('every reader went away', 'AbortError'));
    };
    socket.once('close', leave);
    void this.body.finally(() => socket.off('close', leave)).catch(() => {});
  }
}

interface Slot {
  answer: { version: number; body: Body } | null;
  running: Run | null;
  next: Run | null;
}

const slotOf = (key: AnalysisKey): string => {
  const query = Object.keys(key.query)
    .sort()
    .map((name) => [name, key.query[name] ?? null]);
  return JSON.stringify([key.kind, key.project, key.visibility, query]);
};

export class AnalysisCache {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly capacity: number) {}

  /**
   * The answer for `key` read at its version or later: cached, shared with a computation that
   * covers it, or computed by `compute` (given a signal that aborts when every reader has gone,
   * and the version its answer is labelled with: later than the caller's own when the run was
   * queued and other readers raised it, so it must read the data afresh).
   */
  json(
    key: AnalysisKey,
    client: Client | undefined,
    compute: (signal: AbortSignal, version: number) => Promise<unknown>,
  ): Promise<Body> {
    const id = slotOf(key);
    let slot = this.slots.get(id);
    if (slot) {
      this.slots.delete(id);
      this.slots.set(id, slot);
    } else {
      slot = { answer: null, running: null, next: null };
      this.slots.set(id, slot);
      this.evict();
    }
    if (slot.answer && slot.answer.version >= key.version) return Promise.resolve(slot.answer.body);
    // a computation every reader left is stopping: a reader arriving now is not one of them
    const running = slot.running?.live ? slot.running : null;
    if (running && running.version >= key.version) return this.wait(running, client);
    if (slot.next?.live) {
      // not started yet: it reads the data after this reader arrived, whatever the label says
      slot.next.version = Math.max(slot.next.version, key.version);
      return this.wait(slot.next, client);
    }
    const run = new Run(key.version);
    if (slot.running) {
      slot.next = run;
      const after = slot.running.body.catch(() => {});
      run.body = after.then(() => this.start(slot, run, compute));
    } else {
      run.body = this.start(slot, run, compute);
    }
    return this.wait(run, client);
  }

  private wait(run: Run, client: Client | undefined): Promise<Body> {
    run.join(client);
    return run.body;
  }

  private start(
    slot: Slot,
    run: Run,
    compute: (signal: AbortSignal, version: number) => Promise<unknown>,
  ): Promise<Body> {
    if (slot.next === run) slot.next = null;
    // every reader of a queued computation left before it started: it has nobody to answer
    if (!run.live) return Promise.reject(run.stop.signal.reason);
    slot.running = run;
    return compute(run.stop.signal, run.version)
      .then((answer) => {
        const body = answer instanceof Serialised ? answer.json : JSON.stringify(answer);
        if (this.capacity > 0 && (!slot.answer || slot.answer.version <= run.version)) {
          slot.answer = { version: run.version, body };
        }
        return body;
      })
      .finally(() => {
        if (slot.running === run) slot.running = null;
      });
  }

  /** Least recently used slots go first; a slot still computing finishes for its readers. */
  private evict(): void {
    const limit = Math.max(this.capacity, 1);
    for (const [id] of this.slots) {
      if (this.slots.size <= limit) break;
      this.slots.delete(id);
    }
  }
}
