// /api/v1/projects and their communities.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GROUP_KINDS, TEMPLATE_IDS } from '../domain-names.ts';
import { CommunityInput, ProjectInput, ProjectPatch, Text, TimeZone } from '../domain.ts';
import { badRequest } from '../errors.ts';
import { findInstrument, unknownInstrument } from '../instruments.ts';
import { asList, errors, oneOrMany, ProjectParams, WriteResult } from './schemas.ts';

export const Project = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: TimeZone,
  template: z.enum(TEMPLATE_IDS).nullable().describe('the template the project started from'),
  consentText: z
    .string()
    .nullable()
    .describe('what a coordinator reads out before recording anyone (docs/guide.md)'),
  groupKinds: z
    .array(z.object({ kind: z.enum(GROUP_KINDS), description: z.string() }))
    .describe('the kinds of community group in words, printed on the workshop sheets'),
  waves: z
    .array(z.string())
    .describe('the measurement waves the programme plans, in order (a measure’s `wave`)'),
  primaryInstrument: z
    .string()
    .describe(
      "the report's headline instrument; the others are exploratory, their p Holm-adjusted (WEMWBS unless set)",
    ),
});

const projects: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects', {
    config: { access: 'admin' },
    schema: {
      summary: 'Create a project (a programme; every other record belongs to one)',
      description:
        '`template: "abcd-programme"` starts it with the ABCD group kinds in words, a community ' +
        'temperature instrument (1–10) beside the built-in WEMWBS, two measurement waves ' +
        '(baseline and follow-up) and the consent text of the ' +
        'facilitator’s guide (docs/guide.md), all written with the project in one transaction.',
      tags: ['projects'],
      body: ProjectInput,
      response: { 201: Project, ...errors },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return app.store.projects.create(request.body);
    },
  });

  app.get('/projects', {
    config: { access: 'any', partner: 'release' },
    schema: {
      summary: 'List the projects this key may read',
      tags: ['projects'],
      response: { 200: z.object({ projects: z.array(Project) }), ...errors },
    },
    handler: async (request) => {
      const all = await app.store.projects.list();
      const allowed = request.principal?.projects ?? [];
      return { projects: allowed === '*' ? all : all.filter((p) => allowed.includes(p.id)) };
    },
  });

  app.get('/projects/:p', {
    config: { access: 'read', partner: 'release' },
    schema: {
      summary: 'One project',
      tags: ['projects'],
      params: ProjectParams,
      response: { 200: Project, ...errors },
    },
    handler: async (request) => {
      return app.store.projects.get(request.params.p);
    },
  });

  app.patch('/projects/:p', {
    config: { access: 'write' },
    schema: {
      summary: "Change a project's name, time zone or consent text",
      description:
        'The time zone (IANA name) is where date-only values such as `2025-03-01` in imported sheets are read.',
      tags: ['projects'],
      params: ProjectParams,
      body: ProjectPatch,
      response: { 200: Project, ...errors },
    },
    handler: async (request) => {
      return app.store.projects.update(request.params.p, request.body);
    },
  });

  app.put('/projects/:p/primary-instrument', {
    config: { access: 'admin' },
    schema: {
      summary: "Set the report's headline instrument (an admin's choice, made before the results)",
      description:
        "`primaryInstrument` names one of the project's instruments (any spelling of its id: `ucla3` is UCLA-3); " +
        "the report shows it first and tests it alone, the others are exploratory with Holm's p. " +
        'An unknown one is a 400 naming `primaryInstrument`, nothing changed.',
      tags: ['projects'],
      params: ProjectParams,
      body: z.object({ primaryInstrument: Text(40).min(1) }).strict(),
      response: { 200: Project, ...errors },
    },
    handler: async (request) => {
      const { p } = request.params;
      const { primaryInstrument } = request.body;
      const instruments = await app.store.instruments.registry(p);
      const found = findInstrument(instruments, primaryInstrument);
      if (!found) {
        const message = unknownInstrument(instruments, primaryInstrument);
        throw badRequest(`primaryInstrument: ${message}`, [{ path: 'primaryInstrument', message }]);
      }
      return app.store.projects.update(p, { primaryInstrument: found.id });
    },
  });

  app.post('/projects/:p/communities', {
    config: { access: 'write' },
    schema: {
      summary: 'Create one community `{id, name}` or many `{ communities: [...] }`',
      tags: ['projects'],
      params: ProjectParams,
      body: oneOrMany('communities', CommunityInput, 1000),
      response: { 201: WriteResult, ...errors },
    },
    handler: async (request, reply) => {
      const { items, base } = asList<CommunityInput>(request.body, 'communities');
      await app.store.projects.createCommunities(request.params.p, items, base);
      reply.code(201);
      return { created: items.length };
    },
  });

  app.get('/projects/:p/communities', {
    config: { access: 'read' },
    schema: {
      summary: "A project's communities",
      tags: ['projects'],
      params: ProjectParams,
      response: { 200: z.object({ communities: z.array(CommunityInput) }), ...errors },
    },
    handler: async (request) => {
      return { communities: await app.store.projects.listCommunities(request.params.p) };
    },
  });
};

export default projects;
