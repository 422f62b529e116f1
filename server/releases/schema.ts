// What a release holds and how it is served: per scope (every community together, then each
// community) the report, the metrics at both moments and the timeline between them, as the report,
// metrics and timeline routes compute them; then every number as a released number.
import { z } from 'zod';
import { RELEASE_INTERVALS } from '../domain-names.ts';
import { released } from '../privacy/disclosure/form.ts';
import { TimelinePoint } from '../domain.ts';
import { MetricsBody } from '../routes/metrics.ts';
import { ReportBody } from '../routes/report.ts';

export const ReleaseInterval = z.enum(RELEASE_INTERVALS);
export type ReleaseInterval = z.infer<typeof ReleaseInterval>;

const MetricsAt = MetricsBody.pick({ at: true, graph: true, evaluation: true });

/** One scope's content before disclosure control: the routes' own bodies. */
export const ScopeContent = z.object({
  report: ReportBody,
  metrics: z.object({ baseline: MetricsAt, followup: MetricsAt }),
  timeline: z.array(TimelinePoint.omit({ topBetweenness: true, meanBetweenness: true })),
});
export type ScopeContent = z.infer<typeof ScopeContent>;

export const ReleaseSummary = z.object({
  id: z.string(),
  name: z.string(),
  baseline: z.string().describe('the end of the interval holding the baseline asked for'),
  followup: z.string().describe('the end of the interval holding the follow-up asked for'),
  interval: ReleaseInterval,
  publishedAt: z.string(),
});

const Withheld = z.object({
  primary: z.number().int().describe('numbers resting on fewer than minCount residents'),
  secondary: z.number().int().describe('numbers that would give a withheld one by subtraction'),
  differencing: z
    .number()
    .int()
    .describe('cells whose residents differ by 1 to minCount − 1 from one already published'),
  unclassified: z.number().int().describe('numbers no disclosure rule covers yet'),
});

export const ReleaseBody = ReleaseSummary.extend({
  disclosure: z.object({
    minCount: z.number().int().describe('k: the fewest residents a published number rests on'),
    meanDecimals: z.number().int(),
    shareDecimals: z.number().int().describe('2: whole percent'),
    withheld: Withheld.describe('quantities withheld, by reason'),
    networkGrant: z
      .boolean()
      .optional()
      .describe(
        'true: also checked against what a partner key with the network grant reads (one existed when it was published); such keys read only these',
      ),
  }),
  scopes: z.array(
    z
      .object({
        community: z.string().nullable().describe('null: every community together'),
        name: z.string(),
      })
      .and(released(ScopeContent)),
  ),
});

export type ReleaseBody = z.infer<typeof ReleaseBody>;
