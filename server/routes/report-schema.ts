// The report's answer schemas (docs/report.md): every cell, interval, effect size and section of
// GET /api/v1/projects/:p/report and its waves, shared with viz/ and the tests through contract.ts.
import { z } from 'zod';
import { GraphLevel } from '../domain.ts';
import { DEFINITIONS, definitionText, withShared } from '../report-words.ts';
import { BridgingShareBody, EiIndexBody, ParticipantReachBody } from './metrics.ts';

const words = (name: keyof typeof DEFINITIONS) => definitionText(DEFINITIONS[name]);

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
  .describe(
    "per instrument: the mean of each resident's latest score in the window before the moment (none carried forward)",
  );
const WellbeingWave = z
  .object({
    wave: z.string(),
    instruments: z
      .record(z.string(), z.object({ participants: Scores, others: Scores }))
      .describe("per instrument: the mean of each resident's latest score of the wave"),
  })
  .describe('one measurement wave named on measures');

const Interval = z
  .object({
    low: z.number(),
    high: z.number(),
    informative: z
      .literal(false)
      .optional()
      .describe('present when the values do not vary: the interval has no width and says nothing'),
  })
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
const Effect = z
  .object({ value: z.number().nullable(), ci95: Interval })
  .nullable()
  .describe(
    'a standardised effect size with its large-sample 95% interval; null values when it cannot be computed',
  );
const Adjusted = cell({
  estimate: number('participants − non-participants at follow-up, adjusted for baseline (OLS)'),
  ci95: Interval.describe('t interval, estimate ± t(0.975, n − 3)·SE'),
  p: number('two-sided p of the participant coefficient'),
}).describe(
  'OLS followup ~ participant + baseline over residents with both values; n: residents in it',
);
const ClassCell = cell({
  meanChange: number('mean of follow-up score − baseline score'),
  ci95: Interval.describe('paired t interval of the mean change; null when n < 2'),
  dz: Effect.describe("Cohen's dz: mean change / standard deviation of the changes"),
  shareImproved: number(
    'share of n improving by at least minimumImportantDifference in the better direction; null without one',
  ),
});
const Attrition = cell({
  both: count('residents of the class with both scores'),
  baselineOnly: count('with a baseline score only'),
  followupOnly: count('with a follow-up score only'),
  neither: count('with neither'),
}).describe('n: residents of the class in the network at the baseline');
const Permutation = z
  .object({
    difference: number('mean of the first group − mean of the second'),
    p: number(
      'two-sided: the share of labelings whose |difference| ≥ the observed one, the observed included',
    ),
    permutations: count('labelings counted: every one when exact, else 9,999 seeded random ones'),
    exact: z.boolean().describe('true when every labeling was enumerated (at most 9,999)'),
  })
  .describe(words('permutation'));
const Instrument = z.object({
  definition: z.string(),
  role: z
    .enum(['primary', 'exploratory'])
    .describe("the headline instrument (the project's primaryInstrument) or exploratory"),
  direction: z
    .string()
    .nullable()
    .describe(
      '"higher is better" or "lower is better"; null for a name no instrument of the project has',
    ),
  minimumImportantDifference: z
    .number()
    .nullable()
    .describe('points of change a person notices, where one is commonly cited (WEMWBS: 3)'),
  participants: ClassCell.describe('participants at the baseline'),
  direct: ClassCell.describe(
    'non-participants one step from the nearest participant at the baseline',
  ),
  indirect: ClassCell.describe('non-participants two steps away'),
  unreached: ClassCell.describe('non-participants three or more steps away, or with no path'),
  directVsUnreached: cell({
    estimate: number('mean change of direct − mean change of unreached'),
    ci95: Interval.describe("Welch's t interval (unequal variances, Welch–Satterthwaite df)"),
    hedgesG: Effect.describe("Hedges' g of direct against unreached"),
    permutation: Permutation,
  }).describe('n is the smaller of the two classes'),
  adjusted: Adjusted.extend({
    pHolm: number('exploratory instruments: p Holm-adjusted over the exploratory instruments'),
  }),
  attrition: z.object({
    participants: Attrition,
    direct: Attrition,
    indirect: Attrition,
    unreached: Attrition,
  }),
});
const DiD = cell({
  treated: z.object({ n: count('residents'), meanChange: number('their mean change') }),
  comparison: z.object({ n: count('residents'), meanChange: number('their mean change') }),
  estimate: number("the community's mean change − the comparison community's"),
  ci95: Interval.describe("Welch's t interval"),
}).describe('n is the smaller of the two groups');
const Mixing = z
  .object({
    external: z.number().int(),
    internal: z.number().int(),
    ei: z.number().nullable(),
    eiExpected: z.number().nullable(),
    p: z.number().nullable(),
    bridging: z.number().nullable(),
    bridgingExpected: z.number().nullable(),
    permutations: z.number().int(),
    exact: z.boolean(),
  })
  .describe(words('mixing'));

