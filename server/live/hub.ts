// The live stream's listeners, by project. A write acknowledged by this process pokes its project;
// writes through other processes are found by polling, in one read, the versions of the projects
// that have listeners. Either way each listener behind is sent what changed since the version it
// has: read once per starting version, then seen once per kind of viewer (the privacy door), and the
// same text written to every listener of that kind.
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../errors.ts';
import type { StoredChange } from '../store/live.ts';
import type { Store } from '../store/index.ts';
import { sseMessage, type LiveChange } from './messages.ts';

export interface LiveLimits {
  /** How often the versions of projects with listeners are read (writes through other processes). */
  pollMs: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** A change of more events than this is sent as `reset`: the client reads the project again. */
  maxEvents: number;
  /** A listener with more than this many bytes not yet taken by its client is disconnected. */
  maxUnreadBytes: number;
  /** Listeners per process; past it a new stream is refused with a 503. */
  maxListeners: number;
  /** A stream is ended after this long; the client reconnects, and its key is checked again. */
  maxStreamMs: number;
}

export const LIVE_DEFAULTS: LiveLimits = {
  pollMs: 500,
  heartbeatMs: 15_000,
  maxEvents: 1_000,
  maxUnreadBytes: 1024 * 1024,
  maxListeners: 1_000,
  maxStreamMs: 10 * 60_000,
};

/** Where a listener's text goes: the HTTP response under the SSE headers. */
export interface Outlet {
  write(text: string): void;
  /** Bytes written and not yet taken by the client. */
  unread(): number;
  /** Ends the stream cleanly (the client may reconnect). */
  end(): void;
  /** Drops the connection at once (a client that does not read). */
  destroy(): void;
}

export interface ListenerInit {
  projectId: string;
  /** Equal for two listeners exactly when they may see the same things (the viewer's cache key). */
  viewerKey: string;
  /** The change as this listener's viewer may see it; null when nothing of it is theirs to see. */
  see(change: Extract<StoredChange, { kind: 'change' }>): Promise<LiveChange | null>;
  outlet: Outlet;
}

export interface Listener extends ListenerInit {
  /** The version this listener has been brought to. */
  at: number;
  open: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

class Feed {
  readonly listeners = new Set<Listener>();
  constructor(readonly projectId: string) {}
  /** The newest version known to this process. */
  known = 0;
  running: Promise<void> | null = null;
  again = false;
}

export class LiveHub {
  private readonly feeds = new Map<string, Feed>();
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private polling = false;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private pollFailed = false;
  private closed = false;

