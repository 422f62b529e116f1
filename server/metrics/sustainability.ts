// Whether what the programme started lasted (docs/report.md, "Sustainability"): new ties formed at
// least a horizon before the follow-up and still held then, membership spells begun in the period
// and still held, and the groups active before each moment. Pure.
import { DEFINITIONS, definitionText } from '../report-words.ts';
import { spellsUntil, type MembershipEvent } from './memberships.ts';
import type { ResidentNetwork } from './moment.ts';
import { pairKey, type TieEvent } from './network.ts';
import type { AttendanceRecord } from './outcomes.ts';
import type { Interview } from './waves.ts';

/** Ninety days of 24 hours: the window (M − 90 d, M] in which attendance makes someone active. */
export const ACTIVE_WINDOW_MS = 90 * 24 * 3_600_000;

/** By default a tie counts towards retention only when formed at least 90 days before F. */
export const RETENTION_HORIZON_MS = 90 * 24 * 3_600_000;

const DAY_MS = 86_400_000;

export interface Sustainability {
  definition: string;
  newPairs: number;
  retainedPairs: number;
  /** Of those, the ones a wave confirmed: a resident of the pair answered after it formed. */
  confirmedPairs: number;
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
  /** Answers to the name question at waves (waves.ts): who re-answered, and when. */
  interviews?: readonly Interview[];
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
 * not), and of those held how many a later wave answer confirmed; ties first made in the last `horizon` before F are counted apart, too recent to tell;
 * membership spells begun in (B, F] and whether they hold at F; groups active before each moment.
 */
export function sustainability(
  baseline: ResidentNetwork,
  followup: ResidentNetwork,
  input: SustainabilityInput,
): Sustainability {
  const { baselineMs, followupMs, horizonMs, inScope } = input;
  const newPairs = new Map<string, TieEvent>();
  const recent = new Set<string>();
  for (const tie of input.ties) {
    if (tie.atMs > followupMs) break;
    if (tie.type !== 'connection' || tie.atMs <= baselineMs || tie.from === tie.to) continue;
    if (!inScope.has(tie.from) || !inScope.has(tie.to)) continue;
    const key = pairKey(tie.from, tie.to);
    if (baseline.hasEdge(key) || newPairs.has(key) || recent.has(key)) continue;
    if (tie.atMs <= followupMs - horizonMs) newPairs.set(key, tie);
    else recent.add(key);
  }
  const retained = [...newPairs].filter(([key]) => followup.hasEdge(key));
  // a tie still recorded at F is confirmed when one of its residents answered the complete name
  // question after it formed (and named the other again, or the wave would have ended it)
  const answered = (resident: string, afterMs: number) =>
    (input.interviews ?? []).some(
      (i) => i.resident === resident && i.atMs > afterMs && i.atMs <= followupMs,
    );
  const confirmedPairs = retained.filter(
    ([, tie]) => answered(tie.from, tie.atMs) || answered(tie.to, tie.atMs),
  ).length;
  let started = 0;
  let membershipsRetained = 0;
  for (const history of spellsUntil(input.memberships, followupMs)) {
    for (const spell of history.spells) {
      if (spell.fromMs <= baselineMs) continue;
      started += 1;
      if (spell.toMs === null) membershipsRetained += 1;
    }
  }
  return {
    definition: definitionText(DEFINITIONS.sustainability),
    newPairs: newPairs.size,
    retainedPairs: retained.length,
    confirmedPairs,
    retention: share(retained.length, newPairs.size),
    horizonDays: horizonMs / DAY_MS,
    recentPairs: recent.size,
    membershipsStarted: started,
    membershipsRetained,
    membershipRetention: share(membershipsRetained, started),
    activeGroups: {
      baseline: activeGroupsAt(input.memberships, input.attendances, baselineMs),
      followup: activeGroupsAt(input.memberships, input.attendances, followupMs),
    },
  };
}
