// The domain's closed lists of names, declared once: domain.ts builds its zod schemas from them and
// the web app (viz/) offers them in its forms. No imports: Vite builds it too.

/** What a community group is; attendance is recorded at an activity only. */
export const GROUP_KINDS = [
  'association',
  'institution',
  'space',
  'business',
  'informal',
  'activity',
] as const;

/** A resident's consent (domain.ts says what each role sees of each). */
export const CONSENTS = ['given', 'pending', 'withdrawn'] as const;

/**
 * Where a tie was recorded; `import` is set by the sheet import and `wave` by a wave's answers
 * (server/routes/waves.ts), the others by whoever records.
 */
export const TIE_SOURCES = ['workshop', 'survey', 'observation', 'import', 'wave'] as const;

/** A tie's strength, weakest first. */
export const STRENGTHS = [1, 2, 3] as const;

/** The roles an API key is issued with. */
export const ROLES = ['admin', 'coordinator', 'evaluator', 'partner'] as const;

/** The roles whose keys may write (record residents, groups, events, imports); the others read. */
export const WRITE_ROLES: readonly (typeof ROLES)[number][] = ['admin', 'coordinator'];

/** The roles whose keys may publish a project's releases (the web app offers them the form). */
export const PUBLISH_ROLES: readonly (typeof ROLES)[number][] = ['admin', 'evaluator'];

/** The calendar buckets of a timeline (UTC). */
export const INTERVALS = ['day', 'week', 'month'] as const;

/** The buckets of a release: its moments move to their ends and its timeline has a point at each (UTC). */
export const RELEASE_INTERVALS = ['month', 'quarter'] as const;

/** The templates a new project may start from (server/templates.ts says what each holds). */
export const TEMPLATE_IDS = ['abcd-programme'] as const;

/** The import sheets, in the order their rows are read: residents and groups before the events naming them. */
export const SHEET_NAMES = [
  'residents',
  'groups',
  'ties',
  'memberships',
  'attendance',
  'measures',
  'leaving',
  'participation',
] as const;
