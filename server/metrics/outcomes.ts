// The programme's outcomes between a baseline B and a follow-up F (docs/report.md): the same
// residents' change in degree, involvement in groups and activities, the wellbeing change by
// distance to the nearest participant ("butterfly effect"), and whether new ties and memberships
// lasted. Pure functions over the time rule's network (networkAt) and membership spells.
import { byInstrument, scoreChanges, type MeasureRecord } from './wellbeing.ts';
import { membershipSpells, type MembershipEvent } from './memberships.ts';
import { networkAt, pairKey, type TieEvent } from './network.ts';
import { participantDistances } from './evaluation.ts';
import { meanDifferenceTest, type PermutationTest } from './permutation.ts';
import { DEFINITIONS as WORDS, definitionText, withPermutationTest } from '../report-words.ts';
import {
  mean,
  meanInterval,
  median,
  welchDifference,
  type Difference,
  type Interval,
} from './stats.ts';
import {
  inCommunity,
  participantsAt,
  type ResidentNetwork,
  type ResidentRecord,
} from './moment.ts';

export interface AttendanceRecord {
  resident: string;
  group: string;
  atMs: number;
}

export interface OutcomeInput {
  /** Residents the report may show (withdrawn residents already left out). */
  records: readonly ResidentRecord[];
  /** Tie, membership, attendance and measure events, each in time order. */
  ties: readonly TieEvent[];
  memberships: readonly MembershipEvent[];
  attendances: readonly AttendanceRecord[];
  measures: readonly MeasureRecord[];
  baselineMs: number;
  followupMs: number;
  communityId?: string;
}

/** Ninety days of 24 hours: the window (M − 90 d, M] in which attendance makes someone active. */
export const ACTIVE_WINDOW_MS = 90 * 24 * 3_600_000;

/** Each section's definition: a plain sentence, then how it is computed (report-words.ts). */
export const DEFINITIONS = {
  withinPerson: withPermutationTest(WORDS.withinPerson),
  involvement: definitionText(WORDS.involvement),
  butterfly: withPermutationTest(WORDS.butterfly),
  sustainability: definitionText(WORDS.sustainability),
} as const;

export interface ChangeCell {
  n: number;
  meanChange: number | null;
  medianChange: number | null;
  shareIncreased: number | null;
  shareDecreased: number | null;
  ci95: Interval | null;
}

export interface InvolvementCell {
  /** Residents the cell summarises (equal to `residents`), for small-count suppression. */
  n: number;
  residents: number;
  inGroup: number;
  inGroupShare: number | null;
  membershipsPerResident: number | null;
  activeAttendees: number;
  attendances: number;
}

export interface ClassCell {
  n: number;
  meanChange: number | null;
  ci95: Interval | null;
}

export interface ButterflyInstrument {
  definition: string;
  participants: ClassCell;
  direct: ClassCell;
  indirect: ClassCell;
  unreached: ClassCell;
  /** `n` is the smaller class: a difference reveals the smaller class's mean given the other. */
  directVsUnreached: Difference & { n: number; permutation: PermutationTest };
}

