// /api/v1/projects/:p/export.{gexf,graphml,csv} and export/siena.zip — the network in open
// formats. GEXF carries time (spells) so Gephi can replay growth; GraphML and CSV hold the network
// at one moment; siena.zip its waves for RSiena and statnet. A partner's files carry how they were
// de-identified (export/privacy-note.ts), in the file where its format has a place and always in a
// response header.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant } from '../domain.ts';
import { AppError, badRequest } from '../errors.ts';
import { historyToGexf } from '../export/gexf.ts';
import { sienaResidents, sienaZip } from '../export/siena.ts';
import { GRAPHML_WEIGHTS, networkToGraphml } from '../export/graphml.ts';
import { residentsCsv, tiesCsv } from '../export/csv.ts';
import { PRIVACY_HEADER } from '../export/privacy-note.ts';
import type { PrivacyNote } from '../privacy/generalise.ts';
import { presentBy, type ResidentNetwork } from '../metrics/moment.ts';
import { networkAt, tieSpells } from '../metrics/network.ts';
import { momentFor } from '../privacy/closed-months.ts';
import { readFor, type ProjectReads } from '../privacy/reads.ts';
import { momentOf } from './network.ts';
import { AtQuery, ErrorBody, errors, ProjectParams } from './schemas.ts';

const File = z.string().describe('the file');
/** A binary answer: sent as it is, never serialised. */
const ZipFile = z.any().describe('a zip archive (application/zip)');

const MAX_WAVES = 50;
/** Matrix cells (residents² × waves) one export may hold: about 20 MB of CSV before zipping. */
const MAX_CELLS = 10_000_000;

/**
 * The waves' moments from `moments=t1,t2,…` or `waves=w1,w2,…` (measurement waves' last measures).
 * Measurement waves are not a partner's (their names and times come from interviews and measures):
 * a partner's `waves=` is refused whatever it names, so the answer confirms no wave's name.
 */
async function sienaMoments(
  reads: ProjectReads,
  p: string,
  query: { moments?: string; waves?: string },
): Promise<number[]> {
  const field = query.moments === undefined && query.waves !== undefined ? 'waves' : 'moments';
  const refuse = (message: string) => badRequest(message, [{ path: field, message }]);
  if ((query.moments === undefined) === (query.waves === undefined))
    throw refuse('give either moments=t1,t2,… (instants) or waves=w1,w2,… (measurement waves)');
  if (query.waves !== undefined && reads.viewer.pseudonymised)
    throw refuse(
      'a partner key reads the network at moments: give moments=t1,t2,… (each read at its month end)',
    );
  const parts = (query.moments ?? query.waves!).split(',');
  let moments: number[];
  if (query.moments !== undefined) {
    moments = parts.map((part) => {
      const parsed = Instant.safeParse(part);
      if (!parsed.success) throw refuse(`"${part}": ${parsed.error.issues[0].message}`);
      return Date.parse(part);
    });
  } else {
    const known = new Map((await reads.waves(p)).map((w) => [w.wave, w.lastMs]));
    moments = parts.map((name) => {
      const lastMs = known.get(name);
      if (lastMs === undefined)
        throw refuse(
          `unknown wave "${name}"; the waves are ${[...known.keys()].join(', ') || 'none yet'}`,
        );
      return lastMs;
    });
  }
  if (moments.length < 2 || moments.length > MAX_WAVES)
    throw refuse(`give from 2 to ${MAX_WAVES} waves, separated by commas`);
  if (moments.some((m, i) => i > 0 && m <= moments[i - 1]))
    throw refuse('the waves must be in increasing time order');
  return moments;
}

