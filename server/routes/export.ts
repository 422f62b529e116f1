// /api/v1/projects/:p/export.{gexf,graphml,csv} — the network in open formats. GEXF carries time
// (spells) so Gephi can replay growth; GraphML and CSV hold the network at one moment.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { historyToGexf } from '../export/gexf.ts';
import { networkToGraphml } from '../export/graphml.ts';
import { residentsCsv, tiesCsv } from '../export/csv.ts';
import { presentBy } from '../metrics/moment.ts';
import { networkAt, tieSpells } from '../metrics/network.ts';
import { readFor } from '../privacy/reads.ts';
import { momentOf } from './network.ts';
import { AtQuery, errors, ProjectParams } from './schemas.ts';

const File = z.string().describe('the file');

/** Answers with a file download of the given media type. */
function download(reply: FastifyReply, type: string, filename: string, body: string) {
  return reply
    .type(`${type}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

/** The schema of an export: a file of the project, its moment (and table) in the query. */
const exportSchema = <Query extends z.ZodType>(summary: string, querystring: Query) => ({
  summary,
  tags: ['export'],
  params: ProjectParams,
  querystring,
  response: { 200: File, ...errors },
});

/** Exports read like any read (a partner's with the network grant) and are audited: what left the
 * service, and when. */
const config = { access: 'read', partner: 'network', audit: true } as const;

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The project's replay input up to `at`, and the moment itself. */
  const upTo = async (request: FastifyRequest, p: string, at: string | undefined) => {
    const atMs = momentOf(at);
    return { atMs, input: await readFor(request).replayInput(p, atMs) };
  };
  /** The network at `at` (the replay's), for the exports of one moment. */
  const networkUpTo = async (request: FastifyRequest, p: string, at: string | undefined) => {
    const { atMs, input } = await upTo(request, p, at);
    return { atMs, graph: networkAt(input.records, input.ties, atMs) };
  };

  app.get('/projects/:p/export.gexf', {
    config,
    schema: {
      ...exportSchema(
        'GEXF 1.3 with time: the whole history up to `at`, for Gephi’s timeline',
        z.object({ at: AtQuery }),
      ),
      description:
        'Residents have a spell from joinedAt; each tie one spell per period it held, [formed, ended) — ' +
        'end-open, as in the time rule.',
    },
    handler: async (request, reply) => {
      const { atMs, input } = await upTo(request, request.params.p, request.query.at);
      const residents = input.records.filter(presentBy(atMs));
      const body = historyToGexf(input.project, residents, [...tieSpells(input.ties).values()]);
      return download(reply, 'application/gexf+xml', `${request.params.p}.gexf`, body);
    },
  });

  app.get('/projects/:p/export.graphml', {
    config,
    schema: exportSchema('GraphML of the network at `at`', z.object({ at: AtQuery })),
    handler: async (request, reply) => {
      const { atMs, graph } = await networkUpTo(request, request.params.p, request.query.at);
      const body = networkToGraphml(graph, new Date(atMs).toISOString());
      return download(reply, 'application/graphml+xml', `${request.params.p}.graphml`, body);
    },
  });

  app.get('/projects/:p/export.csv', {
    config,
    schema: exportSchema(
      'CSV of the network at `at`: its ties (default) or its residents with their degree',
      z.object({ at: AtQuery, table: z.enum(['ties', 'residents']).default('ties') }),
    ),
    handler: async (request, reply) => {
      const { graph } = await networkUpTo(request, request.params.p, request.query.at);
      const table = request.query.table;
      const body = table === 'ties' ? tiesCsv(graph) : residentsCsv(graph);
      return download(reply, 'text/csv', `${request.params.p}-${table}.csv`, body);
    },
  });
};

export default exportRoutes;
