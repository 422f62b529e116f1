// The network read through the time rule: graph at a moment, a resident's ego network, and the
// whole history (tie spells) the map replays.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../domain.ts';
import { notFound } from '../errors.ts';
import { membershipSpells } from '../metrics/memberships.ts';
import { tieSpells } from '../metrics/network.ts';
import { answerCached } from './answer-cached.ts';
import { presenceSpells, participationSpells } from '../metrics/moment.ts';
import {
  AtQuery,
  errors,
  flag,
  PrivacyBody,
  ProjectParams,
  ResidentParams,
  Spell,
  spellsOut,
} from './schemas.ts';

export const GraphBody = z
  .object({
    attributes: z.record(z.string(), z.unknown()),
    options: z.object({ type: z.string(), multi: z.boolean(), allowSelfLoops: z.boolean() }),
    nodes: z.array(
      z.object({ key: z.string(), attributes: z.record(z.string(), z.unknown()).optional() }),
    ),
    edges: z.array(
      z.object({
        key: z.string().optional(),
        source: z.string(),
        target: z.string(),
        attributes: z.record(z.string(), z.unknown()).optional(),
        undirected: z.boolean().optional(),
      }),
    ),
    privacy: PrivacyBody,
  })
  .describe("graphology's serialisation format (Graph.import accepts it)");

export const momentOf = (at: string | undefined) => (at ? Date.parse(at) : Date.now());

export const HistoryBody = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  from: z.string().nullable().describe('first event'),
  to: z.string().nullable().describe('last event'),
  communities: z.array(z.object({ id: z.string(), name: z.string() })),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      communityId: z.string().nullable(),
    }),
  ),
  residents: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      communityId: z.string().nullable(),
      participant: z
        .boolean()
        .nullable()
        .describe('the undated flag: a participant from joining on; null: not shown (privacy)'),
      joinedAt: z
        .string()
        .describe(
          "for a partner the start of the month, or where generalised of the year or of the project's first month (privacy)",
        ),
      presence: z
        .array(Spell)
        .describe('when they are in the network: from joinedAt until a leave, from each return'),
      participation: z
        .array(Spell)
        .describe(
          'when they are a participant: their participations, and with the flag from joining',
        ),
    }),
  ),
  ties: z.array(
    z.object({
      source: z.string(),
      target: z.string(),
      kind: z.string().nullable(),
      weight: z.number(),
      spells: z.array(Spell),
    }),
  ),
  memberships: z.array(
    z.object({ resident: z.string(), group: z.string(), spells: z.array(Spell) }),
  ),
  privacy: PrivacyBody,
});

const network: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/graph', {
    config: { access: 'read', partner: 'network' },
    schema: {
      summary:
        'The resident network at a moment (time rule: docs/metrics.md), in graphology format',
      description:
        'Nodes: residents whose joinedAt <= at. Edges: pairs whose latest connection/disconnection at or before `at` ' +
        'is a connection (undirected; direction of the latest naming kept as from/to attributes).',
      tags: ['network'],
      params: ProjectParams,
      querystring: z.object({
        at: AtQuery,
        community: Id.optional().describe('only this community'),
        groups: flag.describe(
          'add the bipartite group layer: groups with members at `at` as nodes (layer "group", key "group/<id>") and memberships in force as edges (layer "membership")',
        ),
      }),
      response: { 200: GraphBody, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const { community: communityId, groups } = request.query;
      const query = { community: communityId, groups };
      const moment = { atMs: momentOf(request.query.at), now: request.query.at === undefined };
      return answerCached(
        request,
        reply,
        { kind: 'graph', project: p, query, moment },
        async (reads, client, atMs) => {
          const { records, segments } = await reads.moment(p, atMs, communityId);
          const layer = groups ? await reads.groupLayerAt(p, atMs) : undefined;
          return app.analysis.graph({ records, segments, atMs, communityId, layer }, client);
        },
      );
    },
  });

  app.get('/projects/:p/residents/:id/ego', {
    config: { access: 'read', partner: 'network' },
    schema: {
      summary:
        "A resident's neighbourhood at a moment: everyone within `depth` steps and the ties among them",
      tags: ['network'],
      params: ResidentParams,
      querystring: z.object({
        at: AtQuery,
        depth: z.coerce.number().int().min(1).max(3).default(1),
      }),
      response: { 200: GraphBody, ...errors },
    },
    handler: async (request, reply) => {
      const { p, id } = request.params;
      const { depth } = request.query;
      const query = { center: id, depth };
      const moment = { atMs: momentOf(request.query.at), now: request.query.at === undefined };
      return answerCached(
        request,
        reply,
        { kind: 'ego', project: p, query, moment },
        async (reads, client, atMs) => {
          const { records, segments } = await reads.moment(p, atMs);
          if (!records.some((r) => r.id === id)) throw notFound(`resident "${id}"`);
          const ego = await app.analysis.ego(
            { records, segments, atMs, center: id, depth },
            client,
          );
          if (!ego)
            throw notFound(`resident "${id}" at ${new Date(atMs).toISOString()} (not joined yet)`);
          return ego;
        },
      );
    },
  });

  app.get('/projects/:p/history', {
    config: { access: 'read', partner: 'network' },
    schema: {
      summary:
        'The whole history the map replays: residents with joinedAt, tie spells and membership spells',
      description:
        'A resident is in the network at t when one of their presence spells holds (from joinedAt until a leave, ' +
        'from each return). A tie exists at t when one of its spells has ' +
        'from <= t < to (to null: still open) and both its residents are present at t: a spell may start before ' +
        'a resident joins (the tie was named first), and the tie then appears when they join — the same rule as /graph. ' +
        'A membership holds at t when one of its spells holds. Retracted events are left out.',
      tags: ['network'],
      params: ProjectParams,
      response: { 200: HistoryBody, ...errors },
    },
    handler: async (request, reply) =>
      answerCached(
        request,
        reply,
        { kind: 'history', project: request.params.p, query: {} },
        async (reads) => {
          const h = await reads.history(request.params.p);
          const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
          return {
            project: h.project,
            from: iso(h.span.firstMs),
            to: iso(h.span.lastMs),
            communities: h.communities,
            groups: h.groups.map((g) => ({ ...g, communityId: g.communityId ?? null })),
            residents: h.records.map((r, i) => ({
              id: r.id,
              name: r.name,
              communityId: r.communityId,
              participant: r.shown?.participant === false ? null : r.participant,
              joinedAt: h.residents[i].joinedAt,
              presence: spellsOut(presenceSpells(r)),
              participation: spellsOut(participationSpells(r)),
            })),
            ties: [...tieSpells(h.ties).values()].map((t) => ({
              source: t.source,
              target: t.target,
              kind: t.kind,
              weight: t.weight,
              spells: spellsOut(t.spells),
            })),
            memberships: membershipSpells(h.memberships).map((m) => ({
              resident: m.resident,
              group: m.group,
              spells: spellsOut(m.spells),
            })),
          };
        },
      ),
  });
};

export default network;
