// /api/v1/projects/:p/costs — what the programme spent, dated and in one currency, for the
// report's value for money (cost per participant, per new tie, per wellbeing point).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CostInput } from '../domain.ts';
import { asList, errors, oneOrMany, ProjectParams, WriteResult } from './schemas.ts';

export const CostBody = z.object({
  id: z.string(),
  at: z.string(),
  amount: z.number(),
  currency: z.string(),
  groupId: z.string().nullable(),
  description: z.string(),
});

const costs: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/costs', {
    config: { access: 'write' },
    schema: {
      summary:
        'Record one cost `{id, at, amount, currency, groupId?, description}` or many `{ costs: [...] }` (all-or-nothing)',
      description:
        "A project's costs share one currency (the first cost's); a cost in another is a 400 naming `currency`. An id already recorded is a 409. The report counts the costs dated in (baseline, follow-up].",
      tags: ['costs'],
      params: ProjectParams,
      body: oneOrMany('costs', CostInput, 10_000),
      response: { 201: WriteResult, ...errors },
    },
    handler: async (request, reply) => {
      const { items, base } = asList<CostInput>(request.body, 'costs');
      const created = await app.store.costs.create(request.params.p, items, base);
      reply.code(201);
      return { created };
    },
  });

  app.get('/projects/:p/costs', {
    config: { access: 'read' },
    schema: {
      summary: "The programme's costs in time order",
      tags: ['costs'],
      params: ProjectParams,
      response: { 200: z.object({ costs: z.array(CostBody) }), ...errors },
    },
    handler: async (request) => {
      const stored = await app.store.costs.list(request.params.p);
      return {
        costs: stored.map((c) => ({
          id: c.id,
          at: new Date(c.atMs).toISOString(),
          amount: c.amount,
          currency: c.currency,
          groupId: c.groupId,
          description: c.description,
        })),
      };
    },
  });
};

export default costs;
