// /api/v1/projects/:p/residents — create, read, update and erase people.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Consent, ResidentInput, ResidentPatch } from '../domain.ts';
import { participationSpells, presenceSpells } from '../metrics/moment.ts';
import { readFor } from '../privacy/reads.ts';
import type { Resident as StoredResident } from '../store/residents.ts';
import { viewerOf } from '../privacy/viewer.ts';
import {
  asList,
  errors,
  oneOrMany,
  ProjectParams,
  ResidentParams,
  Spell,
  spellsOut,
  WriteResult,
} from './schemas.ts';

export const Resident = z.object({
  id: z.string(),
  name: z.string().nullable().describe('null when the key may not see names'),
  communityId: z.string().nullable(),
  participant: z.boolean().describe('the undated flag: a participant from joining on'),
  joinedAt: z
    .string()
    .describe('explicit joinedAt, else the time of their first event, else when created'),
  consent: Consent,
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  presence: z
    .array(Spell)
    .describe('when they are in the network: from joinedAt until a leave, again from each return'),
  participation: z
    .array(Spell)
    .describe('when they are a participant: their participation events, and the flag from joining'),
});

/** A resident as the API answers: their presence and participation as the time rule reads them. */
export const residentOut = (r: StoredResident): z.infer<typeof Resident> => {
  const { moves: _moves, participations: _participations, ...rest } = r;
  const record = { ...r, joinedAtMs: Date.parse(r.joinedAt) };
  return {
    ...rest,
    presence: spellsOut(presenceSpells(record)),
    participation: spellsOut(participationSpells(record)),
  };
};

const residents: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/residents', {
    config: { access: 'write' },
    schema: {
      summary: 'Create one resident or many `{ residents: [...] }` (all-or-nothing)',
      tags: ['residents'],
      params: ProjectParams,
      body: oneOrMany('residents', ResidentInput, 50_000),
      response: { 201: WriteResult, ...errors },
    },
    handler: async (request, reply) => {
      const { items, base } = asList<ResidentInput>(request.body, 'residents');
      const created = await app.store.residents.create(request.params.p, items, base);
      reply.code(201);
      return { created };
    },
  });

  app.get('/projects/:p/residents', {
    config: { access: 'read' },
    schema: {
      summary: "A project's residents",
      tags: ['residents'],
      params: ProjectParams,
      response: { 200: z.object({ residents: z.array(Resident) }), ...errors },
    },
    handler: async (request) => {
      return { residents: (await readFor(request).residents(request.params.p)).map(residentOut) };
    },
  });

  app.get('/projects/:p/residents/:id', {
    config: { access: 'read' },
    schema: {
      summary: 'One resident',
      tags: ['residents'],
      params: ResidentParams,
      response: { 200: Resident, ...errors },
    },
    handler: async (request) => {
      return residentOut(await readFor(request).resident(request.params.p, request.params.id));
    },
  });

  app.patch('/projects/:p/residents/:id', {
    config: { access: 'write' },
    schema: {
      summary: 'Update a resident; absent fields are kept, null clears communityId/joinedAt',
      description:
        'A withdrawn resident is a 404 to anyone but an admin, as an id that never existed: only an admin may ' +
        'change consent away from `withdrawn`. The audit entry names the resident by a keyed hash and the fields set by name.',
      tags: ['residents'],
      params: ResidentParams,
      body: ResidentPatch,
      response: { 200: Resident, ...errors },
    },
    handler: async (request) => {
      const { p, id } = request.params;
      // the entry names the resident by a keyed hash and the fields by name, whatever the answer
      request.auditSubject = {
        resident: app.store.audit.residentHash(p, id),
        fields: Object.keys(request.body).sort(),
      };
      const { seesWithdrawn } = viewerOf(request.principal);
      return residentOut(await app.store.residents.update(p, id, request.body, { seesWithdrawn }));
    },
  });

  app.delete('/projects/:p/residents/:id', {
    config: { access: 'erase' },
    schema: {
      summary: 'Erasure: the person and every event naming them are removed',
      tags: ['residents'],
      params: ResidentParams,
      response: { 204: z.null().describe('erased'), ...errors },
    },
    handler: async (request, reply) => {
      await app.store.residents.erase(request.params.p, request.params.id);
      return reply.code(204).send(null);
    },
  });
};

export default residents;
