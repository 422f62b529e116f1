// /api/v1/projects/:p/groups — the ABCD assets residents join and attend.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GroupInput, GroupKind } from '../domain.ts';
import { asList, errors, oneOrMany, ProjectParams, WriteResult } from './schemas.ts';

export const Group = z.object({
  id: z.string(),
  name: z.string(),
  kind: GroupKind,
  communityId: z.string().nullable(),
});

const groups: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/groups', {
    config: { access: 'write' },
    schema: {
      summary:
        'Create one group `{id, name, kind, communityId?}` or many `{ groups: [...] }` (all-or-nothing)',
      tags: ['groups'],
      params: ProjectParams,
      body: oneOrMany('groups', GroupInput, 10_000),
      response: { 201: WriteResult, ...errors },
    },
    handler: async (request, reply) => {
      const { items, base } = asList<GroupInput>(request.body, 'groups');
      const created = await app.store.groups.create(request.params.p, items, base);
      reply.code(201);
      return { created };
    },
  });

  app.get('/projects/:p/groups', {
    config: { access: 'read' },
    schema: {
      summary: "A project's groups",
      tags: ['groups'],
      params: ProjectParams,
      response: { 200: z.object({ groups: z.array(Group) }), ...errors },
    },
    handler: async (request) => {
      return { groups: await app.store.groups.list(request.params.p) };
    },
  });
};

export default groups;
