// Serves the built map (dist/viz, made by `npm run build`) at `/`.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export const mapDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'viz');

export default fp(async function map(app: FastifyInstance) {
  if (!existsSync(mapDir)) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/plain')
        .send('The map is not built: run `npm run build` (npm start does it for you).\n'),
    );
    return;
  }
  await app.register(fastifyStatic, { root: mapDir, prefix: '/', index: ['index.html'] });
});
