// Schemas shared by several routes: error bodies, path parameters, one-or-many bodies.
import { z } from 'zod';
import { Id, Instant } from '../domain.ts';

export const ErrorBody = z.object({
  error: z.string().describe('stable error code'),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** The error responses every /api route may give. */
export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  429: ErrorBody,
  503: ErrorBody,
};

export const ProjectParams = z.object({ p: Id.describe('project id') });
export const ResidentParams = z.object({
  p: Id.describe('project id'),
  id: Id.describe('resident id'),
});

export const AtQuery = Instant.optional().describe(
  'the moment to look at (ISO 8601 with zone); events at exactly this moment count. Default: now',
);

/**
 * A body that is either one item or `{ [key]: [items] }`; both become a list. Paths in errors are
 * those of the body as sent (`residents.3.name`, or `name` for a single item).
 */
export function oneOrMany<T extends z.ZodTypeAny>(key: string, item: T, max: number) {
  return z.union([
    z.object({ [key]: z.array(item).min(1).max(max, `at most ${max} per request`) }).strict(),
    item,
  ]);
}

/** The items of a one-or-many body, and the path base for their errors (null for a single item). */
export function asList<T>(body: unknown, key: string): { items: T[]; base: string | null } {
  const many = (body as Record<string, unknown>)[key];
  return Array.isArray(many)
    ? { items: many as T[], base: key }
    : { items: [body as T], base: null };
}

export const WriteResult = z.object({ created: z.number().int() });

/** A period as the API writes it: from <= t < to, `to` null while it goes on. */
/** What a partner's de-identified answer says of itself (docs/privacy.md, the network grant). */
export const PrivacyBody = z
  .object({
    k: z.number().int().describe('every resident shown is in a class of at least k'),
    generalised: z
      .record(z.string(), z.number().int())
      .describe(
        'residents per step taken: leavingHidden, joinedAtToYear, joinedAtHidden, participantHidden, groupsWithheld, communityHidden, residentWithheld',
      ),
  })
  .optional()
  .describe('only in a partner key’s answers');

export const Spell = z.object({ from: z.string(), to: z.string().nullable() });
export const spellsOut = (spells: readonly { fromMs: number; toMs: number | null }[]) =>
  spells.map((s) => ({
    from: new Date(s.fromMs).toISOString(),
    to: s.toMs === null ? null : new Date(s.toMs).toISOString(),
  }));

/** A query flag: `true` or `false` (default false). */
export const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
