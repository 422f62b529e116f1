// OpenAPI at /openapi.json (generated from the routes' zod schemas), interactive docs at /docs, and
// the pages a reader of the API needs beside them: the metric definitions every number follows
// (/docs/metrics.md), how each tool reads the exports (/docs/exports.md) and the facilitator's
// guide (/docs/guide.md, also the web app's Help).
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

const DESCRIPTION = `People-mapping for community-resilience programmes: residents, groups and the ties people
name, kept as a timestamped event log; the network at any moment and its metrics follow NetworkX
conventions so evaluators can reproduce every number: [the definition of every metric and the
time rule](/docs/metrics.md); [the exports in NetworkX, R and Gephi](/docs/exports.md); [the facilitator's guide](/docs/guide.md). Every /api/v1 route needs
\`Authorization: Bearer <key>\`. Errors are \`{ error, message, details?: [{ path, message }] }\`.`;

/** The docs/ pages served as they are, read once at start. */
const PAGES = ['metrics', 'exports', 'guide'].map((name) => ({
  name,
  text: readFileSync(new URL(`../../docs/${name}.md`, import.meta.url), 'utf8'),
}));

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
  for (const { name, text } of PAGES)
    app.get(`/docs/${name}.md`, { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/markdown; charset=utf-8').send(text),
    );
});
