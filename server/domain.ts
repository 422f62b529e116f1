// The zod schemas of the domain (projects, communities, residents, groups, events) and their types.
// Routes validate with these; the store receives only values that passed them.
import { z } from 'zod';
import {
  CONSENTS,
  GROUP_KINDS,
  INTERVALS,
  ROLES,
  SHEET_NAMES,
  TEMPLATE_IDS,
} from './domain-names.ts';
import { MAX_ABS_SCORE } from './instruments.ts';

/**
 * Client-chosen identifiers: short, printable, safe in URLs. Not starting with . : @ - (a path
 * segment, a spreadsheet formula); an underscore may lead, as in `__proto__`, which every read
 * then handles like any other id.
 */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9._:@-]*$/,
    'must be letters, digits and . _ : @ - not starting with . : @ - (max 128)',
  );

/**
 * Free text from clients: no control characters except tab, line feed and carriage return (C0, DEL
 * and C1 can corrupt exports, terminals and logs). Every string field of every body is a Text.
 */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .regex(
      /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/,
      'must not contain control characters (tab, line feed and carriage return are allowed)',
    );

/** The instants the service stores: wide enough for any programme, narrow enough for every tool. */
const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(2200, 0, 1);
/** Neo4j's datetime() stores zone offsets up to ±18:00, although ISO 8601 allows ±23:59. */
const MAX_OFFSET_MINUTES = 18 * 60;

function offsetMinutes(text: string): number {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  return offset ? Number(offset[2]) * 60 + Number(offset[3]) : 0;
}

/**
 * ISO 8601 date-time with an explicit zone (Z or ±hh:mm, at most ±18:00), from 1900-01-01 to
 * 2200-01-01 UTC inclusive once the offset is applied; normalised to UTC milliseconds downstream.
 */
export const Instant = z.iso
  .datetime({ offset: true })
  .superRefine((text, ctx) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return; // not a date-time at all: the format check has said so
    if (offsetMinutes(text) > MAX_OFFSET_MINUTES) {
      ctx.addIssue({ code: 'custom', message: 'the zone offset must be within ±18:00' });
      return;
    }
    if (!(ms >= EARLIEST_MS && ms <= LATEST_MS))
      ctx.addIssue({
        code: 'custom',
        message: 'must be from 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z',
      });
  })
  .describe(
    'ISO 8601 date-time with a zone (offset at most ±18:00), from 1900-01-01 to 2200-01-01 UTC, e.g. 2025-03-01T18:30:00Z or 2025-03-01T19:30:00+01:00',
  );

/** True when the runtime's Intl knows the IANA zone name (what date-only values are read in). */
function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'must be an IANA time zone name such as Europe/London')
  .refine(knownTimeZone, 'unknown time zone; use an IANA name such as Europe/London or UTC')
  .describe('IANA time zone in which date-only values (2025-03-01) are read');

/** The consent text a coordinator reads out before recording anyone. */
export const ConsentText = Text(10_000).min(1);

export const ProjectInput = z.object({
  id: Id,
  name: Text(200).min(1),
  timeZone: TimeZone.default('UTC'),
  template: z
    .enum(TEMPLATE_IDS)
    .optional()
    .describe(
      'start from a template: abcd-programme brings the ABCD group kinds in words, a community temperature instrument, baseline and follow-up waves and the guide’s consent text',
    ),
  consentText: ConsentText.optional().describe(
    'what to read out for consent (default: the template’s)',
  ),
});
/** A project as a client sends it (timeZone may be left out: UTC). */
export type ProjectInput = z.input<typeof ProjectInput>;

export const ProjectPatch = z
  .object({ name: Text(200).min(1), timeZone: TimeZone, consentText: ConsentText })
  .partial()
  .strict();
export type ProjectPatch = z.infer<typeof ProjectPatch>;

export const CommunityInput = z.object({
  id: Id,
  name: Text(200).min(1),
});
export type CommunityInput = z.infer<typeof CommunityInput>;

/**
 * given: visible to every role (to partners pseudonymised); pending (not asked yet, the default):
 * visible to admins and coordinators only; withdrawn: left out of every read, for every role.
 */
export const Consent = z.enum(CONSENTS);
export type Consent = z.infer<typeof Consent>;