/** Answers with a file download of the given media type, with a partner's privacy note. */
function download(
  reply: FastifyReply,
  type: string,
  filename: string,
  body: string | Buffer,
  privacy: PrivacyNote | null,
) {
  if (privacy) reply.header(PRIVACY_HEADER, JSON.stringify(privacy));
  return reply
    .type(type)
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

/** The same network with its nodes and edges added in the order of their keys. */
function inKeyOrder(graph: ResidentNetwork): ResidentNetwork {
  const sorted: ResidentNetwork = graph.nullCopy();
  for (const node of graph.nodes().sort()) sorted.addNode(node, graph.getNodeAttributes(node));
  for (const edge of graph.edges().sort())
    sorted.addEdgeWithKey(
      edge,
      graph.source(edge),
      graph.target(edge),
      graph.getEdgeAttributes(edge),
    );
  return sorted;
}

const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  /** The project's replay input up to `at` (a partner's: the month end before it), and the moment. */
  const upTo = (request: FastifyRequest, p: string, at: string | undefined) =>
    readFor(request).replayAt(p, momentOf(at));
  /** The network at `at` (the replay's), for the exports of one moment. */
  const networkUpTo = async (request: FastifyRequest, p: string, at: string | undefined) => {
    const { atMs, input } = await upTo(request, p, at);
    const graph = networkAt(input.records, input.ties, atMs);
    const reads = readFor(request);
    const privacy = await reads.privacy(p);
    // a partner's rows in the order of their pseudonyms, not of joining (partner-view.ts)
    return { atMs, privacy, graph: reads.viewer.pseudonymised ? inKeyOrder(graph) : graph };
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
      const { p } = request.params;
      const { atMs, input } = await upTo(request, p, request.query.at);
      const residents = input.records.filter(presentBy(atMs));
      const privacy = await readFor(request).privacy(p);
      const ties = [...tieSpells(input.ties).values()];
      const body = historyToGexf(input.project, residents, ties, privacy);
      return download(reply, 'application/gexf+xml; charset=utf-8', `${p}.gexf`, body, privacy);
    },
  });

  app.get('/projects/:p/export.graphml', {
    config,
    schema: {
      ...exportSchema(
        'GraphML of the network at `at`',
        z.object({
          at: AtQuery,
          weight: z
            .enum(GRAPHML_WEIGHTS)
            .optional()
            .describe(
              'add an edge attribute `weight` holding the strength or the distance (left out by default: igraph reads `weight` as a length)',
            ),
        }),
      ),
      description:
        'Each tie carries `strength` (1–3, higher is closer) and `distance` (1/strength); ' +
        'docs/exports.md reads it in NetworkX and R igraph.',
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const { atMs, graph, privacy } = await networkUpTo(request, p, request.query.at);
      const at = new Date(atMs).toISOString();
      const body = networkToGraphml(graph, at, request.query.weight ?? null, privacy);
      const type = 'application/graphml+xml; charset=utf-8';
      return download(reply, type, `${p}.graphml`, body, privacy);
    },
  });

  app.get('/projects/:p/export.csv', {
    config,
    schema: exportSchema(
      'CSV of the network at `at`: its ties (default) or its residents with their degree',
      z.object({ at: AtQuery, table: z.enum(['ties', 'residents']).default('ties') }),
    ),
    handler: async (request, reply) => {
      const { p } = request.params;
      const { graph, privacy } = await networkUpTo(request, p, request.query.at);
      const table = request.query.table;
      const body = table === 'ties' ? tiesCsv(graph) : residentsCsv(graph);
      return download(reply, 'text/csv; charset=utf-8', `${p}-${table}.csv`, body, privacy);
    },
  });

  app.get('/projects/:p/export/siena.zip', {
    config,
    schema: {
      summary:
        'The network at several moments for RSiena and statnet (a zip of CSV files and analysis.R)',
      description:
        'wave-k.csv: the 0/1 adjacency matrix at the k-th moment over the residents who joined by the last (10, ' +
        "RSiena's structural zero, for one not joined yet); residents.csv (community, participant); " +
        'scores-<instrument>.csv (latest score at or before each wave; not for partners); composition.csv ' +
        '(joining, in wave time); README.txt; analysis.R. Give moments=t1,t2,… or waves=w1,w2,… (2 to 50).',
      tags: ['export'],
      params: ProjectParams,
      querystring: z.object({
        moments: z
          .string()
          .max(2_000)
          .optional()
          .describe('instants, separated by commas, increasing'),
        waves: z
          .string()
          .max(2_000)
          .optional()
          .describe('measurement waves (GET …/report/waves) by name; each at its last measure'),
        community: Id.optional(),
      }),
      response: { 200: ZipFile, 422: ErrorBody, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const reads = readFor(request);
      const asked = await sienaMoments(reads, p, request.query);
      const { atMs: lastMs, input } = await reads.replayAt(p, asked.at(-1)!);
      // a partner's waves are month ends (momentFor), so no two may fall in one month
      const momentsMs = asked.map((m) => momentFor(reads.viewer, m, input.project.timeZone));
      momentsMs[momentsMs.length - 1] = lastMs;
      if (momentsMs.some((m, i) => i > 0 && m <= momentsMs[i - 1]))
        throw badRequest(
          'a partner reads the network at month ends: give moments in different months',
          [{ path: 'moments', message: 'two moments in one month' }],
        );
      const { community: communityId } = request.query;
      const residents = sienaResidents({ records: input.records, momentsMs, communityId }).length;
      if (residents * residents * momentsMs.length > MAX_CELLS)
        throw new AppError(
          422,
          'export_too_large',
          `${residents} residents at ${momentsMs.length} waves are more than one export holds (${MAX_CELLS.toLocaleString('en')} matrix cells): ask for one community (community=) or fewer waves`,
        );
      // a partner (with the network grant) sees pseudonyms (the privacy door), never anyone's scores
      const measures = reads.viewer.pseudonymised ? null : await reads.measures(p);
      const privacy = await reads.privacy(p);
      const zip = sienaZip({
        privacy,
        project: input.project,
        records: input.records,
        ties: input.ties,
        measures,
        instruments: await app.store.instruments.registry(p),
        momentsMs,
        communityId,
      });
      return download(reply, 'application/zip', `${p}-siena.zip`, Buffer.from(zip), privacy);
    },
  });
};

export default exportRoutes;
