// A listener on a project's live stream for the tests: the messages as they come (parsed by the web
// app's own parser), and waits with a deadline for the one a test expects.
import { SseParser, type SseMessage } from '../../viz/shared/live.ts';

export interface Listening {
  status: number;
  headers: Headers;
  messages: SseMessage[];
  /** Comment lines (heartbeats) so far. */
  heartbeats(): number;
  /** Everything received, as text (a refusal's JSON body). */
  text(): string;
  /** The first message at or after `from` (an index into messages) matching, within `withinMs`. */
  next(match: (m: SseMessage) => boolean, withinMs?: number, from?: number): Promise<SseMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET /projects/:p/live` with a key (and a Last-Event-ID when given). */
export async function listen(
  baseUrl: string,
  key: string,
  project: string,
  lastEventId?: string,
): Promise<Listening> {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    accept: 'text/event-stream',
  };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(`${baseUrl}/api/v1/projects/${project}/live`, {
    headers,
    signal: controller.signal,
  });
  const parser = new SseParser();
  const messages: SseMessage[] = [];
  const waiting = new Set<() => void>();
  let text = '';
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        messages.push(...parser.push(chunk));
        for (const wake of waiting) wake();
      }
    } catch {
      // aborted by close()
    } finally {
      for (const wake of waiting) wake();
    }
  })();
  let over = false;
  void ended.then(() => (over = true));
  return {
    status: response.status,
    headers: response.headers,
    messages,
    heartbeats: () => parser.comments,
    text: () => text,
    ended,
    close: () => controller.abort(),
    next(match, withinMs = 10_000, from = 0) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const found = messages.slice(from).find(match);
          if (found) return done(() => resolve(found));
          if (over) return done(() => reject(new Error('the stream ended first')));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no such message within ${withinMs} ms`))),
          withinMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiting.delete(look);
          settle();
        };
        waiting.add(look);
        look();
      });
    },
  };
}

/** The parsed data of a message. */
export const dataOf = <T = Record<string, unknown>>(m: SseMessage): T => JSON.parse(m.data) as T;
