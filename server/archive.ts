// The project archive (GET /projects/:p/archive, POST /projects/:p/restore): one versioned JSON
// document with everything needed to rebuild a project on any instance, and its checksum, a
// SHA-256 of the document without it in RFC 8785 canonical JSON (so key order cannot change it).
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { CONSENTS, GROUP_KINDS, TEMPLATE_IDS } from './domain-names.ts';
import { Id, InstrumentInput } from './domain.ts';
import { EventInput } from './domain-events.ts';

export const ARCHIVE_FORMAT = 'peoplemap-archive';
export const ARCHIVE_VERSION = 1;

const Ms = z.number().int();

/** A resident as stored: `joinedAtMs` as recorded (null: from their first event), `createdAtMs`. */
const ArchivedResident = z.object({
  id: Id,
  name: z.string().nullable(),
  communityId: z.string().nullable(),
  participant: z.boolean(),
  consent: z.enum(CONSENTS),
  attributesJson: z.string().nullable(),
  joinedAtMs: Ms.nullable(),
  createdAtMs: Ms,
});

export const Archive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.string(),
  project: z.object({
    id: Id,
    name: z.string().min(1),
    timeZone: z.string(),
    template: z.enum(TEMPLATE_IDS).nullable(),
    consentText: z.string().nullable(),
    groupKinds: z.array(z.object({ kind: z.enum(GROUP_KINDS), description: z.string() })),
    waves: z.array(z.string()),
    primaryInstrument: z
      .string()
      .optional()
      .describe("the report's headline instrument (archives made before it existed leave it out)"),
  }),
  communities: z.array(z.object({ id: Id, name: z.string() })),
  groups: z.array(
    z.object({ id: Id, name: z.string(), kind: z.enum(GROUP_KINDS), communityId: Id.nullable() }),
  ),
  residents: z.array(ArchivedResident),
  instruments: z.array(InstrumentInput),
  costs: z.array(
    z.object({
      id: Id,
      at: z.string(),
      amount: z.number(),
      currency: z.string(),
      groupId: Id.nullable(),
      description: z.string(),
    }),
  ),
  events: z.array(EventInput).describe('every event in replay order, retractions among them'),
  tombstones: z
    .array(
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        erasedAtMs: Ms.nullable(),
        keyedFor: Id.optional().describe(
          'the project id the hash was keyed with, when the project was restored under another id',
        ),
      }),
    )
    .describe('erased residents, as the keyed hashes of their ids'),
  tombstoneKey: z
    .string()
    .describe(
      'the keyed hash of a fixed marker: a restore compares it with its own to know its tombstones match',
    ),
  releases: z.array(z.record(z.string(), z.unknown())),
  keys: z
    .array(z.object({ id: z.string(), name: z.string().nullable(), role: z.string() }))
    .describe('the names of the keys that could use the project (no secrets: issue new keys)'),
  checksum: z.string().describe('SHA-256 (hex) of the RFC 8785 JSON of the rest'),
});
export type Archive = z.infer<typeof Archive>;
/** An archive without its checksum: what the store reads and writes. */
export type ArchiveBody = Omit<Archive, 'checksum'>;

/** The checksum of an archive: SHA-256 of its canonical JSON without the checksum. */
export function checksumOf(archive: Omit<Archive, 'checksum'> | Archive): string {
  const { checksum: _ignored, ...rest } = archive as Archive;
  return createHash('sha256')
    .update(canonicalize(rest) ?? '')
    .digest('hex');
}
