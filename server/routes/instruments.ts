// /api/v1/projects/:p/instruments — what measures may name: the built-in scales and the project's
// own (a community temperature, an awareness item), each with its range and which way is better.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InstrumentInput } from '../domain.ts';
import { asList, errors, oneOrMany, ProjectParams, WriteResult } from './schemas.ts';

export const InstrumentBody = z.object({
  id: z.string().describe('what measures name it by (case, spaces, hyphens and underscores aside)'),
  name: z.string(),
  min: z.number(),
  max: z.number(),
  higherIsBetter: z.boolean(),
  description: z.string().nullable(),
  builtIn: z.boolean().describe('one of the scales every project has'),
});

const instruments: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/instruments', {
    config: { access: 'write' },
    schema: {
      summary:
        "Add one of the project's own instruments `{id, name, min, max, higherIsBetter, description?}` or many `{ instruments: [...] }` (all-or-nothing)",
      description:
        "A measure must name a built-in instrument or one of these, with a score from min to max. An id that is a built-in's or a stored one's (case, spaces, hyphens and underscores aside) is a 409.",
      tags: ['instruments'],
      params: ProjectParams,
      body: oneOrMany('instruments', InstrumentInput, 1_000),
      response: { 201: WriteResult, ...errors },
    },
    handler: async (request, reply) => {
      const { items, base } = asList<InstrumentInput>(request.body, 'instruments');
      const created = await app.store.instruments.create(request.params.p, items, base);
      reply.code(201);
      return { created };
    },
  });

  app.get('/projects/:p/instruments', {
    config: { access: 'read' },
    schema: {
      summary: "The instruments measures may name: the built-ins, then the project's own",
      tags: ['instruments'],
      params: ProjectParams,
      response: { 200: z.object({ instruments: z.array(InstrumentBody) }), ...errors },
    },
    handler: async (request) => ({
      instruments: await app.store.instruments.list(request.params.p),
    }),
  });
};

export default instruments;
