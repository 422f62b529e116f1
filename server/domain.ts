// The zod schemas of the domain (projects, communities, residents, groups, events) and their types.
// Routes validate with these; the store receives only values that passed them.
import { z } from 'zod';

/** Client-chosen identifiers: short, printable, safe in URLs. */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'must be letters, digits and . _ : @ - (max 128)');

/** ISO 8601 date-time with an explicit zone (Z or ±hh:mm); normalised to UTC milliseconds. */
export const Instant = z.iso
  .datetime({ offset: true })
  .describe(
    'ISO 8601 date-time with a zone, e.g. 2025-03-01T18:30:00Z or 2025-03-01T19:30:00+01:00',
  );

export const ProjectInput = z.object({
  id: Id,
  name: z.string().min(1).max(200),
});
export type ProjectInput = z.infer<typeof ProjectInput>;

export const CommunityInput = z.object({
  id: Id,
  name: z.string().min(1).max(200),
});
export type CommunityInput = z.infer<typeof CommunityInput>;

/**
 * given: visible to every role (to partners pseudonymised); pending (not asked yet, the default):
 * visible to admins and coordinators only; withdrawn: left out of every read, for every role.
 */
export const Consent = z.enum(['given', 'pending', 'withdrawn']);
export type Consent = z.infer<typeof Consent>;

const AttributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export const Attributes = z
  .record(z.string().min(1).max(100), AttributeValue)
  .refine((a) => Object.keys(a).length <= 100, 'at most 100 attributes');

export const ResidentInput = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  communityId: Id.optional(),
  participant: z.boolean().default(false),
  joinedAt: Instant.optional(),
  consent: Consent.default('pending'),
  attributes: Attributes.default({}),
});
export type ResidentInput = z.infer<typeof ResidentInput>;

export const ResidentPatch = z
  .object({
    name: z.string().min(1).max(200),
    communityId: Id.nullable(),
    participant: z.boolean(),
    joinedAt: Instant.nullable(),
    consent: Consent,
    attributes: Attributes,
  })
  .partial()
  .strict();
export type ResidentPatch = z.infer<typeof ResidentPatch>;

export const GroupKind = z.enum([
  'association',
  'institution',
  'space',
  'business',
  'informal',
  'activity',
]);
export type GroupKind = z.infer<typeof GroupKind>;

export const GroupInput = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  kind: GroupKind,
  communityId: Id.optional(),
});
export type GroupInput = z.infer<typeof GroupInput>;

const EventBase = { id: Id, at: Instant };

export const ConnectionEvent = z.object({
  ...EventBase,
  type: z.literal('connection'),
  from: Id,
  to: Id,
  kind: z.string().min(1).max(40).default('knows'),
  strength: z.number().int().min(1).max(3).default(1),
  source: z.enum(['workshop', 'survey', 'observation', 'import']).default('workshop'),
});
export const DisconnectionEvent = z.object({
  ...EventBase,
  type: z.literal('disconnection'),
  from: Id,
  to: Id,
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
  instrument: z.string().min(1).max(80),
  score: z.number().finite(),
  wave: z.string().min(1).max(40).optional(),
});

export const EventInput = z.discriminatedUnion('type', [
  ConnectionEvent,
  DisconnectionEvent,
  MembershipEvent,
  DepartureEvent,
  AttendanceEvent,
  MeasureEvent,
]);
export type EventInput = z.infer<typeof EventInput>;
export type EventType = EventInput['type'];

export const MAX_BATCH_EVENTS = 50_000;
