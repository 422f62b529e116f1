// A partner's residents as k-anonymity releases them (deidentify.ts's kAnonymise over the project's
// residents shown to partners): each resident's community, participation and joining as coarse as
// their class needs, memberships left out where their groups' kinds would single them out, and
// the residents no generalisation could hide in a class of k left out of every read.
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { ResidentRecord } from '../metrics/moment.ts';
import type { Group } from '../store/groups.ts';
import type { Resident } from '../store/residents.ts';
import { kAnonymise, monthStart, type Released, type Step } from './deidentify.ts';

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
 * The classes are formed over every resident shown to partners, whatever the moment read: the
 * quasi-identifiers (community, participant ever, join month, the kinds of the groups they were
 * ever a member of) do not change with the moment, so one release serves every read.
 */
export function generalisation(
  residents: readonly Resident[],
  memberships: readonly MembershipEvent[],
  groups: readonly Group[],
  k: number,
  timeZone: string,
): Generalisation {
  const kindOf = new Map(groups.map((g) => [g.id, g.kind as string]));
  const kinds = new Map<string, Set<string>>();
  for (const m of memberships) {
    if (m.type !== 'membership') continue;
    const kind = kindOf.get(m.group);
    if (kind === undefined) continue;
    let set = kinds.get(m.resident);
    if (!set) kinds.set(m.resident, (set = new Set()));
    set.add(kind);
  }
  const quasi = residents.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    participant: r.participant || r.participations.length > 0,
    joinedAtMs: Date.parse(r.joinedAt),
    kinds: [...(kinds.get(r.id) ?? [])],
  }));
  const { released, generalised } = kAnonymise(quasi, k, timeZone);
  const joined = quasi.map((q) => q.joinedAtMs);
  const firstMonthMs = joined.length > 0 ? monthStart(Math.min(...joined), timeZone) : 0;
  const withheld = [...released].filter(([, r]) => r.withheld).map(([id]) => id);
  return { note: { k, generalised }, released, withheld, firstMonthMs };
}

/**
 * A record as released: a hidden community is none, hidden participation counts as not taking
 * part (and `shown` says it is unknown, not false), joining moves to the start of its year, or to
 * the project's first month when hidden.
 */
export function generaliseRecord(r: ResidentRecord, g: Generalisation): ResidentRecord {
  const seen = g.released.get(r.id);
  if (!seen) return r;
  const participantHidden = seen.participant === null;
  return {
    ...r,
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
  };
}

/** Memberships without those of residents whose groups would single them out. */
export const keptMemberships = <M extends { resident: string }>(
  list: readonly M[],
  g: Generalisation,
): M[] => list.filter((m) => !g.released.get(m.resident)?.groupsWithheld);
