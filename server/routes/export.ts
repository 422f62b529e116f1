// /api/v1/projects/:p/export.{gexf,graphml,csv} — the network in open formats. GEXF carries time
// (spells) so Gephi can replay growth; GraphML and CSV hold the network at one moment.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { historyToGexf } from '../export/gexf.ts';
import { networkToGraphml } from '../export/graphml.ts';
import { residentsCsv, tiesCsv } from '../export/csv.ts';
import { networkAt, tieSpells } from '../metrics/network.ts';
import { assertProjectAccess } from '../plugins/auth.ts';
import { momentOf } from './network.ts';
import { AtQuery, errors, ProjectParams } from './schemas.ts';

const File = z.string().describe('the file');

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/export.gexf', {
    schema: {
      summary: 'GEXF 1.3 with time: the whole history up to `at`, for Gephi’s timeline',
      description:
        'Residents have a spell from joinedAt; each tie one spell per period it held, [formed, ended) — ' +
        'end-open, as in the time rule.',
      tags: ['export'],
      params: ProjectParams,
      querystring: z.object({ at: AtQuery }),
      response: { 200: File, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      assertProjectAccess(request, p, 'read');
      const atMs = momentOf(request.query.at);
      const input = await app.store.network.replayInput(p, atMs);
      const residents = input.records.filter((r) => r.joinedAtMs <= atMs);
      const body = historyToGexf(input.project, residents, [...tieSpells(input.ties).values()]);
      return reply
        .type('application/gexf+xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${p}.gexf"`)
        .send(body);
    },
  });

  app.get('/projects/:p/export.graphml', {
    schema: {
      summary: 'GraphML of the network at `at`',
      tags: ['export'],
      params: ProjectParams,
      querystring: z.object({ at: AtQuery }),
      response: { 200: File, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      assertProjectAccess(request, p, 'read');
      const atMs = momentOf(request.query.at);
      const input = await app.store.network.replayInput(p, atMs);
      const graph = networkAt(input.records, input.ties, atMs);
      return reply
        .type('application/graphml+xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${p}.graphml"`)
        .send(networkToGraphml(graph, new Date(atMs).toISOString()));
    },
  });

  app.get('/projects/:p/export.csv', {
    schema: {
      summary: 'CSV of the network at `at`: its ties (default) or its residents with their degree',
      tags: ['export'],
      params: ProjectParams,
      querystring: z.object({ at: AtQuery, table: z.enum(['ties', 'residents']).default('ties') }),
      response: { 200: File, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      assertProjectAccess(request, p, 'read');
      const atMs = momentOf(request.query.at);
      const input = await app.store.network.replayInput(p, atMs);
      const graph = networkAt(input.records, input.ties, atMs);
      const table = request.query.table;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${p}-${table}.csv"`)
        .send(table === 'ties' ? tiesCsv(graph) : residentsCsv(graph));
    },
  });
};

export default exportRoutes;
