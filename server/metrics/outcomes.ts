// The programme's outcomes between a baseline B and a follow-up F (docs/report.md): the same
// residents' change in degree, involvement in groups and activities, the wellbeing change by
// exposure at the baseline (butterfly.ts), whether new ties and memberships lasted, and against a
// comparison community the difference-in-differences. Pure functions over the time rule's network
// (networkAt) and membership spells.
import type { Instrument } from '../instruments.ts';
import { DEFINITIONS as WORDS, definitionText, withShared } from '../report-words.ts';
import { butterfly } from './butterfly.ts';
import {
  adjustedDifference,
  differenceInDifferences,
  pairedDz,
  type Adjusted,
  type DifferenceInDifferences,
  type EffectSize,
} from './comparison.ts';
import { byId, idOfNode, nodeKey } from './id-keys.ts';
import { spellsUntil, type MembershipEvent } from './memberships.ts';
import { ACTIVE_WINDOW_MS, RETENTION_HORIZON_MS, sustainability } from './sustainability.ts';
import { inCommunity, type ResidentNetwork, type ResidentRecord } from './moment.ts';
import { networkAt, type TieEvent } from './network.ts';
import { waveResponses, type Interview } from './waves.ts';
import { meanDifferenceTest } from './permutation.ts';
import { mean, meanInterval, median, type Interval } from './stats.ts';
import {
  byInstrument,
  scoreChanges,
  SCORE_WINDOW_MS,
  type MeasureRecord,
  type ScoreRule,
} from './wellbeing.ts';

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
  /** The instruments measures may name, and the headline one (its id). */
  instruments: readonly Instrument[];
  primaryInstrument: string;
  baselineMs: number;
  followupMs: number;
  communityId?: string;
  /** Which scores pair (by default the 90 days before each moment). */
  rule?: ScoreRule;
  /** A tie counts towards retention only when formed at least this long before F (default 90 days). */
  horizonMs?: number;
  /** A comparison community: the difference-in-differences of the community against it. */
  comparisonId?: string;
  /** Who answered the name question at which wave (interview events), in time order. */
  interviews?: readonly Interview[];
}

/** Each section's definition: a plain sentence, then how it is computed (report-words.ts). */
export const DEFINITIONS = {
  withinPerson: withShared(WORDS.withinPerson, 'adjusted', 'permutation'),
  involvement: definitionText(WORDS.involvement),
  comparison: withShared(WORDS.comparison, 'scores'),
  nameQuestion: definitionText(WORDS.nameQuestion),
} as const;

export interface ChangeCell {
  n: number;
  meanChange: number | null;
  medianChange: number | null;
  shareIncreased: number | null;
  shareDecreased: number | null;
  ci95: Interval | null;
  /** Cohen's dz of the changes, with its interval. */
  dz: EffectSize;
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
    dz: pairedDz(changes),
  };
}

/**
 * Degree change of every resident in the network at B who is still in it at F (those who left are
 * counted in `left`, not as losing every tie), by whether they were a participant at B; and the
 * participant − non-participant difference in degree at F adjusted for degree at B.
 */
export function withinPersonChange(baseline: ResidentNetwork, followup: ResidentNetwork) {
  const all: number[] = [];
  const participants: number[] = [];
  const nonParticipants: number[] = [];
  const pairs: { baseline: number; followup: number; participant: boolean }[] = [];
  let left = 0;
  baseline.forEachNode((id, attributes) => {
    if (!followup.hasNode(id)) {
      left += 1;
      return;
    }
    const [before, after] = [baseline.degree(id), followup.degree(id)];
    all.push(after - before);
    (attributes.participant ? participants : nonParticipants).push(after - before);
    pairs.push({ baseline: before, followup: after, participant: attributes.participant === true });
  });
  const adjusted: Adjusted = adjustedDifference(pairs);
  return {
    definition: DEFINITIONS.withinPerson,
    left,
    all: changeCell(all),
    participants: changeCell(participants),
    nonParticipants: changeCell(nonParticipants),
    adjusted,
    permutation: {
      n: Math.min(participants.length, nonParticipants.length),
      ...meanDifferenceTest(participants, nonParticipants),
    },
  };
}