  constructor(
    private readonly store: Pick<Store, 'live' | 'projects'>,
    readonly limits: LiveLimits,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Open streams in this process. */
  get size(): number {
    let count = 0;
    for (const feed of this.feeds.values()) count += feed.listeners.size;
    return count;
  }

  /** Throws the 503 a new stream gets when this process has as many listeners as it takes. */
  admit(): void {
    if (this.size >= this.limits.maxListeners || this.closed)
      throw new AppError(
        503,
        'live_full',
        'this server follows as many live streams as it can; retry shortly',
        undefined,
        5,
      );
  }

  /**
   * Starts a listener at `current` (the project's version read for it). Without `lastEventId` it is
   * told that version (`ready` with its id); with one it is sent what it missed since (a change,
   * or a reset when that version is not one this project had).
   */
  open(init: ListenerInit, current: number, lastEventId: number | null): Listener {
    const listener: Listener = { ...init, at: current, open: true };
    let feed = this.feeds.get(init.projectId);
    if (!feed) this.feeds.set(init.projectId, (feed = new Feed(init.projectId)));
    feed.listeners.add(listener);
    listener.timer = setTimeout(() => this.close(listener), this.limits.maxStreamMs);
    listener.timer.unref();
    const retry = Math.min(this.limits.pollMs * 4, 5_000);
    if (lastEventId === null || lastEventId === current) {
      this.send(
        listener,
        sseMessage({ id: current, event: 'ready', data: { version: current }, retry }),
      );
    } else if (lastEventId > current) {
      const reset = { version: current, reason: 'unknown_version' };
      this.send(listener, sseMessage({ id: current, event: 'reset', data: reset, retry }));
    } else {
      listener.at = lastEventId;
      this.send(listener, sseMessage({ event: 'ready', data: { version: lastEventId }, retry }));
    }
    this.advance(feed, current);
    this.startTimers();
    return listener;
  }

  /** Ends a listener's stream and forgets it. */
  close(listener: Listener, how: 'end' | 'destroy' = 'end'): void {
    this.forget(listener);
    if (how === 'destroy') listener.outlet.destroy();
    else listener.outlet.end();
  }

  /** The client went away: forget it. */
  forget(listener: Listener): void {
    if (!listener.open) return;
    listener.open = false;
    clearTimeout(listener.timer);
    const feed = this.feeds.get(listener.projectId);
    feed?.listeners.delete(listener);
    if (feed && feed.listeners.size === 0 && !feed.running) this.feeds.delete(listener.projectId);
    if (this.feeds.size === 0) this.stopTimers();
  }

  /** A write to the project was acknowledged by this process: its listeners are sent it now. */
  async poke(projectId: string): Promise<void> {
    const feed = this.feeds.get(projectId);
    if (!feed) return;
    try {
      // a read that started after the write was acknowledged, so it holds it
      const { version } = await this.store.projects.current(projectId);
      this.advance(feed, version);
    } catch (error) {
      this.log.warn({ code: codeOf(error) }, 'live: version not read after a write');
    }
  }

  /** Ends every stream (the server is closing). */
  shutdown(): void {
    this.closed = true;
    for (const feed of [...this.feeds.values()])
      for (const listener of [...feed.listeners]) this.close(listener);
    this.stopTimers();
  }

  private advance(feed: Feed, version: number): void {
    if (version > feed.known) feed.known = version;
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = this.pump(feed).finally(() => {
      feed.running = null;
      if (feed.again) {
        feed.again = false;
        this.advance(feed, feed.known);
      } else if (feed.listeners.size === 0 && this.feeds.get(feed.projectId) === feed) {
        this.feeds.delete(feed.projectId);
      }
    });
  }

  /** Brings every listener behind the feed's known version up to it. */
  private async pump(feed: Feed): Promise<void> {
    const upTo = feed.known;
    const behind = new Map<number, Listener[]>();
    for (const listener of feed.listeners) {
      if (listener.at >= upTo) continue;
      const group = behind.get(listener.at);
      if (group) group.push(listener);
      else behind.set(listener.at, [listener]);
    }
    for (const [after, listeners] of behind) {
      try {
        const change = await this.store.live.change(
          feed.projectId,
          after,
          upTo,
          this.limits.maxEvents,
        );
        if (change.kind === 'reset') {
          const reset = { version: upTo, reason: change.reason };
          const text = sseMessage({ id: upTo, event: 'reset', data: reset });
          for (const listener of listeners) this.deliver(listener, text, upTo);
          continue;
        }
        const texts = new Map<string, string | null>();
        for (const listener of listeners) {
          if (!texts.has(listener.viewerKey)) {
            const seen = await listener.see(change);
            texts.set(
              listener.viewerKey,
              seen && sseMessage({ id: upTo, event: 'change', data: seen }),
            );
          }
          this.deliver(listener, texts.get(listener.viewerKey)!, upTo);
        }
      } catch (error) {
        // left where they were: the next poll tries again
        this.log.warn({ code: codeOf(error) }, 'live: change not read');
      }
    }
  }

  /** Nothing to send (null) still brings the listener to the version: it had nothing to miss. */
  private deliver(listener: Listener, text: string | null, version: number): void {
    if (text !== null) this.send(listener, text);
    listener.at = version;
  }

  /** Writes to a listener unless its client has left too much unread: that one is dropped. */
  private send(listener: Listener, text: string): void {
    if (!listener.open) return;
    if (listener.outlet.unread() > this.limits.maxUnreadBytes) {
      this.log.info('live: a listener that does not read was disconnected');
      this.close(listener, 'destroy');
      return;
    }
    listener.outlet.write(text);
  }

  private startTimers(): void {
    if (this.pollTimer === undefined && !this.polling) this.schedulePoll();
    if (this.heartbeatTimer === undefined) {
      this.heartbeatTimer = setInterval(() => this.heartbeat(), this.limits.heartbeatMs);
      this.heartbeatTimer.unref();
    }
  }

  private stopTimers(): void {
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeatTimer);
    this.pollTimer = undefined;
    this.heartbeatTimer = undefined;
  }

  private schedulePoll(): void {
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, this.limits.pollMs);
    this.pollTimer.unref();
  }

  /** Reads the versions of every project with listeners, and brings the listeners behind up. */
  private async poll(): Promise<void> {
    const ids = [...this.feeds.keys()];
    this.polling = true;
    if (ids.length > 0) {
      try {
        const versions = await this.store.live.versions(ids);
        for (const [id, version] of versions) {
          const feed = this.feeds.get(id);
          if (feed && (version > feed.known || hasBehind(feed, version)))
            this.advance(feed, version);
        }
        this.pollFailed = false;
      } catch (error) {
        // said once per outage, not every half second
        if (!this.pollFailed) this.log.warn({ code: codeOf(error) }, 'live: versions not read');
        this.pollFailed = true;
      }
    }
    this.polling = false;
    if (this.feeds.size > 0 && !this.closed && this.pollTimer === undefined) this.schedulePoll();
  }

  private heartbeat(): void {
    for (const feed of [...this.feeds.values()])
      for (const listener of [...feed.listeners]) this.send(listener, ': heartbeat\n\n');
  }
}

const hasBehind = (feed: Feed, version: number): boolean => {
  for (const listener of feed.listeners) if (listener.at < version) return true;
  return false;
};

const codeOf = (error: unknown): string =>
  (error as { code?: string } | null)?.code ?? (error instanceof Error ? error.name : 'unknown');
