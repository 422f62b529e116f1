// A partner reads only months that are over (docs/privacy.md): every moment they ask for, the
// future included, moves to the last month end before now, and what was recorded for a later
// moment (a tie named today, a resident joining this month, a leaving, a participation, a
// membership) is not in their reads until its month ends. Otherwise a partner asking for a moment
// in the future, or reading the history again and again, would see this month's ties as they are
// recorded, to the minute. Pure: no I/O.
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { ResidentRecord } from '../metrics/moment.ts';
import type { Spell } from '../metrics/spells.ts';
import type { HistoryInput, ReplayInput } from '../store/network.ts';
import type { Resident } from '../store/residents.ts';
import { tiesUntil } from '../store/network.ts';
import type { Group } from '../store/groups.ts';
import type { TieEvent } from '../metrics/network.ts';
import { monthEndAtOrBefore } from './deidentify.ts';
import { generalisation, type Generalisation } from './generalise.ts';
import type { Viewer } from './viewer.ts';

/** The last month end at or before now in the project's time zone: a partner's latest moment. */
export const lastMonthEnd = (timeZone: string, nowMs = Date.now()): number =>
  monthEndAtOrBefore(nowMs, timeZone);

/**
 * The moment a read of the network is answered at: the one asked for; a partner's, the last month
 * end at or before it and before now, so reads 1 ms apart are one read (deidentify.ts) and a month
 * still under way is not shown.
 */
export const momentFor = (viewer: Viewer, atMs: number, timeZone: string): number =>
  viewer.pseudonymised ? monthEndAtOrBefore(Math.min(atMs, Date.now()), timeZone) : atMs;

/** Spells as they stood at `untilMs`: those begun later left out, those ended later still open. */
const spellsUntil = (spells: readonly Spell[], untilMs: number): Spell[] =>
  spells
    .filter((s) => s.fromMs <= untilMs)
    .map((s) => (s.toMs !== null && s.toMs > untilMs ? { ...s, toMs: null } : s));

/** A resident's leaving, returning and participation as they stood at `untilMs`. */
export function residentUntil<R extends Resident | ResidentRecord>(r: R, untilMs: number): R {
  return {
    ...r,
    moves: r.moves?.filter((m) => m.atMs <= untilMs),
    participations: r.participations && spellsUntil(r.participations, untilMs),
  };
}

/** Membership events recorded for a moment at or before `untilMs`. */
export const membershipsUntil = <M extends MembershipEvent>(list: readonly M[], untilMs: number) =>
  list.filter((m) => m.atMs <= untilMs);

/**
 * The first and last time of what a partner reads: their ties, memberships, leaving, returning and
 * participation (the store's span counts every event, a measure or a hidden resident's included).
 */
function spanOf(
  input: ReplayInput & Partial<Pick<HistoryInput, 'memberships'>>,
): ReplayInput['span'] {
  const times = [
    ...input.ties.map((e) => e.atMs),
    ...(input.memberships ?? []).map((m) => m.atMs),
    ...input.records.flatMap((r) => [
      ...(r.moves ?? []).map((m) => m.atMs),
      ...(r.participations ?? []).flatMap((s) =>
        s.toMs === null ? [s.fromMs] : [s.fromMs, s.toMs],
      ),
    ]),
  ];
  if (times.length === 0) return { firstMs: null, lastMs: null, count: 0 };
  const firstMs = times.reduce((a, b) => Math.min(a, b));
  const lastMs = times.reduce((a, b) => Math.max(a, b));
  return { firstMs, lastMs, count: times.length };
}

/**
 * The replay input as it stood at `untilMs` (the residents who joined later are already left out,
 * as hidden: reads.ts), a history's memberships likewise, and its span that of what is left.
 */
export function inputUntil<T extends ReplayInput & Partial<Pick<HistoryInput, 'memberships'>>>(
  input: T,
  untilMs: number,
): T {
  const out: T = {
    ...input,
    residents: input.residents.map((r) => residentUntil(r, untilMs)),
    records: input.records.map((r) => residentUntil(r, untilMs)),
    ties: tiesUntil(input.ties, untilMs),
  };
  if (input.memberships) out.memberships = membershipsUntil(input.memberships, untilMs);
  return { ...out, span: spanOf(out) };
}

/**
 * A partner's k-anonymity classes (generalise.ts) over the residents shown as they stood at
 * `untilMs`, with the ties and memberships recorded by then: the classes of what a partner reads.
 */
export function classesUntil(
  untilMs: number,
  residents: readonly Resident[],
  network: { memberships: readonly MembershipEvent[]; ties: readonly TieEvent[]; groups: Group[] },
  classMin: number,
  timeZone: string,
): Generalisation {
  const then = {
    memberships: membershipsUntil(network.memberships, untilMs),
    ties: tiesUntil(network.ties, untilMs),
  };
  const shown = residents.map((r) => residentUntil(r, untilMs));
  return generalisation(shown, then, network.groups, classMin, timeZone);
}
