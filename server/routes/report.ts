// /api/v1/projects/:p/report — the evaluation between a baseline and a follow-up moment, and the
// measurement waves a reader picks those moments from. Definitions: docs/report.md.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GraphLevel, Id, Instant } from '../domain.ts';
import { badRequest } from '../errors.ts';
import { DEFINITIONS } from '../metrics/outcomes.ts';
import { DEFINITIONS as WORDS, definitionText } from '../report-words.ts';
import { VALUE_FOR_MONEY_DEFINITION } from '../metrics/value-for-money.ts';
import { reportInput } from '../analysis/report-input.ts';
import { readFor } from '../privacy/reads.ts';
import { BridgingShareBody, EiIndexBody, ParticipantReachBody } from './metrics.ts';
import { errors, ProjectParams } from './schemas.ts';

const Change = z.object({ baseline: z.number(), followup: z.number(), delta: z.number() });
const both = <T extends z.ZodTypeAny>(schema: T) =>
  z.object({ baseline: schema, followup: schema });
const Scores = z
  .object({
    n: z.number().int(),
    mean: z.number().nullable().describe('null when n is 0'),
  })
  .describe('a cell: residents with a score (n) and their mean');
const InstrumentFacts = z
  .object({
    name: z.string().describe('its name in words'),
    min: z.number().nullable(),
    max: z.number().nullable(),
    higherIsBetter: z
      .boolean()
      .nullable()
      .describe('which way is better; null for a name no instrument of the project has'),
    description: z.string().nullable(),
  })
  .describe('an instrument the report names');
const Wellbeing = z
  .record(z.string(), z.object({ participants: Scores, others: Scores }))
  .describe("per instrument: the mean of each resident's latest score at or before the moment");

const Interval = z
  .object({ low: z.number(), high: z.number() })
  .nullable()
  .describe('95% interval; null when a sample has fewer than two values');
const count = (description: string) => z.number().int().describe(description);
const number = (description: string) => z.number().nullable().describe(description);
/** A cell summarising `n` residents (partners read cells through releases: docs/privacy.md). */
const cell = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ n: count('residents this cell summarises'), ...shape });

const ChangeCell = cell({
  meanChange: number('mean of degree at follow-up − degree at baseline'),
  medianChange: number('median change'),
  shareIncreased: number('share of n whose degree rose'),
  shareDecreased: number('share of n whose degree fell'),
  ci95: Interval.describe('paired t interval: mean ± t(0.975, n−1)·s/√n; null when n < 2'),
});
const InvolvementCell = cell({
  residents: count('residents who joined by the moment'),
  inGroup: count('residents with at least one membership holding at the moment'),
  inGroupShare: number('inGroup / residents'),
  membershipsPerResident: number('memberships holding at the moment / residents'),
  activeAttendees: count('residents with an attendance event in (moment − 90 days, moment]'),
  attendances: count('attendance events in (moment − 90 days, moment]'),
});
const ClassCell = cell({
  meanChange: number('mean of follow-up score − baseline score'),
  ci95: Interval.describe('paired t interval of the mean change; null when n < 2'),
});
const Permutation = z
  .object({
    difference: number('mean of the first group − mean of the second'),
    p: number(
      'two-sided: the share of labelings whose |difference| ≥ the observed one, the observed included',
    ),
    permutations: count('labelings counted: every one when exact, else 9,999 seeded random ones'),
    exact: z.boolean().describe('true when every labeling was enumerated (at most 9,999)'),
  })
  .describe(definitionText(WORDS.permutation));
const Instrument = z.object({
  definition: z.string(),
  participants: ClassCell,
  direct: ClassCell.describe('non-participants one step from the nearest participant at follow-up'),
  indirect: ClassCell.describe('non-participants two steps away'),
  unreached: ClassCell.describe('non-participants three or more steps away, or with no path'),
  directVsUnreached: cell({
    estimate: number('mean change of direct − mean change of unreached'),
    ci95: Interval.describe("Welch's t interval (unequal variances, Welch–Satterthwaite df)"),
    permutation: Permutation,
  }).describe('n is the smaller of the two classes'),
});

