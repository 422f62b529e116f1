// A partner's residents as k-anonymity releases them (deidentify.ts's kAnonymise over the project's
// residents shown to partners): each resident's leaving and returning, community, participation and
// joining as coarse as their class needs (the class taking in how many people they were ever tied
// to), memberships left out where their groups' kinds would single them out, and the residents no
// generalisation could hide in a class of k left out of every read.
import { membershipSpells, type MembershipEvent } from '../metrics/memberships.ts';
import { tieSpells, type TieEvent } from '../metrics/network.ts';
import type { ResidentRecord } from '../metrics/moment.ts';
import type { Group } from '../store/groups.ts';
import type { Resident } from '../store/residents.ts';
import {
  kAnonymise,
  monthStart,
  movesAfterJoining,
  STEPS,
  type QuasiIdentifiers,
  type Released,
  type Step,
} from './deidentify.ts';
import { monthlySpells } from './monthly.ts';

/** What every de-identified answer says of itself: k, and how many residents took each step. */
export interface PrivacyNote {
  k: number;
  generalised: Record<Step, number>;
}

export interface Generalisation {
  note: PrivacyNote;
  /** By resident id (not pseudonym): how each shown resident is released. */
  released: ReadonlyMap<string, Released>;
  /** Residents left out with everything naming them. */
  withheld: string[];
  /** Where a resident whose joining is hidden joins: the first month of the project's residents. */
  firstMonthMs: number;
}

/**
 * How many of the residents shown each was ever tied to, as a partner's history shows ties: those
 * with a spell that holds at a month end (a tie begun and ended within one month is not shown).
 */
function tieCounts(
  residents: readonly Resident[],
  ties: readonly TieEvent[],
  timeZone: string,
): Map<string, number> {
  const others = new Map(residents.map((r) => [r.id, new Set<string>()]));
  for (const tie of tieSpells(ties).values()) {
    if (!others.has(tie.source) || !others.has(tie.target)) continue;
    const month = (ms: number | null) => (ms === null ? null : monthStart(ms, timeZone));
    if (!tie.spells.some((spell) => month(spell.fromMs) !== month(spell.toMs))) continue;
    others.get(tie.source)!.add(tie.target);
    others.get(tie.target)!.add(tie.source);
  }
  return new Map([...others].map(([id, set]) => [id, set.size]));
}

/**
 * The classes are formed over every resident shown to partners, whatever the moment read: the
 * quasi-identifiers (community, participant ever, join month, the kinds of the groups they were
 * ever a member of, how many people they were ever tied to, the months they left and came back) do
 * not change with the moment, so one release serves every read.
 */
export function generalisation(
  residents: readonly Resident[],
  network: { memberships: readonly MembershipEvent[]; ties: readonly TieEvent[] },
  groups: readonly Group[],
  k: number,
  timeZone: string,
): Generalisation {
  // what a partner reads of each resident's memberships: the group, and its spells by month
  const known = new Set(groups.map((g) => g.id));
  const memberOf = new Map<string, string[]>();
  for (const m of monthlySpells(membershipSpells(network.memberships), timeZone)) {
    if (!known.has(m.group) || m.spells.length === 0) continue;
    const list = memberOf.get(m.resident) ?? [];
    memberOf.set(m.resident, [...list, JSON.stringify([m.group, m.spells])]);
  }
  const participation = (r: Resident) =>
    JSON.stringify(monthlySpells([{ spells: [...r.participations] }], timeZone)[0].spells);
  const quasiOf = (shown: readonly Resident[]): QuasiIdentifiers[] => {
    const ties = tieCounts(shown, network.ties, timeZone);
    return shown.map((r) => ({
      id: r.id,
      communityId: r.communityId,
      participant: r.participant || r.participations.length > 0,
      joinedAtMs: Date.parse(r.joinedAt),
      groups: memberOf.get(r.id) ?? [],
      participation: participation(r),
      ties: ties.get(r.id) ?? 0,
      moves: r.moves,
    }));
  };
  // a resident left out takes their ties along, and their neighbours' counts change: the classes
  // are formed again over the rest until no one more is left out
  const withheld: string[] = [];
  let shown = residents;
  let run = kAnonymise(quasiOf(shown), k, timeZone);
  for (;;) {
    const out = new Set([...run.released].filter(([, r]) => r.withheld).map(([id]) => id));
    if (out.size === 0) break;
    withheld.push(...out);
    shown = shown.filter((r) => !out.has(r.id));
    run = kAnonymise(quasiOf(shown), k, timeZone);
  }
  const { released } = run;
  // a resident left out took every step (the first only if they left)
  const generalised = { ...run.generalised };
  for (const step of STEPS) generalised[step] += withheld.length;
  const out = new Set(withheld);
  generalised.leavingHidden -= residents.filter(
    (r) =>
      out.has(r.id) && movesAfterJoining({ ...r, joinedAtMs: Date.parse(r.joinedAt) }).length === 0,
  ).length;
  const joined = residents.map((r) => Date.parse(r.joinedAt));
  const firstMonthMs = joined.length > 0 ? monthStart(Math.min(...joined), timeZone) : 0;
  return { note: { k, generalised }, released, withheld, firstMonthMs };
}

/**
 * A record as released: a hidden community is none, hidden participation counts as not taking
 * part (and `shown` says it is unknown, not false), joining moves to the start of its year, or to
 * the project's first month when hidden; hidden leaving and returning are none, and so are those
 * before joining, which an earlier joining shown would otherwise bring into play.
 */
export function generaliseRecord(r: ResidentRecord, g: Generalisation): ResidentRecord {
  const seen = g.released.get(r.id);
  if (!seen) return r;
  const participantHidden = seen.participant === null;
  const moves = seen.leavingHidden
    ? []
    : movesAfterJoining({ moves: r.moves ?? [], joinedAtMs: r.joinedAtMs });
  return {
    ...r,
    moves,
    communityId: seen.communityId,
    participant: participantHidden ? false : r.participant,
    participations: participantHidden ? [] : r.participations,
    joinedAtMs: seen.joinedAtMs ?? g.firstMonthMs,
    shown: { participant: !participantHidden, joined: seen.joined },
  };
}

export function generaliseResident(r: Resident, g: Generalisation): Resident {
  const record = generaliseRecord({ ...r, joinedAtMs: Date.parse(r.joinedAt) }, g);
  return {
    ...r,
    communityId: record.communityId,
    participant: record.participant,
    participations: record.participations ?? [],
    joinedAt: new Date(record.joinedAtMs).toISOString(),
    moves: record.moves ?? [],
  };
}

/** Memberships without those of residents whose groups would single them out. */
export const keptMemberships = <M extends { resident: string }>(
  list: readonly M[],
  g: Generalisation,
): M[] => list.filter((m) => !g.released.get(m.resident)?.groupsWithheld);
