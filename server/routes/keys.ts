// /api/v1/keys — issue, list and revoke API keys (admin) — and /api/v1/me, the key in use.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant, Role } from '../domain.ts';
import { errors } from './schemas.ts';

const Projects = z
  .union([z.literal('*'), z.array(Id).min(1).max(1000)])
  .describe('project ids, or "*" for every project (required for admin keys)');

const Network = z
  .boolean()
  .describe(
    'partner keys: may also read the de-identified network (graph, metrics, timeline, history, ego, exports); without it a partner reads releases only',
  );

export const ApiKey = z.object({
  id: z.string(),
  role: Role,
  projects: Projects,
  name: z.string(),
  network: Network,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('to the minute: uses are recorded once a minute'),
});

const keys: FastifyPluginAsyncZod = async (app) => {
  app.post('/keys', {
    config: { access: 'admin' },
    schema: {
      summary: 'Issue a key; the secret (`key`) is shown in this answer only',
      tags: ['keys'],
      body: z
        .object({
          role: Role,
          projects: Projects,
          name: z.string().min(1).max(200).describe('who holds it, for the key list'),
          expiresAt: Instant.optional().describe('after this moment the key answers 401'),
          network: Network.optional().describe(
            'the network grant, for partner keys only (default false): reads of the de-identified network beside the releases',
          ),
        })
        .strict(),
      response: { 201: ApiKey.omit({ lastUsedAt: true }).extend({ key: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const { lastUsedAt: _unused, ...issued } = await app.store.keys.create(request.body);
      request.auditDetail = { key: issued.id, role: issued.role, network: issued.network };
      reply.code(201);
      return issued;
    },
  });

  app.get('/keys', {
    config: { access: 'admin' },
    schema: {
      summary: 'Every issued key, without secrets',
      tags: ['keys'],
      response: { 200: z.object({ keys: z.array(ApiKey) }), ...errors },
    },
    handler: async () => ({ keys: await app.store.keys.list() }),
  });

  app.delete('/keys/:id', {
    config: { access: 'admin' },
    schema: {
      summary: 'Revoke a key: from the next request on it answers 401',
      tags: ['keys'],
      params: z.object({ id: z.string().min(1).max(64).describe('key id') }),
      response: { 204: z.null().describe('revoked'), ...errors },
    },
    handler: async (request, reply) => {
      request.auditDetail = { key: request.params.id };
      await app.store.keys.revoke(request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/me', {
    config: { access: 'any', partner: 'release' },
    schema: {
      summary: 'The key this request uses: its id, name, role, projects, network grant and expiry',
      tags: ['keys'],
      response: {
        200: z.object({
          id: z.string(),
          name: z.string(),
          role: Role,
          projects: Projects,
          network: Network,
          expiresAt: z
            .string()
            .nullable()
            .describe(
              'when the key stops working; null: never (the web app remembers a device until then)',
            ),
        }),
        ...errors,
      },
    },
    handler: async (request) => {
      const { keyId, name, role, projects, network, expiresAt } = request.principal!;
      return { id: keyId, name, role, projects, network, expiresAt };
    },
  });
};

export default keys;