const Outcomes = {
  connections: z.object({
    withinPerson: z
      .object({
        definition: z.string(),
        all: ChangeCell,
        participants: ChangeCell,
        nonParticipants: ChangeCell,
        left: count('residents in the network at the baseline who had left by the follow-up'),
        adjusted: Adjusted.describe('degree at follow-up ~ participant + degree at baseline'),
        permutation: cell(Permutation.shape).describe(
          "participants' mean change − non-participants', permuting the participant labels; n is the smaller group",
        ),
      })
      .describe(withShared(DEFINITIONS.withinPerson, 'adjusted', 'permutation')),
  }),
  involvement: z
    .object({ definition: z.string(), baseline: InvolvementCell, followup: InvolvementCell })
    .describe(words('involvement')),
  butterfly: z
    .record(z.string(), Instrument)
    .describe(
      `per instrument, the primary first. ${withShared(DEFINITIONS.butterfly, 'scores', 'adjusted', 'permutation')}`,
    ),
  sustainability: z
    .object({
      definition: z.string(),
      newPairs: z.number().int(),
      retainedPairs: z.number().int(),
      confirmedPairs: z
        .number()
        .int()
        .describe(
          'of retainedPairs, those a resident of the pair re-answered at a wave after it formed',
        ),
      retention: z.number().nullable().describe('retainedPairs / newPairs'),
      horizonDays: z.number().describe('a new pair began at least this many days before F'),
      recentPairs: z.number().int().describe('pairs first tied within the horizon: not counted'),
      membershipsStarted: z.number().int(),
      membershipsRetained: z.number().int(),
      membershipRetention: z
        .number()
        .nullable()
        .describe('membershipsRetained / membershipsStarted'),
      activeGroups: both(z.number().int()),
    })
    .describe(words('sustainability')),
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
    `n is the smaller of participants and scoredParticipants (participants when none has both scores). ${withShared(DEFINITIONS.valueForMoney, 'scores')}`,
  ),
  nameQuestion: z
    .object({
      definition: z.string(),
      waves: z.array(
        z.object({
          wave: z.string(),
          first: z.string().describe("the wave's first interview"),
          at: z.string().describe("the wave's last interview: its moment"),
          eligible: count('residents in the network at the wave'),
          asked: count('of them, those who answered at the wave'),
          responseRate: number('asked / eligible; null when nobody was eligible'),
          tiesBefore: count('ties holding just before the first interview'),
          stillNamed: count('of them, a resident answered and the tie still holds after the wave'),
          ended: count('a resident answered and the tie no longer holds'),
          unknown: count('neither resident answered: kept as recorded, confirmed by nobody'),
        }),
      ),
    })
    .describe(
      `the waves of interviews up to the follow-up, in time order. ${words('nameQuestion')}`,
    ),
  comparison: z
    .object({
      definition: z.string(),
      community: z.string().describe('the comparison community'),
      connections: DiD,
      instruments: z.record(z.string(), DiD),
    })
    .nullable()
    .describe(`null unless comparison= is given. ${withShared(DEFINITIONS.comparison, 'scores')}`),
};

export const ReportBody = z.object({
  baseline: z.string(),
  followup: z.string(),
  community: z.string().nullable(),
  scoreRule: z
    .object({
      windowDays: z.number(),
      baselineWave: z.string().nullable(),
      followupWave: z.string().nullable(),
    })
    .describe(
      'which scores pair: of the named waves, else the latest in the window before each moment',
    ),
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
  bridgingShare: both(BridgingShareBody).describe('in the whole network, every community'),
  eiIndexByCommunity: both(EiIndexBody).describe('in the whole network, every community'),
  mixing: both(z.record(z.string(), Mixing)).describe(
    "each community's row (only the asked community's, with community=), against random mixing",
  ),
  instruments: z
    .record(z.string(), InstrumentFacts)
    .describe(
      'the instruments of the measures up to follow-up, by the id wellbeing and butterfly use',
    ),
  wellbeing: both(Wellbeing).extend({ byWave: z.array(WellbeingWave) }),
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
