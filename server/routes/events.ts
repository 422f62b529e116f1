// /api/v1/projects/:p/events — append to the event log, one event or a batch of up to 50,000.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EventInput, MAX_BATCH_EVENTS } from '../domain.ts';
import { assertProjectAccess } from '../plugins/auth.ts';
import { asList, errors, oneOrMany, ProjectParams } from './schemas.ts';

const AppendResult = z.object({
  received: z.number().int(),
  created: z.number().int().describe('events newly stored'),
  duplicates: z
    .number()
    .int()
    .describe('events whose id was already stored or repeated in the batch: no-ops'),
});

const events: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/events', {
    schema: {
      summary:
        'Append one event or a batch `{ events: [...] }` (all-or-nothing; a stored id is a no-op)',
      description:
        'Event types: connection, disconnection, membership, departure, attendance, measure. ' +
        'Every `at` is ISO 8601 with a zone. An unknown resident or group refuses the whole batch with 400 ' +
        'naming `events.<index>.<field>`. Answers 201 when anything was stored, 200 when all were already stored.',
      tags: ['events'],
      params: ProjectParams,
      body: oneOrMany('events', EventInput, MAX_BATCH_EVENTS),
      response: { 200: AppendResult, 201: AppendResult, ...errors },
    },
    handler: async (request, reply) => {
      assertProjectAccess(request, request.params.p, 'write');
      const { items, base } = asList<EventInput>(request.body, 'events');
      const result = await app.store.events.append(request.params.p, items, base);
      reply.code(result.created > 0 ? 201 : 200);
      return result;
    },
  });
};

export default events;
