// The audit log's plugin, registered in the API scope: every /api route that changes something
// (any method but GET and HEAD) or is marked `config: { audit: true }` (exports), and every read of
// a project by a partner key, leaves an entry in the audit log before its answer goes out. Entries
// name the route pattern, never the URL, ids, names or bodies.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditDetail, AuditStore } from '../store/audit.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Audit this route even though it only reads (exports); routes that change data always are. */
    audit?: boolean;
  }
  interface FastifyRequest {
    /**
     * What the entry should say beyond the route and counts, set by a handler: ids of keys and
     * releases, roles, grants. Never a resident's id, name or any value they gave.
     */
    auditDetail: AuditDetail | null;
    /** What a change to one resident names in its entry: set by the route that made it. */
    auditSubject: AuditSubject | null;
  }
}

/** The resident a request changed (a keyed hash: AuditStore.residentHash) and the fields' names. */
export interface AuditSubject {
  resident: string;
  fields: string[];
}

/** Numeric fields of a write's answer worth keeping; anything else in a body is left out. */
const COUNT_FIELDS = ['received', 'created', 'duplicates', 'updated', 'erased'];

function countsOf(payload: unknown): Record<string, number> | null {
  if (typeof payload !== 'string' || !payload.startsWith('{') || payload.length > 10_000)
    return null;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(payload);
  } catch {
    return null;
  }
  const counts = Object.fromEntries(
    COUNT_FIELDS.filter((f) => typeof body[f] === 'number').map((f) => [f, body[f] as number]),
  );
  return Object.keys(counts).length > 0 ? counts : null;
}

/**
 * A partner's reads of a project are audited one entry per request (a bulk read, an export, a
 * release), whatever the answer: what an organisation outside the programme took is on record.
 */
const partnerRead = (request: FastifyRequest) =>
  request.principal?.role === 'partner' &&
  (request.params as { p?: string } | undefined)?.p !== undefined;

const isAudited = (request: FastifyRequest) =>
  request.routeOptions.config.audit ??
  (!['GET', 'HEAD'].includes(request.method) || partnerRead(request));

/**
 * An onSend hook on the scope it is registered in. Requests without a valid key (401, 429) are not
 * recorded, nor 503s: the database could not be reached, so nothing changed and the entry could not
 * be written either (trying would hold the answer for the driver's whole retry time).
 */
export default fp(async function auditLog(api: FastifyInstance, { audit }: { audit: AuditStore }) {
  api.addHook('onSend', async (request, reply, payload) => {
    const principal = request.principal;
    if (!principal || reply.statusCode === 503 || !isAudited(request)) return payload;
    try {
      await audit.append({
        keyId: principal.keyId,
        role: principal.role,
        action: `${request.method} ${request.routeOptions.url}`,
        project: (request.params as { p?: string } | undefined)?.p ?? null,
        counts: countsOf(payload),
        detail: request.auditDetail,
        status: reply.statusCode,
        resident: request.auditSubject?.resident ?? null,
        fields: request.auditSubject?.fields ?? null,
      });
    } catch (error) {
      // The change itself is committed; a lost entry is logged (by code only) rather than hidden
      request.log.error(
        { code: (error as { code?: string }).code ?? 'unknown' },
        'audit entry not written',
      );
    }
    return payload;
  });
});
