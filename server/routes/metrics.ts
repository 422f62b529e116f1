// Evaluation numbers: the metrics of the network at a moment, and a timeline of graph metrics.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GraphLevel, Id, Instant, Interval, TimelinePoint } from '../domain.ts';
import { badRequest } from '../errors.ts';
import { bucketCount, bucketEnds } from '../metrics/timeline.ts';
import { ENGINES } from '../analysis/engines.ts';
import { monthEndOf, monthEnds } from '../privacy/deidentify.ts';
import { momentFor } from '../privacy/closed-months.ts';
import { answerCached } from './answer-cached.ts';
import { momentOf } from './network.ts';
import { AtQuery, ErrorBody, errors, flag, PrivacyBody, ProjectParams } from './schemas.ts';

export const EiIndexBody = z
  .object({
    overall: z.number().nullable(),
    byValue: z.record(z.string(), z.number().nullable()),
  })
  .describe("Krackhardt E-I index of the residents' community attribute: (E−I)/(E+I)");

export const BridgingShareBody = z
  .number()
  .nullable()
  .describe('share of ties between residents of different communities');

export const ParticipantReachBody = z
  .object({
    nonParticipants: z.number().int(),
    withinOne: z.number().int(),
    withinTwo: z.number().int(),
    shareWithinOne: z.number().nullable(),
    shareWithinTwo: z.number().nullable(),
  })
  .describe('non-participants within 1 and 2 steps of any participant');

export const NodeLevel = z.object({
  degree: z.number().int(),
  degreeCentrality: z.number().describe('d/(n−1)'),
  betweenness: z
    .number()
    .describe('normalised, endpoints excluded (networkx.betweenness_centrality)'),
  closeness: z.number().describe('Wasserman–Faust corrected (networkx.closeness_centrality)'),
  eigenvector: z
    .number()
    .nullable()
    .describe('unit L2 norm, tolerance 1e-12; null where it does not converge'),
  pagerank: z.number().describe('α = 0.85, tolerance 1e-12'),
  clustering: z.number().describe('networkx.clustering'),
  community: z.number().int().describe('Louvain community (seeded; same data, same partition)'),
});

export const MetricsBody = z.object({
  at: z.string(),
  engine: z
    .enum(['worker', 'gds'])
    .describe("who computed it: the API's worker threads, or Neo4j Graph Data Science"),
  sampled: z
    .object({
      sources: z.number().int().describe('residents drawn uniformly as shortest-path sources'),
      seed: z.number().int(),
      expectedError: z
        .number()
        .describe("root mean square over residents of the betweenness estimates' standard error"),
    })
    .nullable()
    .describe(
      'betweenness estimated from sampled sources (past ANALYSIS_MAX_PATH_WORK); null: exact',
    ),
  community: z.string().nullable(),
  weighted: z.boolean(),
  graph: z.object({
    ...GraphLevel,
    modularity: z.number().nullable().describe('of the Louvain partition; null without ties'),
  }),
  evaluation: z.object({
    eiIndexByCommunity: EiIndexBody,
    bridgingShare: BridgingShareBody,
    participantReach: ParticipantReachBody,
  }),
  nodes: z.record(z.string(), NodeLevel),
  privacy: PrivacyBody,
});

export const TimelineBody = z.object({
  interval: Interval,
  points: z.array(TimelinePoint),
  privacy: PrivacyBody,
});

const MAX_POINTS = 5_000;
/** Betweenness is the costly part of a point: each costs a full Brandes pass. */
const MAX_CENTRALITY_POINTS = 100;

