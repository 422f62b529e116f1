// Liveness and readiness, outside /api/v1 and without a key (load balancers and orchestrators call them).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from './schemas.ts';

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/health/live', {
    schema: {
      summary: 'The process is up',
      tags: ['health'],
      response: { 200: z.object({ status: z.literal('live') }) },
    },
    handler: async () => ({ status: 'live' as const }),
  });

  app.get('/health/ready', {
    schema: {
      summary:
        'The service can serve requests: Neo4j answers and the schema is applied; and whether Neo4j Graph Data Science is installed',
      tags: ['health'],
      response: {
        200: z.object({
          status: z.literal('ready'),
          gds: z
            .string()
            .nullable()
            .describe(
              'the version of Neo4j Graph Data Science, which computes /metrics past ANALYSIS_MAX_PATH_WORK; null: not installed',
            ),
        }),
        503: ErrorBody,
      },
    },
    handler: async (_request, reply) => {
      if (await app.store.db.ping()) {
        const gds = await app.store.gds.version().catch(() => null);
        return { status: 'ready' as const, gds };
      }
      return reply
        .code(503)
        .send({ error: 'database_unavailable', message: 'Neo4j is not reachable; retry shortly' });
    },
  });
};

export default health;
