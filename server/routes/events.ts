// /api/v1/projects/:p/events — append to the event log, one event or a batch of up to 50,000.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant } from '../domain.ts';
import { AppendResult, EVENT_TYPES, EventInput, MAX_BATCH_EVENTS } from '../domain-events.ts';
import { readFor } from '../privacy/reads.ts';
import { asList, errors, oneOrMany, ProjectParams } from './schemas.ts';

/** A cursor as `next` gave it: sealed, opened (and checked) by the privacy door. */
const CursorParam = z
  .string()
  .max(1000)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor from a previous page');

const EventPage = z.object({
  events: z
    .array(EventInput)
    .describe('in replay order: time, then batch, then position in the batch; `at` in UTC'),
  next: z
    .string()
    .nullable()
    .describe(
      'pass as `after` for the next page; null on the last page. Sealed (AES-256-GCM) for this key and project: opaque, and any change to it is a 400',
    ),
});

const events: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/events', {
    config: { access: 'read' },
    schema: {
      summary: 'Read the event log in replay order, a page at a time',
      description:
        'The append-only log as stored, oldest first (events at one instant in the order their batches were stored, then their order in the batch); ' +
        'retractions and the events they withdraw are both listed. ' +
        'Filter by time, by type, or to the events naming one resident (what the service holds about a person).',
      tags: ['events'],
      params: ProjectParams,
      querystring: z.object({
        from: Instant.optional(),
        to: Instant.optional(),
        type: z
          .string()
          .transform((list) => list.split(','))
          .pipe(z.array(z.enum(EVENT_TYPES)))
          .optional()
          .describe('comma-separated event types'),
        resident: Id.optional().describe('only the events naming this resident'),
        limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
        after: CursorParam.optional().describe('the `next` of the previous page'),
      }),
      response: { 200: EventPage, ...errors },
    },
    handler: async (request) => {
      const { p } = request.params;
      const q = request.query;
      return readFor(request).events(p, {
        fromMs: q.from ? Date.parse(q.from) : -Number.MAX_SAFE_INTEGER,
        toMs: q.to ? Date.parse(q.to) : Number.MAX_SAFE_INTEGER,
        types: q.type ?? null,
        residentId: q.resident ?? null,
        after: q.after ?? null,
        limit: q.limit,
      });
    },
  });

  app.post('/projects/:p/events', {
    config: { access: 'write' },
    schema: {
      summary:
        'Append one event or a batch `{ events: [...] }` (all-or-nothing; a stored id is a no-op)',
      description:
        'Event types: connection, disconnection, membership, departure, attendance, measure, leave, return, participation, interview (written by a wave answer), retraction. ' +
        'A retraction `{event: <id>}` withdraws a stored event, or one earlier in the same batch: every read ' +
        'ignores the withdrawn event from then on, and the log keeps both. Retracting an unknown event, a ' +
        'retraction, or an event later in the batch is a 400 naming `event`. ' +
        'Every `at` is ISO 8601 with a zone. An unknown resident or group refuses the whole batch with 400 ' +
        'naming `events.<index>.<field>`. Answers 201 when anything was stored, 200 when all were already stored.',
      tags: ['events'],
      params: ProjectParams,
      body: oneOrMany('events', EventInput, MAX_BATCH_EVENTS),
      response: { 200: AppendResult, 201: AppendResult, ...errors },
    },
    handler: async (request, reply) => {
      const { items, base } = asList<EventInput>(request.body, 'events');
      const result = await app.store.events.append(request.params.p, items, base);
      reply.code(result.created > 0 ? 201 : 200);
      return result;
    },
  });
};

export default events;