export interface Sustainability {
  definition: string;
  newPairs: number;
  retainedPairs: number;
  retention: number | null;
  membershipsStarted: number;
  membershipsRetained: number;
  membershipRetention: number | null;
  activeGroups: number;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function changeCell(changes: readonly number[]): ChangeCell {
  const n = changes.length;
  return {
    n,
    meanChange: mean(changes),
    medianChange: median(changes),
    shareIncreased: share(changes.filter((d) => d > 0).length, n),
    shareDecreased: share(changes.filter((d) => d < 0).length, n),
    ci95: meanInterval(changes),
  };
}

/** Degree change at F of every resident in the network at B (joined by B, in scope). */
export function withinPersonChange(baseline: ResidentNetwork, followup: ResidentNetwork) {
  const all: number[] = [];
  const participants: number[] = [];
  const nonParticipants: number[] = [];
  baseline.forEachNode((id, attributes) => {
    const after = followup.hasNode(id) ? followup.degree(id) : 0;
    const delta = after - baseline.degree(id);
    all.push(delta);
    (attributes.participant ? participants : nonParticipants).push(delta);
  });
  return {
    definition: DEFINITIONS.withinPerson,
    all: changeCell(all),
    participants: changeCell(participants),
    nonParticipants: changeCell(nonParticipants),
    permutation: {
      n: Math.min(participants.length, nonParticipants.length),
      ...meanDifferenceTest(participants, nonParticipants),
    },
  };
}

/**
 * Membership spells from the events up to `atMs` only, so a spell holds at `atMs` exactly when it
 * is still open (the half-open rule of membershipSpells: a departure at `atMs` has ended it).
 */
const spellsUntil = (memberships: readonly MembershipEvent[], atMs: number) =>
  membershipSpells(memberships.filter((m) => m.atMs <= atMs));

/** Involvement of the residents in `network` (those joined by `atMs`, in scope) at `atMs`. */
export function involvementAt(
  network: ResidentNetwork,
  memberships: readonly MembershipEvent[],
  attendances: readonly AttendanceRecord[],
  atMs: number,
): InvolvementCell {
  const held = new Map<string, number>();
  for (const history of spellsUntil(memberships, atMs)) {
    if (!network.hasNode(history.resident) || history.spells.at(-1)!.toMs !== null) continue;
    held.set(history.resident, (held.get(history.resident) ?? 0) + 1);
  }
  const windowed = attendances.filter(
    (a) => a.atMs > atMs - ACTIVE_WINDOW_MS && a.atMs <= atMs && network.hasNode(a.resident),
  );
  const residents = network.order;
  const heldTotal = [...held.values()].reduce((sum, count) => sum + count, 0);
  return {
    n: residents,
    residents,
    inGroup: held.size,
    inGroupShare: share(held.size, residents),
    membershipsPerResident: share(heldTotal, residents),
    activeAttendees: new Set(windowed.map((a) => a.resident)).size,
    attendances: windowed.length,
  };
}

type ExposureClass = 'participants' | 'direct' | 'indirect' | 'unreached';

/** Per instrument, each resident's change from baseline to follow-up score, by exposure class. */
export function butterfly(
  measures: readonly MeasureRecord[],
  followup: ResidentNetwork,
  participants: ReadonlySet<string>,
  baselineMs: number,
  followupMs: number,
): Record<string, ButterflyInstrument> {
  const distance = participantDistances(followup, 2);
  const classOf = (id: string): ExposureClass => {
    if (participants.has(id)) return 'participants';
    const steps = distance.get(id);
    return steps === 1 ? 'direct' : steps === 2 ? 'indirect' : 'unreached';
  };
  const result: Record<string, ButterflyInstrument> = {};
  const instruments = byInstrument(measures);
  for (const instrument of [...instruments.keys()].sort()) {
    const changes = { participants: [], direct: [], indirect: [], unreached: [] } as Record<
      ExposureClass,
      number[]
    >;
    const paired = scoreChanges(instruments.get(instrument)!, baselineMs, followupMs);
    for (const [id, change] of paired) changes[classOf(id)].push(change);
    if (Object.values(changes).every((c) => c.length === 0)) continue;
    const cell = (values: number[]): ClassCell => ({
      n: values.length,
      meanChange: mean(values),
      ci95: meanInterval(values),
    });
    result[instrument] = {
      definition: DEFINITIONS.butterfly,
      participants: cell(changes.participants),
      direct: cell(changes.direct),
      indirect: cell(changes.indirect),
      unreached: cell(changes.unreached),
      directVsUnreached: {
        n: Math.min(changes.direct.length, changes.unreached.length),
        ...welchDifference(changes.direct, changes.unreached),
        permutation: meanDifferenceTest(changes.direct, changes.unreached),
      },
    };
  }
  return result;
}

/** New ties and memberships of (B, F] and whether they hold at F; groups active before F. */
export function sustainability(
  baseline: ResidentNetwork,
  followup: ResidentNetwork,
  input: Pick<OutcomeInput, 'ties' | 'memberships' | 'attendances' | 'baselineMs' | 'followupMs'>,
): Sustainability {
  const { baselineMs, followupMs } = input;
  const newPairs = new Set<string>();
  for (const tie of input.ties) {
    if (tie.atMs > followupMs) break;
    if (tie.type !== 'connection' || tie.atMs <= baselineMs || tie.from === tie.to) continue;
    if (!followup.hasNode(tie.from) || !followup.hasNode(tie.to)) continue;
    const key = pairKey(tie.from, tie.to);
    if (!baseline.hasEdge(key)) newPairs.add(key);
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
  const windowStart = followupMs - ACTIVE_WINDOW_MS;
  const active = new Set<string>();
  for (const event of [...input.attendances, ...input.memberships]) {
    const counts = !('type' in event) || event.type === 'membership';
    if (counts && event.atMs > windowStart && event.atMs <= followupMs) active.add(event.group);
  }
  return {
    definition: DEFINITIONS.sustainability,
    newPairs: newPairs.size,
    retainedPairs,
    retention: share(retainedPairs, newPairs.size),
    membershipsStarted: started,
    membershipsRetained: retained,
    membershipRetention: share(retained, started),
    activeGroups: active.size,
  };
}

/** Every outcome section of the report, for one community or the whole project. */
export function outcomes(input: OutcomeInput) {
  const { communityId, baselineMs, followupMs } = input;
  const scope = input.records.filter(inCommunity({ communityId }));
  const inScope = new Set(scope.map((r) => r.id));
  const mine = <T extends { resident: string }>(events: readonly T[]) =>
    events.filter((e) => inScope.has(e.resident));
  const memberships = mine(input.memberships);
  const attendances = mine(input.attendances);
  const baseline = networkAt(scope, input.ties, baselineMs);
  const followup = networkAt(scope, input.ties, followupMs);
  const participants = participantsAt(scope, followupMs);
  return {
    connections: { withinPerson: withinPersonChange(baseline, followup) },
    involvement: {
      definition: DEFINITIONS.involvement,
      baseline: involvementAt(baseline, memberships, attendances, baselineMs),
      followup: involvementAt(followup, memberships, attendances, followupMs),
    },
    butterfly: butterfly(mine(input.measures), followup, participants, baselineMs, followupMs),
    sustainability: sustainability(baseline, followup, {
      ...input,
      memberships,
      attendances,
    }),
  };
}
