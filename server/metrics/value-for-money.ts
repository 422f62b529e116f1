// Value for money between a baseline B and a follow-up F (docs/report.md): the programme's costs
// dated in (B, F] per participant, per new tie and per wellbeing point gained. Pure.
import { instrumentKey, type Instrument } from '../instruments.ts';
import { DEFINITIONS, withShared } from '../report-words.ts';
import type { ResidentNetwork } from './moment.ts';
import { scoreChanges, type MeasureRecord, type ScoreRule } from './wellbeing.ts';

export interface CostRecord {
  id: string;
  atMs: number;
  amount: number;
  currency: string;
  groupId: string | null;
  /** The community of the cost's group, if it has one: a community's report counts only these. */
  communityId: string | null;
}

export const VALUE_FOR_MONEY_DEFINITION = withShared(DEFINITIONS.valueForMoney, 'scores');

export interface ValueForMoney {
  definition: string;
  /** The smaller of participants and scoredParticipants (participants when none has both scores). */
  n: number;
  instrument: string;
  currency: string | null;
  totalCost: number;
  costs: number;
  participants: number;
  costPerParticipant: number | null;
  newTies: number;
  costPerNewTie: number | null;
  scoredParticipants: number;
  wellbeingPointsGained: number;
  costPerWellbeingPoint: number | null;
}

export interface ValueForMoneyInput {
  /** The costs in scope (the community's, when there is one), any dates. */
  costs: readonly CostRecord[];
  baseline: ResidentNetwork;
  followup: ResidentNetwork;
  /** Every measure in scope, in time order; those of `instrument` are counted. */
  measures: readonly MeasureRecord[];
  instrument: Instrument;
  baselineMs: number;
  followupMs: number;
  /** Which scores pair (the report's rule: by wave, or the window before each moment). */
  rule: ScoreRule;
}

const per = (total: number, count: number) => (count > 0 ? total / count : null);

export function valueForMoney(input: ValueForMoneyInput): ValueForMoney {
  const { baseline, followup, instrument, baselineMs, followupMs } = input;
  const counted = input.costs.filter((c) => c.atMs > baselineMs && c.atMs <= followupMs);
  const totalCost = counted.reduce((sum, c) => sum + c.amount, 0);
  const participants = followup.filterNodes((_id, attributes) => attributes.participant === true);
  let newTies = 0;
  followup.forEachEdge((_edge, _attributes, a, b) => {
    if (!baseline.hasNode(a) || !baseline.hasNode(b) || !baseline.areNeighbors(a, b)) newTies += 1;
  });
  const key = instrumentKey(instrument.id);
  const changes = scoreChanges(
    input.measures.filter((m) => instrumentKey(m.instrument) === key),
    baselineMs,
    followupMs,
    input.rule,
  );
  const direction = instrument.higherIsBetter ? 1 : -1;
  let scored = 0;
  let points = 0;
  for (const id of participants) {
    const change = changes.get(id);
    if (change === undefined) continue;
    scored += 1;
    points += direction * change;
  }
  return {
    definition: VALUE_FOR_MONEY_DEFINITION,
    n: scored > 0 ? Math.min(participants.length, scored) : participants.length,
    instrument: instrument.id,
    currency: counted[0]?.currency ?? null,
    totalCost,
    costs: counted.length,
    participants: participants.length,
    costPerParticipant: per(totalCost, participants.length),
    newTies,
    costPerNewTie: per(totalCost, newTies),
    scoredParticipants: scored,
    wellbeingPointsGained: points,
    costPerWellbeingPoint: points > 0 ? totalCost / points : null,
  };
}