const Outcomes = {
  connections: z.object({
    withinPerson: z
      .object({
        definition: z.string(),
        all: ChangeCell,
        participants: ChangeCell,
        nonParticipants: ChangeCell,
        permutation: cell(Permutation.shape).describe(
          "participants' mean change − non-participants', permuting the participant labels; n is the smaller group",
        ),
      })
      .describe(DEFINITIONS.withinPerson),
  }),
  involvement: z
    .object({ definition: z.string(), baseline: InvolvementCell, followup: InvolvementCell })
    .describe(DEFINITIONS.involvement),
  butterfly: z.record(z.string(), Instrument).describe(`per instrument. ${DEFINITIONS.butterfly}`),
  sustainability: z
    .object({
      definition: z.string(),
      newPairs: z.number().int(),
      retainedPairs: z.number().int(),
      retention: z.number().nullable().describe('retainedPairs / newPairs'),
      membershipsStarted: z.number().int(),
      membershipsRetained: z.number().int(),
      membershipRetention: z
        .number()
        .nullable()
        .describe('membershipsRetained / membershipsStarted'),
      activeGroups: z.number().int(),
    })
    .describe(DEFINITIONS.sustainability),
  valueForMoney: cell({
    definition: z.string(),
    instrument: z.string().describe('the instrument whose points are counted (WEMWBS by default)'),
    currency: z.string().nullable().describe("the costs' currency; null when none is counted"),
    totalCost: number('the costs dated after the baseline and up to the follow-up, added up'),
    costs: count('costs counted'),
    participants: count('residents marked as participants in the network at the follow-up'),
    costPerParticipant: number('totalCost / participants; null when there are none'),
    newTies: count('pairs tied at the follow-up and not at the baseline'),
    costPerNewTie: number('totalCost / newTies; null when there are none'),
    scoredParticipants: count('participants with a baseline and a follow-up score on instrument'),
    wellbeingPointsGained: number(
      "their changes added up, each in the instrument's better direction",
    ),
    costPerWellbeingPoint: number(
      'totalCost / wellbeingPointsGained; null unless points were gained',
    ),
  }).describe(
    `n is the smaller of participants and scoredParticipants (participants when none has both scores). ${VALUE_FOR_MONEY_DEFINITION}`,
  ),
};

export const ReportBody = z.object({
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
  instruments: z
    .record(z.string(), InstrumentFacts)
    .describe(
      'the instruments of the measures up to follow-up, by the id wellbeing and butterfly use',
    ),
  wellbeing: both(Wellbeing),
  ...Outcomes,
});

export const WavesBody = z.object({
  waves: z
    .array(
      z.object({
        wave: z.string(),
        first: z.string().describe('the first measure of the wave'),
        last: z.string().describe('the last measure of the wave'),
        measures: z.number().int(),
      }),
    )
    .describe('waves named on measure events, ordered by their first measure'),
});

const report: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/report', {
    config: { access: 'read' },
    schema: {
      summary: 'The evaluation report between a baseline and a follow-up moment (JSON)',
      description:
        'Every number follows the conventions of /metrics, on the network at each moment (the time rule); the outcome sections (connections, involvement, butterfly, sustainability) carry their definitions, also in docs/report.md.',
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
      const baselineMs = Date.parse(request.query.baseline);
      const followupMs = Date.parse(request.query.followup);
      if (followupMs < baselineMs) {
        throw badRequest('the follow-up is before the baseline', [
          { path: 'followup', message: 'must not be before baseline' },
        ]);
      }
      const input = await reportInput(readFor(request), app.store, p, followupMs);
      const communityId = request.query.community;
      return app.analysis.report({ ...input, baselineMs, followupMs, communityId }, request);
    },
  });

  app.get('/projects/:p/report/waves', {
    config: { access: 'read' },
    schema: {
      summary: 'The measurement waves, to pick a baseline and a follow-up from',
      tags: ['metrics'],
      params: ProjectParams,
      response: { 200: WavesBody, ...errors },
    },
    handler: async (request) => {
      const { p } = request.params;
      const waves = await readFor(request).waves(p);
      return {
        waves: waves.map((w) => ({
          wave: w.wave,
          first: new Date(w.firstMs).toISOString(),
          last: new Date(w.lastMs).toISOString(),
          measures: w.measures,
        })),
      };
    },
  });
};

export default report;