/** Involvement of the residents in `network` (those joined by `atMs`, in scope) at `atMs`. */
export function involvementAt(
  network: ResidentNetwork,
  memberships: readonly MembershipEvent[],
  attendances: readonly AttendanceRecord[],
  atMs: number,
): InvolvementCell {
  const held = new Map<string, number>();
  for (const history of spellsUntil(memberships, atMs)) {
    if (!network.hasNode(nodeKey(history.resident)) || history.spells.at(-1)!.toMs !== null)
      continue;
    held.set(history.resident, (held.get(history.resident) ?? 0) + 1);
  }
  const windowed = attendances.filter(
    (a) =>
      a.atMs > atMs - ACTIVE_WINDOW_MS && a.atMs <= atMs && network.hasNode(nodeKey(a.resident)),
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

/**
 * The difference-in-differences of the community against a comparison community: for connections
 * (degree in the whole network, residents present at both moments) and each instrument (residents
 * present at B with both scores), the treated mean change − the comparison's, with Welch's interval.
 */
export function comparisonOf(
  input: OutcomeInput & { rule: ScoreRule },
  wholeBaseline: ResidentNetwork,
  wholeFollowup: ResidentNetwork,
  treatedId: string,
  comparisonId: string,
) {
  const communityOf = new Map(input.records.map((r) => [r.id, r.communityId]));
  const degrees = { treated: [] as number[], comparison: [] as number[] };
  const group = (id: string) =>
    communityOf.get(id) === treatedId
      ? 'treated'
      : communityOf.get(id) === comparisonId
        ? 'comparison'
        : null;
  wholeBaseline.forEachNode((node) => {
    const g = group(idOfNode(node));
    if (g && wholeFollowup.hasNode(node))
      degrees[g].push(wholeFollowup.degree(node) - wholeBaseline.degree(node));
  });
  const instruments = byId<DifferenceInDifferences>();
  for (const [name, measures] of byInstrument(input.measures)) {
    const changes = { treated: [] as number[], comparison: [] as number[] };
    const paired = scoreChanges(measures, input.baselineMs, input.followupMs, input.rule);
    for (const [id, change] of paired) {
      const g = group(id);
      if (g && wholeBaseline.hasNode(nodeKey(id))) changes[g].push(change);
    }
    if (changes.treated.length + changes.comparison.length > 0)
      instruments[name] = differenceInDifferences(changes.treated, changes.comparison);
  }
  return {
    definition: DEFINITIONS.comparison,
    community: comparisonId,
    connections: differenceInDifferences(degrees.treated, degrees.comparison),
    instruments,
  };
}

/** Every outcome section of the report, for one community or the whole project. */
export function outcomes(input: OutcomeInput) {
  const { communityId, baselineMs, followupMs } = input;
  const rule = input.rule ?? { windowMs: SCORE_WINDOW_MS };
  const scope = input.records.filter(inCommunity({ communityId }));
  const inScope = new Set(scope.map((r) => r.id));
  const mine = <T extends { resident: string }>(events: readonly T[]) =>
    events.filter((e) => inScope.has(e.resident));
  const memberships = mine(input.memberships);
  const attendances = mine(input.attendances);
  const baseline = networkAt(scope, input.ties, baselineMs);
  const followup = networkAt(scope, input.ties, followupMs);
  // exposure and the comparison are measured over the whole network, ties to other communities too
  const wholeBaseline = networkAt(input.records, input.ties, baselineMs);
  const measures = mine(input.measures);
  return {
    connections: { withinPerson: withinPersonChange(baseline, followup) },
    involvement: {
      definition: DEFINITIONS.involvement,
      baseline: involvementAt(baseline, memberships, attendances, baselineMs),
      followup: involvementAt(followup, memberships, attendances, followupMs),
    },
    butterfly: butterfly({ ...input, measures, baseline: wholeBaseline, inScope, rule }),
    sustainability: sustainability(baseline, followup, {
      ...input,
      memberships,
      attendances,
      inScope,
      horizonMs: input.horizonMs ?? RETENTION_HORIZON_MS,
    }),
    nameQuestion: {
      definition: DEFINITIONS.nameQuestion,
      waves: waveResponses(scope, input.ties, input.interviews ?? [], followupMs),
    },
    comparison:
      communityId !== undefined && input.comparisonId !== undefined
        ? comparisonOf(
            { ...input, rule },
            wholeBaseline,
            networkAt(input.records, input.ties, followupMs),
            communityId,
            input.comparisonId,
          )
        : null,
  };
}