const AttributeValue = z.union([Text(2000), z.number(), z.boolean(), z.null()]);
export const Attributes = z
  .record(Text(100).min(1), AttributeValue)
  .refine((a) => Object.keys(a).length <= 100, 'at most 100 attributes');

/**
 * The undated flag: true is a participation from the resident's joining, never ended (read so at
 * every read: server/metrics/moment.ts, participationSpells). Dated ones are participation events.
 */
const Participant = z
  .boolean()
  .describe(
    'a participant from joining on (undated); record a `participation` event for dated participation',
  );

export const ResidentInput = z.object({
  id: Id,
  name: Text(200).min(1),
  communityId: Id.optional(),
  participant: Participant.default(false),
  joinedAt: Instant.optional(),
  consent: Consent.default('pending'),
  attributes: Attributes.default({}),
});
export type ResidentInput = z.infer<typeof ResidentInput>;

export const ResidentPatch = z
  .object({
    name: Text(200).min(1),
    communityId: Id.nullable(),
    participant: Participant,
    joinedAt: Instant.nullable(),
    consent: Consent,
    attributes: Attributes,
  })
  .partial()
  .strict();
export type ResidentPatch = z.infer<typeof ResidentPatch>;

export const GroupKind = z.enum(GROUP_KINDS);
export type GroupKind = z.infer<typeof GroupKind>;

export const GroupInput = z.object({
  id: Id,
  name: Text(200).min(1),
  kind: GroupKind,
  communityId: Id.optional(),
});
export type GroupInput = z.infer<typeof GroupInput>;

/** A score of any instrument; which range it must lie in is the named instrument's (store/event-checks.ts). */
export const Score = z.number().finite().min(-MAX_ABS_SCORE).max(MAX_ABS_SCORE);

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Interval = z.enum(INTERVALS);
export type Interval = z.infer<typeof Interval>;

export type SheetName = (typeof SHEET_NAMES)[number];

/** The network's graph-level measures as every answer states them (NetworkX conventions). */
export const GraphLevel = {
  nodeCount: z.number().int().describe('residents whose joinedAt <= at'),
  edgeCount: z.number().int().describe('ties in force at `at`'),
  density: z.number().describe('2m/(n(n−1)); 0 when n < 2 (networkx.density)'),
  averageDegree: z.number().describe('2m/n'),
  isolates: z.number().int().describe('residents with no tie'),
  components: z.number().int().describe('connected components (an isolate is one)'),
  largestComponentShare: z.number().describe('share of residents in the largest component'),
  averageClustering: z
    .number()
    .describe('networkx.average_clustering: mean local clustering, zeros counted'),
  transitivity: z.number().describe('networkx.transitivity: 3 × triangles / connected triples'),
  degreeCentralization: z.number().describe('Freeman: Σ(dmax − dᵢ)/((n−1)(n−2)); 0 when n < 3'),
};

/** A timeline's point: the network's measures at the end of its bucket. */
export const TimelinePoint = z.object({
  at: z.string().describe('end of the bucket; the network at that instant'),
  ...GraphLevel,
  topBetweenness: z.array(z.object({ id: z.string(), value: z.number() })).optional(),
  meanBetweenness: z.number().optional(),
});
export type TimelinePoint = z.infer<typeof TimelinePoint>;

/** A project's own instrument: its range and which way is better (GET …/instruments lists the built-ins too). */
export const InstrumentInput = z
  .object({
    id: Id.max(80).describe(
      'what measures name it by; case, spaces, hyphens and underscores aside',
    ),
    name: Text(200).min(1).describe('its name in words, as the report shows it'),
    min: Score,
    max: Score,
    higherIsBetter: z.boolean().describe('true when a higher score is the better outcome'),
    description: Text(2000).optional(),
  })
  .superRefine((instrument, ctx) => {
    if (instrument.max <= instrument.min)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be greater than min' });
  });
export type InstrumentInput = z.infer<typeof InstrumentInput>;

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code in capitals, e.g. GBP or EUR');

/** A cost of the programme, for the report's value for money. */
export const CostInput = z.object({
  id: Id,
  at: Instant.describe(
    'when the money was spent; the report counts costs in (baseline, follow-up]',
  ),
  amount: z.number().finite().min(0).max(1e12),
  currency: Currency,
  groupId: Id.optional().describe('the group (activity, asset) the money went to, if one'),
  description: Text(500).min(1),
});
export type CostInput = z.infer<typeof CostInput>;
