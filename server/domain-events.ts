// The events of the log: one zod schema a type, their union, and what a write of them answers.
// Routes validate with these; the store receives only events that passed them.
import { z } from 'zod';
import { STRENGTHS, TIE_SOURCES } from './domain-names.ts';
import { Id, Instant, Score, Text } from './domain.ts';

const EventBase = { id: Id, at: Instant };

export const ConnectionEvent = z.object({
  ...EventBase,
  type: z.literal('connection'),
  from: Id,
  to: Id,
  kind: Text(40).min(1).default('knows'),
  strength: z
    .number()
    .int()
    .min(STRENGTHS[0])
    .max(STRENGTHS[STRENGTHS.length - 1])
    .default(1),
  source: z.enum(TIE_SOURCES).default('workshop'),
});
export const DisconnectionEvent = z.object({
  ...EventBase,
  type: z.literal('disconnection'),
  from: Id,
  to: Id,
  source: z.enum(TIE_SOURCES).optional(),
});
export const MembershipEvent = z.object({
  ...EventBase,
  type: z.literal('membership'),
  resident: Id,
  group: Id,
});
export const DepartureEvent = z.object({
  ...EventBase,
  type: z.literal('departure'),
  resident: Id,
  group: Id,
});
export const AttendanceEvent = z.object({
  ...EventBase,
  type: z.literal('attendance'),
  resident: Id,
  group: Id,
});

export const MeasureEvent = z.object({
  ...EventBase,
  type: z.literal('measure'),
  resident: Id,
  instrument: Text(80)
    .min(1)
    .describe(
      "a built-in instrument's id (WEMWBS, SWEMWBS, UCLA-3, BRS) or one of the project's own",
    ),
  score: Score.describe("within the instrument's range"),
  wave: Text(40).min(1).optional(),
});

/** Whether an optional end comes after the start: a spell that ends when it starts holds never. */
const endsAfterStart = (event: { at: string; until?: string }, ctx: z.RefinementCtx) => {
  if (event.until === undefined) return;
  const until = Date.parse(event.until);
  // a value that is no date-time at all has been refused as such already
  if (!Number.isNaN(until) && !(until > Date.parse(event.at)))
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be later than `at`' });
};

export const LeaveEvent = z
  .object({ ...EventBase, type: z.literal('leave'), resident: Id })
  .describe(
    'the resident leaves the area: out of the network from `at` until a return; a connection naming them meanwhile is refused',
  );
export const ReturnEvent = z
  .object({ ...EventBase, type: z.literal('return'), resident: Id })
  .describe('a resident who left is back in the network from `at`');
export const ParticipationEvent = z
  .object({
    ...EventBase,
    type: z.literal('participation'),
    resident: Id,
    until: Instant.optional().describe('when their participation ended (left out: it goes on)'),
  })
  .superRefine(endsAfterStart)
  .describe(
    'the resident takes part in the programme from `at` (until `until`): a participant at the moments in between',
  );

export const InterviewEvent = z
  .object({
    ...EventBase,
    type: z.literal('interview'),
    resident: Id,
    wave: Text(40).min(1).describe("the wave's name, as measures name it"),
  })
  .describe(
    'the resident gave a complete answer to the name question at `at` (wave `wave`): their ties then are confirmed, ended or new (POST …/waves/:wave/answers writes it)',
  );

export const RetractionEvent = z
  .object({
    ...EventBase,
    type: z.literal('retraction'),
    event: Id.describe('the id of the event withdrawn (stored, or earlier in the same batch)'),
  })
  .describe('withdraws an event entered by mistake: every read ignores it; the log keeps both');

export const EventInput = z.discriminatedUnion('type', [
  ConnectionEvent,
  DisconnectionEvent,
  MembershipEvent,
  DepartureEvent,
  AttendanceEvent,
  MeasureEvent,
  LeaveEvent,
  ReturnEvent,
  ParticipationEvent,
  InterviewEvent,
  RetractionEvent,
]);
export type EventInput = z.infer<typeof EventInput>;
export type EventType = EventInput['type'];
/** Every event type, read off the union above. */
export const EVENT_TYPES = EventInput.options.map((o) => o.shape.type.value) as [
  EventType,
  ...EventType[],
];

/** What a write of events answers. */
export const AppendResult = z.object({
  received: z.number().int(),
  created: z.number().int().describe('events newly stored'),
  duplicates: z
    .number()
    .int()
    .describe('events whose id was already stored or repeated in the batch: no-ops'),
});
export type AppendResult = z.infer<typeof AppendResult>;

/** The most events one write may carry. */
export const MAX_BATCH_EVENTS = 50_000;
