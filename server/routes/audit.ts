// /api/v1/audit — the audit log of writes, exports, erasures and key changes (admin only).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant } from '../domain.ts';
import { badRequest } from '../errors.ts';
import type { AuditCursor } from '../store/audit.ts';
import { errors } from './schemas.ts';

const encodeCursor = (cursor: AuditCursor) =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

const CursorParam = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    try {
      const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as AuditCursor;
      if (typeof c.atMs === 'number' && typeof c.id === 'string') return c;
    } catch {
      // falls through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page' });
    return z.NEVER;
  });

export const AuditEntry = z.object({
  at: z.string(),
  keyId: z.string().describe('the key used: an issued key id, or "admin" for PEOPLEMAP_ADMIN_KEY'),
  role: z.string(),
  action: z.string().describe('method and route pattern, e.g. "POST /api/v1/projects/:p/events"'),
  project: z.string().nullable(),
  counts: z.record(z.string(), z.number()).nullable().describe('counts the answer gave, if any'),
  detail: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .nullable()
    .describe('what the route records beyond counts: the key issued or revoked and its grant'),
  status: z.number().int().describe('the HTTP status answered'),
  resident: z
    .string()
    .nullable()
    .describe(
      'the resident a change was about, as a keyed hash (HMAC-SHA256 keyed by PEOPLEMAP_HASH_SECRET), never the id',
    ),
  fields: z
    .array(z.string())
    .nullable()
    .describe("the names of the resident's fields the change set, never their values"),
});

const audit: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit', {
    config: { access: 'admin' },
    schema: {
      summary: 'The audit log, oldest first, a page at a time (admin only)',
      description:
        'One entry per write, export, erasure and key change made with a valid key, whatever its answer. ' +
        'Entries carry no personal data: no resident ids, names or bodies.',
      tags: ['keys'],
      querystring: z.object({
        project: Id.optional(),
        resident: Id.optional().describe(
          'only the entries about this resident (of `project`, which is then required)',
        ),
        from: Instant.optional(),
        to: Instant.optional(),
        limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
        after: CursorParam.optional().describe('the `next` of the previous page'),
      }),
      response: {
        200: z.object({
          entries: z.array(AuditEntry),
          next: z
            .string()
            .nullable()
            .describe('pass as `after` for the next page; null at the end'),
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const q = request.query;
      if (q.resident !== undefined && q.project === undefined)
        throw badRequest('a resident is named within a project: give `project` too', [
          { path: 'project', message: 'required with resident' },
        ]);
      const page = await app.store.audit.page({
        project: q.project ?? null,
        resident:
          q.resident && q.project ? app.store.audit.residentHash(q.project, q.resident) : null,
        fromMs: q.from ? Date.parse(q.from) : -Number.MAX_SAFE_INTEGER,
        toMs: q.to ? Date.parse(q.to) : Number.MAX_SAFE_INTEGER,
        after: q.after ?? null,
        limit: q.limit,
      });
      return { entries: page.entries, next: page.next ? encodeCursor(page.next) : null };
    },
  });
};

export default audit;
