// De-identification of the network for a partner key with the network grant (docs/privacy.md):
// time at the precision of a month in the project's time zone, and every resident in a class of
// at least k on (community, participation, join month, their groups and when, band of their tie
// count, months they left and came back), reached by generalising each resident only as far as
// their class needs. Pure: no I/O.
import { wallTimeToInstant } from '../import/dates.ts';
import type { Move } from '../metrics/moment.ts';

/** The calendar month (1–12) and year of an instant in a time zone. */
function monthOf(ms: number, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

/** The first instant of the month holding `ms`, in the project's time zone. */
export function monthStart(ms: number, timeZone: string): number {
  const { year, month } = monthOf(ms, timeZone);
  return wallTimeToInstant(timeZone, year, month, 1);
}

/** The first instant of the year holding `ms`, in the project's time zone. */
export function yearStart(ms: number, timeZone: string): number {
  return wallTimeToInstant(timeZone, monthOf(ms, timeZone).year, 1, 1);
}

/**
 * The last instant of the last month that ended at or before `ms` (`ms` itself when it is one):
 * every moment within a month reads as the same moment, so two reads 1 ms apart are one read,
 * and a month still under way is not shown until it is over.
 */
export function monthEndAtOrBefore(ms: number, timeZone: string): number {
  const nextStart = monthStart(ms + 1, timeZone);
  return nextStart === ms + 1 ? ms : monthStart(ms, timeZone) - 1;
}

/** The last instant of the month holding `ms` (45 days after its start is always the next month). */
export const monthEndOf = (ms: number, timeZone: string): number =>
  monthStart(monthStart(ms, timeZone) + 45 * 86_400_000, timeZone) - 1;

/**
 * The month ends in [fromMs, toMs], ascending: from the end of the month holding `fromMs` to the
 * last month end at or before `toMs` (a month still under way at `toMs` has no point).
 */
export function monthEnds(fromMs: number, toMs: number, timeZone: string): number[] {
  const first = monthStart(fromMs, timeZone);
  const ends: number[] = [];
  for (
    let end = monthEndAtOrBefore(toMs, timeZone);
    end >= first;
    end = monthStart(end, timeZone) - 1
  )
    ends.push(end);
  return ends.reverse();
}

/** What identifies a resident to someone who knows them: the quasi-identifiers. */
export interface QuasiIdentifiers {
  id: string;
  communityId: string | null;
  participant: boolean;
  joinedAtMs: number;
  /**
   * Their memberships as a partner reads them: each group with the months of its spells (a group
   * someone knows, by its size, kind and first month, is as telling as its name).
   */
  groups: readonly string[];
  /** The months of their participation spells, as a partner reads them (none: '[]'). */
  participation: string;
  /**
   * How many of the residents shown they were ever tied to: the network's shape, which a partner
   * reads exactly and which no step generalises (tieBands groups it instead).
   */
  ties: number;
  /** Their leaving and returning (those before joining change nothing, and are left out). */
  moves: readonly Move[];
}

/** A resident's leaving and returning that count: those at or after joining. */
export const movesAfterJoining = (r: Pick<QuasiIdentifiers, 'moves' | 'joinedAtMs'>) =>
  r.moves.filter((m) => m.atMs >= r.joinedAtMs);

/** The months of a resident's leaving and returning, as a partner would read them. */
const movesShown = (r: QuasiIdentifiers, timeZone: string) =>
  movesAfterJoining(r).map((m) => [monthStart(m.atMs, timeZone), m.leaves] as const);

/**
 * The upper ends of the bands of tie counts, ascending. Someone knows about how many people a
 * resident knows, not the exact count: counts fall in bands that double, 0, 1, 2–3, 4–7, 8–15, …;
 * going upwards, a band of fewer than k residents joins the next, and a last band of fewer than k
 * joins the one before (one band when there are fewer than k residents in all).
 */
export function tieBands(counts: readonly number[], k: number): number[] {
  const doubling = (count: number) => (count === 0 ? 0 : Math.floor(Math.log2(count)) + 1);
  const bands = new Map<number, { residents: number; top: number }>();
  for (const count of counts) {
    const band = bands.get(doubling(count)) ?? { residents: 0, top: count };
    bands.set(doubling(count), { residents: band.residents + 1, top: Math.max(band.top, count) });
  }
  const ordered = [...bands].sort(([a], [b]) => a - b).map(([, band]) => band);
  const tops: number[] = [];
  let held = 0;
  for (const band of ordered) {
    held += band.residents;
    if (held < k) continue;
    tops.push(band.top);
    held = 0;
  }
  if (held > 0) tops.splice(Math.max(0, tops.length - 1), 1, ordered.at(-1)!.top);
  return tops;
}

/**
 * Each step a resident in a small class takes, in order, until their class holds k. The first is
 * taken only by residents who left: their leaving and returning are not shown, and they read as
 * present from joining on (as everyone who never left does), so a departure someone knows of picks
 * no one out.
 */
export const STEPS = [
  'leavingHidden',
  'joinedAtToYear',
  'joinedAtHidden',
  'participantHidden',
  'groupsWithheld',
  'communityHidden',
  'residentWithheld',
] as const;
export type Step = (typeof STEPS)[number];

/** A resident as released: each field null where it was generalised away. */
export interface Released {
  communityId: string | null;
  participant: boolean | null;
  /** The start of the month or year they joined in, or null; with its precision. */
  joinedAtMs: number | null;
  joined: 'month' | 'year' | null;
  /** Their memberships are left out of the answer (their groups would single them out). */
  groupsWithheld: boolean;
  /** Their leaving and returning are not shown: they read as present from joining on. */
  leavingHidden: boolean;
  /** Left out of the answer with their ties: no generalisation made their class large enough. */
  withheld: boolean;
}

export interface Anonymised {
  k: number;
  released: Map<string, Released>;
  /** Residents per step taken (a resident generalised to year and hidden counts in both). */
  generalised: Record<Step, number>;
}

function release(r: QuasiIdentifiers, steps: number, left: boolean, timeZone: string): Released {
  const reached = (step: Step) => steps > STEPS.indexOf(step);
  const joined = reached('joinedAtHidden') ? null : reached('joinedAtToYear') ? 'year' : 'month';
  return {
    communityId: reached('communityHidden') ? null : r.communityId,
    participant: reached('participantHidden') ? null : r.participant,
    joinedAtMs:
      joined === 'month'
        ? monthStart(r.joinedAtMs, timeZone)
        : joined === 'year'
          ? yearStart(r.joinedAtMs, timeZone)
          : null,
    joined,
    groupsWithheld: reached('groupsWithheld'),
    leavingHidden: reached('leavingHidden') && left,
    withheld: reached('residentWithheld'),
  };
}

/** A class: residents released alike (`moves` as shown: none when their leaving is hidden). */
const classKey = (r: QuasiIdentifiers, released: Released, band: number, moves: unknown[]) =>
  JSON.stringify([
    band,
    moves,
    released.communityId,
    released.participant,
    released.joinedAtMs,
    released.joined,
    released.participant === null ? null : r.participation,
    released.groupsWithheld ? null : [...new Set(r.groups)].sort(),
  ]);

/**
 * Local recoding: every resident starts at full precision; while some class (residents released
 * alike, in one band of tie counts) holds fewer than k, everyone in such a class takes the next
 * step, and classes are formed again. Withheld residents are in no class. Ends after at most
 * STEPS.length rounds. Every resident in a small class takes each step in the same round, so
 * classes can form again on what was generalised; the first step changes nothing for a resident
 * who never left, and only those who left are counted in it.
 */
export function kAnonymise(
  residents: readonly QuasiIdentifiers[],
  k: number,
  timeZone: string,
): Anonymised {
  const steps = new Map(residents.map((r) => [r.id, 0]));
  const moves = new Map(residents.map((r) => [r.id, movesShown(r, timeZone)]));
  const left = (r: QuasiIdentifiers) => moves.get(r.id)!.length > 0;
  const tops = tieBands(
    residents.map((r) => r.ties),
    k,
  );
  const band = (r: QuasiIdentifiers) => tops.findIndex((top) => r.ties <= top);
  const released = new Map<string, Released>();
  for (let round = 0; round <= STEPS.length; round++) {
    const members = new Map<string, string[]>();
    for (const r of residents) {
      const seen = release(r, steps.get(r.id)!, left(r), timeZone);
      released.set(r.id, seen);
      if (seen.withheld) continue;
      const key = classKey(r, seen, band(r), seen.leavingHidden ? [] : moves.get(r.id)!);
      const ids = members.get(key);
      if (ids) ids.push(r.id);
      else members.set(key, [r.id]);
    }
    const small = [...members.values()].filter((ids) => ids.length < k).flat();
    if (small.length === 0) break;
    for (const id of small) steps.set(id, steps.get(id)! + 1);
  }
  const generalised = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<Step, number>;
  for (const r of residents) {
    for (let i = left(r) ? 0 : 1; i < steps.get(r.id)!; i++) generalised[STEPS[i]]++;
  }
  return { k, released, generalised };
}
