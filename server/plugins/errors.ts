// One error shape for every failure: `{ error, message, details? }`; 5xx bodies never leak internals.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

interface Issue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  errors?: Issue[][];
  keys?: string[];
}

/** One-or-many bodies are unions; report the branch the client meant (a list under one key, or one item). */
function flatten(
  issue: Issue,
  body: unknown,
  prefix: PropertyKey[],
): { path: string; message: string }[] {
  const path = [...prefix, ...(issue.path ?? [])];
  if (issue.code === 'invalid_union' && path.length === 0 && issue.errors?.length === 2) {
    const isMany =
      body !== null &&
      typeof body === 'object' &&
      Object.keys(body).length === 1 &&
      Array.isArray(Object.values(body)[0]);
    return issue.errors[isMany ? 0 : 1].flatMap((inner) => flatten(inner, body, path));
  }
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    return issue.keys.map((key) => ({
      path: [...path, key].map(String).join('.'),
      message: `unknown field "${key}"`,
    }));
  }
  return [{ path: path.map(String).join('.') || 'body', message: issue.message ?? 'invalid' }];
}

function zodDetails(error: FastifyError, body: unknown): { path: string; message: string }[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const prefix = error.validationContext === 'headers' ? 'headers.' : '';
  return error.validation
    .flatMap((v) => {
      const params = v.params as Issue;
      const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      return flatten(
        { ...params, code: v.keyword, path, message: v.message },
        error.validationContext === 'body' ? body : null,
        [],
      );
    })
    .map((d) => ({ path: prefix + d.path, message: d.message }));
}

export default fp(async function errorHandler(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: 'not_found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // RFC 6750: a 401 says which scheme would be accepted
      if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="peoplemap"');
      if (error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(error.retryAfterSeconds));
      return reply
        .code(error.status)
        .send({ error: error.code, message: error.message, details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({
        error: 'bad_request',
        message: `invalid ${error.validationContext ?? 'request'}; nothing was written`,
        details: zodDetails(error, request.body),
      });
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return reply.code(400).send({
        error: 'bad_request',
        message: 'the body is not valid JSON; nothing was written',
        details: [{ path: 'body', message: error.message }],
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({
        error: 'payload_too_large',
        message: error.message,
        details: [{ path: 'body', message: error.message }],
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429)
      return reply.code(429).send({ error: 'rate_limited', message: error.message });
    if (status >= 400 && status < 500) {
      return reply.code(status).send({
        error: 'bad_request',
        message: error.message,
        details: [{ path: 'request', message: error.message }],
      });
    }
    if (error.name === 'AbortError' && request.raw.socket?.destroyed) {
      // its client went away and the work stopped with it: nothing failed, and nobody is waiting
      request.log.info('client went away; its analysis stopped');
      return reply.code(500).send({ error: 'internal', message: 'the client went away' });
    }
    request.log.error(
      { err: { message: error.message, code: error.code, stack: error.stack } },
      'request failed',
    );
    return reply.code(500).send({ error: 'internal', message: 'an internal error occurred' });
  });
});
