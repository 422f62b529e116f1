// A listener on a project's live stream for the tests: the messages as they come (parsed by the web
// app's own parser), and waits with a deadline for the one a test expects.
import type { LiveChange } from '../../server/contract.ts';
import { SseParser, type SseMessage } from '../../viz/common/live.ts';

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

/** Every change message up to and including `last`, merged: what a listener has been sent. */
export function mergedChanges(messages: SseMessage[], last?: SseMessage): LiveChange {
  const upTo = last ? messages.indexOf(last) + 1 : messages.length;
  const merged: LiveChange = { version: 0, events: [], residents: [], groups: [], communities: [] };
  for (const m of messages.slice(0, upTo)) {
    if (m.event !== 'change') continue;
    const change = dataOf<LiveChange>(m);
    merged.version = change.version;
    merged.events.push(...change.events);
    merged.residents.push(...change.residents);
    merged.groups.push(...change.groups);
    merged.communities.push(...change.communities);
  }
  return merged;
}

/**
 * Waits until the changes sent so far hold what `enough` asks: writes close together may come as
 * one change (a listener behind is sent all it missed at once), so tests wait for content, not for
 * one message per write.
 */
export async function changesUntil(
  stream: Listening,
  enough: (merged: LiveChange) => boolean,
  withinMs = 10_000,
): Promise<LiveChange> {
  const last = await stream.next(
    (m) => m.event === 'change' && enough(mergedChanges(stream.messages, m)),
    withinMs,
  );
  return mergedChanges(stream.messages, last);
}
