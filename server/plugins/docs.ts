// OpenAPI at /openapi.json (generated from the routes' zod schemas), interactive docs at /docs, and
// the metric definitions every number follows at /docs/metrics.md.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const DESCRIPTION = `People-mapping for community-resilience programmes: residents, groups and the ties people
name, kept as a timestamped event log; the network at any moment and its metrics follow NetworkX
conventions so evaluators can reproduce every number: [the definition of every metric and the
time rule](/docs/metrics.md). Every /api/v1 route needs
\`Authorization: Bearer <key>\`. Errors are \`{ error, message, details?: [{ path, message }] }\`.`;

const METRICS = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');

export default fp(async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      info: { title: 'peoplemap API', version: '1.0.0', description: DESCRIPTION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs/metrics.md', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/markdown; charset=utf-8').send(METRICS),
  );
});
