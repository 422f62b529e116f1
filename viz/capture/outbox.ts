// Sends the session's writes in the order typed. A network error or a 503 leaves the write at the
// head of the queue (kept in localStorage by the caller) and tries again with backoff and on the
// browser's `online` event. Ids are made in the browser, so sending twice stores once: a repeated
// event is a no-op, and a 409 for a resident, group or community this session created counts as
// stored when the record the API holds is the one that was sent.
import { ApiError, isTransient, type PeoplemapApi } from '../common/api.ts';
import type { PendingWrite } from './store.ts';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

export interface OutboxOwner {
  pending: PendingWrite[];
  /** The write reached the API and is stored (or was already). */
  stored(write: PendingWrite): void;
  /** The API refused it for good; the message says why. */
  refused(write: PendingWrite, message: string): void;
  /** Something changed: save and redraw. `offline` is true while a write waits on the network. */
  changed(offline: boolean): void;
}

export class Outbox {
  private sending: PendingWrite | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private offline = false;
  private closed = false;
  private readonly onOnline = () => void this.flush();

  constructor(
    private readonly api: PeoplemapApi,
    private readonly project: string,
    private readonly owner: OutboxOwner,
  ) {
    window.addEventListener('online', this.onOnline);
  }

  /** The write now on the wire, which can no longer be taken back from the queue. */
  get inFlight(): PendingWrite | null {
    return this.sending;
  }

  get waitingOnNetwork(): boolean {
    return this.offline;
  }

  add(write: PendingWrite): void {
    this.owner.pending.push(write);
    this.owner.changed(this.offline);
    void this.flush();
  }

  async flush(): Promise<void> {
    if (this.sending || this.closed) return;
    clearTimeout(this.retryTimer);
    while (this.owner.pending.length > 0 && !this.closed) {
      const write = this.owner.pending[0];
      this.sending = write;
      try {
        await this.send(write);
        this.owner.pending.shift();
        this.owner.stored(write);
        this.offline = false;
        this.retryMs = FIRST_RETRY_MS;
      } catch (error) {
        if (isTransient(error)) {
          this.sending = null;
          this.offline = true;
          this.owner.changed(true);
          this.retryTimer = setTimeout(() => void this.flush(), this.retryMs);
          this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
          return;
        }
        this.owner.pending.shift();
        this.owner.refused(write, error instanceof Error ? error.message : String(error));
      } finally {
        this.sending = null;
      }
      this.owner.changed(false);
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.onOnline);
  }

  private async send(write: PendingWrite): Promise<void> {
    try {
      await this.api.create(this.project, write);
    } catch (error) {
      if (write.collection !== 'residents' && write.collection !== 'groups') throw error;
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      if (!(await this.alreadyStored(write))) throw error;
    }
  }

  /** After a 409: is the record under this id the one this session sent (an earlier send got through)? */
  private async alreadyStored(
    write: PendingWrite & { collection: 'residents' | 'groups' | 'communities' },
  ): Promise<boolean> {
    const body = write.body as Record<string, unknown>;
    const id = String(body.id);
    const held: Record<string, unknown> | undefined =
      write.collection === 'residents'
        ? await this.api.resident(this.project, id)
        : write.collection === 'groups'
          ? (await this.api.groups(this.project)).groups.find((g) => g.id === id)
          : (await this.api.communities(this.project)).communities.find((c) => c.id === id);
    if (!held) return false;
    const fields = {
      residents: ['name', 'communityId', 'participant', 'consent'],
      groups: ['name', 'kind', 'communityId'],
      communities: ['name'],
    }[write.collection];
    return fields.every((field) => (held[field] ?? null) === (body[field] ?? null));
  }
}
