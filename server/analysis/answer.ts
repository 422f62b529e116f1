// What an analysis answers and to whom: the reader (a request or an abort signal) and the answer
// as JSON text. A leaf both the worker pool and the analysis cache import, so neither imports the other.
import type { IncomingMessage } from 'node:http';

/**
 * What an analysis answers: a request (its connection closing before the answer aborts the work),
 * or a signal (the analysis cache aborts a shared computation once all its readers have gone).
 */
export type Client = { raw: IncomingMessage } | { signal: AbortSignal };

/**
 * An answer as JSON text: a string, or UTF-8 chunks sent one after another (the plain graph, which
 * at a million events is ~170 MB: as chunks it is held once, not as a string and again as bytes).
 */
export type Body = string | readonly Buffer[];

/**
 * An answer already serialised: a 3 MB graph crosses threads as one string rather than as an
 * object graph cloned back, and is not stringified again here.
 */
export class Serialised {
  constructor(readonly json: Body) {}
}
