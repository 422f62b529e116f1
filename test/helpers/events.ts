// One set of event builders for the tests: the API's events as a client sends them, typed by the
// contract, with `at` as ISO 8601 text (each test names its own moments).
import type { Event } from '../../server/contract.ts';

type Tie = Extract<Event, { type: 'connection' }>;

/** A connection: `from` names `to` at `at` (kind, strength and source as sent, when given). */
export const tie = (
  id: string,
  from: string,
  to: string,
  at: string,
  extra: Partial<Pick<Tie, 'kind' | 'strength' | 'source'>> = {},
): Event => ({ id, type: 'connection', at, from, to, ...extra });

/** A disconnection: the tie between `from` and `to` ends at `at`. */
export const untie = (id: string, from: string, to: string, at: string): Event => ({
  id,
  type: 'disconnection',
  at,
  from,
  to,
});

/** A membership (the resident joins the group), a departure (leaves it) or an attendance. */
export const inGroup = (
  type: 'membership' | 'departure' | 'attendance',
  id: string,
  resident: string,
  group: string,
  at: string,
): Event => ({ id, type, at, resident, group });

/** A wellbeing score (WEMWBS unless another instrument is named), in a wave when one is given. */
export const measure = (
  id: string,
  resident: string,
  at: string,
  score: number,
  { instrument = 'WEMWBS', wave }: { instrument?: string; wave?: string } = {},
): Event => ({ id, type: 'measure', at, resident, instrument, score, ...(wave ? { wave } : {}) });

/** A retraction withdrawing the event `event`. */
export const retraction = (id: string, event: string, at: string): Event => ({
  id,
  type: 'retraction',
  at,
  event,
});

/** A resident leaving the area (`leave`) or coming back (`return`) at `at`. */
export const move = (
  type: 'leave' | 'return',
  id: string,
  resident: string,
  at: string,
): Event => ({ id, type, at, resident });

/** A participation of `resident` from `at` (until `until`, when given). */
export const participation = (id: string, resident: string, at: string, until?: string): Event => ({
  id,
  type: 'participation',
  at,
  resident,
  ...(until ? { until } : {}),
});
