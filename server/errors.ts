// Typed errors with an HTTP status and a stable `error` code; the error handler turns them into
// `{ error, message, details? }` bodies.

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** Sent as `Retry-After` (seconds): the request may succeed unchanged later. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** True for an error that refuses the request itself (a 4xx): nothing of it was written. */
export const isRefusal = (error: unknown): error is AppError =>
  error instanceof AppError && error.status >= 400 && error.status < 500;

export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new AppError(400, 'bad_request', message, details);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, details?: ErrorDetail[]) =>
  new AppError(409, 'conflict', message, details);
export const unauthorized = () =>
  new AppError(401, 'unauthorized', 'a valid "Authorization: Bearer <key>" header is required');
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
/** Seconds a client should wait before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const databaseUnavailable = () =>
  new AppError(
    503,
    'database_unavailable',
    'the database is unavailable; retry shortly',
    undefined,
    DATABASE_RETRY_AFTER_SECONDS,
  );
export const databaseBusy = () =>
  new AppError(
    503,
    'database_busy',
    'the database is busy (the transaction timed out or kept conflicting); nothing was written by this request; retry shortly',
    undefined,
    DATABASE_RETRY_AFTER_SECONDS,
  );

/** The path of a field of item i of a list sent under `base`, or of the one item sent alone (base null). */
export const itemPath = (base: string | null, i: number, field: string) =>
  base === null ? field : `${base}.${i}.${field}`;
