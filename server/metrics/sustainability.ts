// Whether what the programme started lasted (docs/report.md, "Sustainability"): new ties formed at
// least a horizon before the follow-up and still held then, membership spells begun in the period
// and still held, and the groups active before each moment. Pure.
import { DEFINITIONS, definitionText } from '../report-words.ts';
import { spellsUntil, type MembershipEvent } from './memberships.ts';
import type { ResidentNetwork } from './moment.ts';
import { pairKey, type TieEvent } from './network.ts';
import type { AttendanceRecord } from './outcomes.ts';

/** Ninety days of 24 hours: the window (M − 90 d, M] in which attendance makes someone active. */
export const ACTIVE_WINDOW_MS = 90 * 24 * 3_600_000;

/** By default a tie counts towards retention only when formed at least 90 days before F. */
export const RETENTION_HORIZON_MS = 90 * 24 * 3_600_000;

const DAY_MS = 86_400_000;

export interface Sustainability {
  definition: string;
  newPairs: number;
  retainedPairs: number;
  retention: number | null;
  membershipsStarted: number;
  membershipsRetained: number;
  membershipRetention: number | null;
  /** Groups with an attendance or membership event in the 90 days before each moment. */
  activeGroups: { baseline: number; followup: number };
  /** The horizon in days: only ties formed at least this long before F count as new pairs. */
  horizonDays: number;
  /** New pairs formed less than the horizon before F: too recent to tell whether they last. */
  recentPairs: number;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export interface SustainabilityInput {
  ties: readonly TieEvent[];
  memberships: readonly MembershipEvent[];
  attendances: readonly AttendanceRecord[];
  baselineMs: number;
  followupMs: number;
  /** The residents the report is about: a new pair has both in it. */
  inScope: ReadonlySet<string>;
  horizonMs: number;
}

/** Groups with an attendance or membership event (departures do not count) in (M − 90 d, M]. */
function activeGroupsAt(
  memberships: readonly MembershipEvent[],
  attendances: readonly AttendanceRecord[],
  atMs: number,
): number {
  const active = new Set<string>();
  for (const event of [...attendances, ...memberships]) {
    const counts = !('type' in event) || event.type === 'membership';
    if (counts && event.atMs > atMs - ACTIVE_WINDOW_MS && event.atMs <= atMs)
      active.add(event.group);
  }
  return active.size;
}

/**
 * New ties of (B, F − horizon] and whether they hold at F (a tie whose resident has left does
 * not); ties first made in the last `horizon` before F are counted apart, too recent to tell;
 * membership spells begun in (B, F] and whether they hold at F; groups active before each moment.
 */
export function sustainability(
  baseline: ResidentNetwork,
  followup: ResidentNetwork,
  input: SustainabilityInput,
): Sustainability {
  const { baselineMs, followupMs, horizonMs, inScope } = input;
  const newPairs = new Set<string>();
  const recent = new Set<string>();
  for (const tie of input.ties) {
    if (tie.atMs > followupMs) break;
    if (tie.type !== 'connection' || tie.atMs <= baselineMs || tie.from === tie.to) continue;
    if (!inScope.has(tie.from) || !inScope.has(tie.to)) continue;
    const key = pairKey(tie.from, tie.to);
    if (baseline.hasEdge(key) || newPairs.has(key) || recent.has(key)) continue;
    (tie.atMs <= followupMs - horizonMs ? newPairs : recent).add(key);
  }
  const retainedPairs = [...newPairs].filter((key) => followup.hasEdge(key)).length;
  let started = 0;
  let retained = 0;
  for (const history of spellsUntil(input.memberships, followupMs)) {
    for (const spell of history.spells) {
      if (spell.fromMs <= baselineMs) continue;
      started += 1;
      if (spell.toMs === null) retained += 1;
    }
  }
  return {
    definition: definitionText(DEFINITIONS.sustainability),
    newPairs: newPairs.size,
    retainedPairs,
    retention: share(retainedPairs, newPairs.size),
    horizonDays: horizonMs / DAY_MS,
    recentPairs: recent.size,
    membershipsStarted: started,
    membershipsRetained: retained,
    membershipRetention: share(retained, started),
    activeGroups: {
      baseline: activeGroupsAt(input.memberships, input.attendances, baselineMs),
      followup: activeGroupsAt(input.memberships, input.attendances, followupMs),
    },
  };
}
