// The live stream's hub (one per process): every write acknowledged on a project's route (any method but GET and HEAD, answered 2xx) pokes its project's listeners, and the server's
// close ends every stream first (a stream never ends by itself, so it would hold the close).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LiveHub, type LiveLimits } from '../live/hub.ts';

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

export default fp(async function live(api: FastifyInstance, { limits }: { limits: LiveLimits }) {
  const hub = new LiveHub(api.store, limits, api.log);
  api.decorate('live', hub);
  api.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 300) return;
    const projectId = (request.params as { p?: string } | undefined)?.p;
    if (projectId) void hub.poke(projectId);
  });
  api.addHook('preClose', async () => hub.shutdown());
});