const metrics: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/metrics', {
    config: { access: 'read', partner: 'network' },
    schema: {
      summary:
        'Graph-level, per-resident and evaluation metrics of the network at a moment (NetworkX conventions)',
      tags: ['metrics'],
      params: ProjectParams,
      querystring: z.object({
        at: AtQuery,
        community: Id.optional(),
        weighted: flag.describe(
          'use tie strength (betweenness/closeness: distance 1/strength; others: weight)',
        ),
        engine: z
          .enum(ENGINES)
          .default('auto')
          .describe(
            'auto: the worker threads up to ANALYSIS_MAX_PATH_WORK, Neo4j GDS beyond it; worker; gds',
          ),
      }),
      response: {
        200: MetricsBody,
        ...errors,
        422: ErrorBody.describe(
          'the network is beyond ANALYSIS_MAX_PATH_WORK and GDS is not installed (or weighted metrics were asked for): ask for one community; or GDS was asked for where it is not installed',
        ),
      },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const { weighted, community, engine } = request.query;
      return answerCached(
        request,
        reply,
        {
          kind: 'metrics',
          project: p,
          query: { community, weighted, engine },
          moment: { atMs: momentOf(request.query.at), now: request.query.at === undefined },
        },
        async (reads, client, atMs) => {
          const { records, segments } = await reads.moment(p, atMs, community);
          return app.engines.metrics(
            engine,
            { records, segments, atMs, communityId: community, weighted },
            (options, signal) => reads.gdsMetrics(p, atMs, community, options, signal),
            client,
          );
        },
      );
    },
  });

  app.get('/projects/:p/timeline', {
    config: { access: 'read', partner: 'network' },
    schema: {
      summary:
        'Graph metrics at the end of each day, week or month, computed in one pass over the events',
      tags: ['metrics'],
      params: ProjectParams,
      querystring: z.object({
        from: Instant.optional().describe('default: the first event'),
        to: Instant.optional().describe('default: the last event'),
        interval: Interval.default('month'),
        community: Id.optional(),
        centralities: flag.describe(
          'add the ten most between residents and the mean betweenness per point (at most 100 points)',
        ),
      }),
      response: {
        200: TimelineBody,
        ...errors,
      },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const { interval, community, centralities, from, to } = request.query;
      const query = { from, to, interval, community, centralities };
      return answerCached(
        request,
        reply,
        { kind: 'timeline', project: p, query },
        async (reads, client) => {
          const input = await reads.replayInput(p);
          // a partner's points are the month ends in the project's time zone whatever interval was
          // asked for (the answer's `interval` says so), the last one over by now
          const partner = reads.viewer.pseudonymised;
          const timeZone = input.project.timeZone;
          const lastMs =
            partner && input.span.lastMs !== null
              ? monthEndOf(input.span.lastMs, timeZone)
              : input.span.lastMs;
          const fromMs = from ? Date.parse(from) : input.span.firstMs;
          const toMs = to ? Date.parse(to) : lastMs;
          const asked = partner ? 'month' : interval;
          if (fromMs === null || toMs === null) return { interval: asked, points: [] };
          if (toMs < fromMs)
            throw badRequest('`to` is before `from`', [
              { path: 'to', message: 'must not be before from' },
            ]);
          const count = bucketCount(fromMs, toMs, asked);
          if (count > MAX_POINTS) {
            throw badRequest(`at most ${MAX_POINTS} points; choose a longer interval`, [
              { path: 'interval', message: `${count} points` },
            ]);
          }
          if (centralities && count > MAX_CENTRALITY_POINTS) {
            throw badRequest(
              `at most ${MAX_CENTRALITY_POINTS} points with centralities; choose a longer interval or a shorter range`,
              [{ path: 'centralities', message: `${count} points` }],
            );
          }
          // …and none after the last month end before now (closed-months.ts)
          const ends = partner
            ? monthEnds(fromMs, momentFor(reads.viewer, toMs, timeZone), timeZone)
            : bucketEnds(fromMs, toMs, interval);
          const points = await app.analysis.timeline(
            {
              records: input.records,
              ties: input.ties,
              ends,
              communityId: community,
              centralities,
            },
            client,
          );
          // a ranking of residents reads the same for every key: two partners' lists would link
          // their pseudonyms rank by rank, so a partner gets the mean only
          return {
            interval: asked,
            points: partner ? points.map(({ topBetweenness: _, ...point }) => point) : points,
          };
        },
      );
    },
  });
};

export default metrics;
