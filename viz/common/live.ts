// Follows a project's live stream (GET /projects/:p/live). A browser's EventSource cannot send the
// Authorization header, so the stream is read with fetch and a ReadableStream: the key stays in a
// header, as for every other request, and never in an address or a log. When the stream ends or
// drops, it reconnects with Last-Event-ID and is sent what it missed. Runs in Node too (tests, bench).
import type { LiveChange, LiveReset } from './api.ts';

/** One Server-Sent Events message (`data` joined as sent; comments are not messages). */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Splits a text/event-stream into messages, as the HTML standard's parser does. */
export class SseParser {
  private buffer = '';
  private id: string | null = null;
  private event = '';
  private data: string[] = [];
  /** Comment lines seen (the server's heartbeats). */
  comments = 0;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (
      let end = this.buffer.search(/\r\n|\r|\n/);
      end !== -1;
      end = this.buffer.search(/\r\n|\r|\n/)
    ) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + (this.buffer.startsWith('\r\n', end) ? 2 : 1));
      if (line === '') {
        if (this.data.length > 0)
          out.push({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) {
        this.comments++;
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') this.id = value;
      else if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }

  /** The id of the last message (what a reconnection sends as Last-Event-ID). */
  get lastEventId(): string | null {
    return this.id;
  }
}

export type LiveState = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface LiveHandlers {
  ready?(version: number): void;
  change?(change: LiveChange): void;
  /** Read the project again: what changed cannot be sent as a change. */
  reset?(reset: LiveReset): void;
  state?(state: LiveState, detail?: string): void;
}

/** Waits before reconnecting: 1 s, doubling to 15 s; back to 1 s once a stream is up. */
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 15_000;

export class LiveFollower {
  private controller: AbortController | null = null;
  private stopped = false;
  private wait = FIRST_WAIT_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The version this page has been brought to (sent as Last-Event-ID). */
  lastEventId: string | null = null;
  /** Heartbeats received on every stream so far. */
  heartbeats = 0;

  constructor(
    private readonly key: string,
    private readonly project: string,
    private readonly handlers: LiveHandlers,
    private readonly base = '/api/v1',
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller?.abort();
    this.handlers.state?.('stopped');
  }

  private async connect(): Promise<void> {
    this.controller = new AbortController();
    this.handlers.state?.('connecting');
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.key}`,
      Accept: 'text/event-stream',
    };
    if (this.lastEventId !== null) headers['Last-Event-ID'] = this.lastEventId;
    let reason = 'the live stream ended';
    try {
      const response = await fetch(
        `${this.base}/projects/${encodeURIComponent(this.project)}/live`,
        {
          headers,
          signal: this.controller.signal,
          cache: 'no-store',
        },
      );
      if (!response.ok || !response.body) {
        reason = await refusal(response);
        if ([401, 403, 404].includes(response.status)) return this.give(reason);
        const retryAfter = Number(response.headers.get('retry-after'));
        if (retryAfter > 0) this.wait = Math.max(this.wait, retryAfter * 1000);
      } else {
        await this.read(response.body);
      }
    } catch (error) {
      if (this.stopped) return;
      reason = `the live stream dropped (${error instanceof Error ? error.message : error})`;
    }
    if (this.stopped) return;
    this.handlers.state?.('retrying', reason);
    this.timer = setTimeout(() => void this.connect(), this.wait);
    this.wait = Math.min(this.wait * 2, LONGEST_WAIT_MS);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = new SseParser();
    const reader = body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const before = parser.comments;
      for (const message of parser.push(decoder.decode(value, { stream: true })))
        this.dispatch(message);
      this.heartbeats += parser.comments - before;
    }
  }

  private dispatch(message: SseMessage): void {
    if (message.id !== null) this.lastEventId = message.id;
    const data = JSON.parse(message.data);
    if (message.event === 'ready') {
      this.wait = FIRST_WAIT_MS;
      this.handlers.state?.('live');
      this.handlers.ready?.(data.version);
    } else if (message.event === 'change') this.handlers.change?.(data as LiveChange);
    else if (message.event === 'reset') this.handlers.reset?.(data as LiveReset);
  }

  private give(reason: string): void {
    this.stopped = true;
    this.handlers.state?.('stopped', reason);
  }
}

async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) return `${body.message} (${response.status})`;
  } catch {
    // not the API's error body (a proxy's page): the status says enough
  }
  return `the live stream was refused (${response.status})`;
}
