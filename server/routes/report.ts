// /api/v1/projects/:p/report — the evaluation between a baseline and a follow-up moment.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant } from '../domain.ts';
import { badRequest } from '../errors.ts';
import { assertProjectAccess } from '../plugins/auth.ts';
import { BridgingShareBody, EiIndexBody, GraphLevel, ParticipantReachBody } from './metrics.ts';
import { errors, ProjectParams } from './schemas.ts';

const Change = z.object({ baseline: z.number(), followup: z.number(), delta: z.number() });
const both = <T extends z.ZodTypeAny>(schema: T) =>
  z.object({ baseline: schema, followup: schema });
const Scores = z.object({ n: z.number().int(), mean: z.number().nullable() });
const Wellbeing = z
  .record(z.string(), z.object({ participants: Scores, others: Scores }))
  .describe("per instrument: the mean of each resident's latest score at or before the moment");

const ReportBody = z.object({
  baseline: z.string(),
  followup: z.string(),
  community: z.string().nullable(),
  graph: z
    .object(Object.fromEntries(Object.keys(GraphLevel).map((key) => [key, Change])))
    .describe('each graph metric at both moments and follow-up minus baseline'),
  isolateCohort: z
    .object({
      baselineIsolates: z.number().int(),
      nowConnected: z.number().int(),
      share: z.number().nullable(),
    })
    .describe('residents isolated at baseline who have at least one tie at follow-up'),
  participantReach: both(ParticipantReachBody),
  bridgingShare: both(BridgingShareBody),
  eiIndexByCommunity: both(EiIndexBody),
  wellbeing: both(Wellbeing),
});

const report: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/report', {
    schema: {
      summary: 'The evaluation report between a baseline and a follow-up moment (JSON)',
      description:
        'Every number follows the conventions of /metrics, on the network at each moment (time rule: docs/metrics.md).',
      tags: ['metrics'],
      params: ProjectParams,
      querystring: z.object({
        baseline: Instant,
        followup: Instant,
        community: Id.optional(),
      }),
      response: { 200: ReportBody, ...errors },
    },
    handler: async (request) => {
      const { p } = request.params;
      assertProjectAccess(request, p, 'read');
      const baselineMs = Date.parse(request.query.baseline);
      const followupMs = Date.parse(request.query.followup);
      if (followupMs < baselineMs) {
        throw badRequest('the follow-up is before the baseline', [
          { path: 'followup', message: 'must not be before baseline' },
        ]);
      }
      const input = await app.store.network.replayInput(p, followupMs);
      const measures = await app.store.network.measures(p);
      return app.analysis.report(
        {
          records: input.records,
          ties: input.ties,
          measures,
          baselineMs,
          followupMs,
          communityId: request.query.community,
        },
        request,
      );
    },
  });
};

export default report;
