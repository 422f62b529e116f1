// The wellbeing section of the report (docs/report.md, "Wellbeing and the butterfly effect"): per
// instrument, each resident's change by how exposed they were AT THE BASELINE (a participant then,
// or one, two, three or more steps from one in the whole network then), the participant −
// non-participant difference adjusted for baseline, effect sizes, who has which scores, and which
// instrument is the headline. Pure; exposure is measured before the outcome, never after.
import { directionWords, findInstrument, type Instrument } from '../instruments.ts';
import { DEFINITIONS as WORDS, withShared } from '../report-words.ts';
import {
  adjustedDifference,
  hedgesG,
  holm,
  pairedDz,
  shareImproving,
  type Adjusted,
  type EffectSize,
} from './comparison.ts';
import { participantDistances } from './evaluation.ts';
import { byId, idOfNode } from './id-keys.ts';
import type { ResidentNetwork } from './moment.ts';
import { meanDifferenceTest, type PermutationTest } from './permutation.ts';
import { mean, meanInterval, welchDifference, type Difference, type Interval } from './stats.ts';
import { byInstrument, scoresAtBoth, type MeasureRecord, type ScoreRule } from './wellbeing.ts';

export const BUTTERFLY_DEFINITION = withShared(
  WORDS.butterfly,
  'scores',
  'adjusted',
  'permutation',
);

/**
 * Points of change a person notices (the minimal important difference), where one is commonly
 * cited: WEMWBS 3 (Maheswaran et al. 2012). The report gives the share improving by at least this.
 */
export const MINIMUM_IMPORTANT_DIFFERENCE: ReadonlyMap<string, number> = new Map([['WEMWBS', 3]]);

export const CLASSES = ['participants', 'direct', 'indirect', 'unreached'] as const;
export type ExposureClass = (typeof CLASSES)[number];

export interface ClassCell {
  n: number;
  meanChange: number | null;
  ci95: Interval | null;
  /** Cohen's dz of the changes, with its interval. */
  dz: EffectSize;
  /** Share of n improving by at least the minimal important difference; null without one. */
  shareImproved: number | null;
}

/** Who of a class has which scores: n residents in the class at the baseline. */
export interface AttritionCell {
  n: number;
  both: number;
  baselineOnly: number;
  followupOnly: number;
  neither: number;
}

export interface ButterflyInstrument {
  definition: string;
  /** The headline instrument, or exploratory (its p-values Holm-adjusted). */
  role: 'primary' | 'exploratory';
  /** "higher is better" or "lower is better"; null for a name no instrument of the project has. */
  direction: string | null;
  minimumImportantDifference: number | null;
  participants: ClassCell;
  direct: ClassCell;
  indirect: ClassCell;
  unreached: ClassCell;
  /** `n` is the smaller class: a difference reveals the smaller class's mean given the other. */
  directVsUnreached: Difference & { n: number; hedgesG: EffectSize; permutation: PermutationTest };
  /** Participants − non-participants at follow-up, adjusted for baseline; pHolm for exploratory ones. */
  adjusted: Adjusted & { pHolm: number | null };
  attrition: Record<ExposureClass, AttritionCell>;
}

export interface ButterflyInput {
  /** The measures of the residents in scope, named by instrumentNamer, in time order. */
  measures: readonly MeasureRecord[];
  /** The WHOLE network at the baseline (every community): distances run through all of it. */
  baseline: ResidentNetwork;
  /** The residents the report is about (its community's, or all), present at the baseline or not. */
  inScope: ReadonlySet<string>;
  instruments: readonly Instrument[];
  primaryInstrument: string;
  baselineMs: number;
  followupMs: number;
  rule: ScoreRule;
}

/** Each resident of the scope present at the baseline, by exposure class then. */
export function exposureAtBaseline(
  baseline: ResidentNetwork,
  inScope: ReadonlySet<string>,
): Map<string, ExposureClass> {
  const distance = participantDistances(baseline, 2);
  const classes = new Map<string, ExposureClass>();
  baseline.forEachNode((node) => {
    const id = idOfNode(node);
    if (!inScope.has(id)) return;
    const steps = distance.get(node);
    classes.set(
      id,
      steps === 0
        ? 'participants'
        : steps === 1
          ? 'direct'
          : steps === 2
            ? 'indirect'
            : 'unreached',
    );
  });
  return classes;
}

const perClass = <T>(make: () => T) =>
  Object.fromEntries(CLASSES.map((c) => [c, make()])) as Record<ExposureClass, T>;

/** Per instrument (the primary first), the butterfly section: changes by exposure at baseline. */
export function butterfly(input: ButterflyInput): Record<string, ButterflyInstrument> {
  const exposure = exposureAtBaseline(input.baseline, input.inScope);
  const primary = findInstrument(input.instruments, input.primaryInstrument)?.id;
  const result = byId<ButterflyInstrument>();
  const instruments = byInstrument(input.measures.filter((m) => exposure.has(m.resident)));
  const names = [...instruments.keys()].sort((a, b) =>
    a === primary ? -1 : b === primary ? 1 : a < b ? -1 : 1,
  );
  for (const name of names) {
    const scores = scoresAtBoth(
      instruments.get(name)!,
      input.baselineMs,
      input.followupMs,
      input.rule,
    );
    const changes = perClass<number[]>(() => []);
    const attrition = perClass<AttritionCell>(() => ({
      n: 0,
      both: 0,
      baselineOnly: 0,
      followupOnly: 0,
      neither: 0,
    }));
    const pairs = [];
    for (const [id, exposed] of exposure) {
      const [before, after] = [scores.baseline.get(id), scores.followup.get(id)];
      const cell = attrition[exposed];
      cell.n += 1;
      if (before !== undefined && after !== undefined) {
        cell.both += 1;
        changes[exposed].push(after - before);
        pairs.push({ baseline: before, followup: after, participant: exposed === 'participants' });
      } else if (before !== undefined) cell.baselineOnly += 1;
      else if (after !== undefined) cell.followupOnly += 1;
      else cell.neither += 1;
    }
    if (pairs.length === 0) continue;
    const facts = findInstrument(input.instruments, name);
    // a Map: a project's instrument may be called `constructor`
    const mid = MINIMUM_IMPORTANT_DIFFERENCE.get(facts?.id ?? '') ?? null;
    const cell = (values: number[]): ClassCell => ({
      n: values.length,
      meanChange: mean(values),
      ci95: meanInterval(values),
      dz: pairedDz(values),
      shareImproved:
        mid === null || !facts ? null : shareImproving(values, mid, facts.higherIsBetter),
    });
    result[name] = {
      definition: BUTTERFLY_DEFINITION,
      role: name === primary ? 'primary' : 'exploratory',
      direction: facts ? directionWords(facts.higherIsBetter) : null,
      minimumImportantDifference: mid,
      participants: cell(changes.participants),
      direct: cell(changes.direct),
      indirect: cell(changes.indirect),
      unreached: cell(changes.unreached),
      directVsUnreached: {
        n: Math.min(changes.direct.length, changes.unreached.length),
        ...welchDifference(changes.direct, changes.unreached),
        hedgesG: hedgesG(changes.direct, changes.unreached),
        permutation: meanDifferenceTest(changes.direct, changes.unreached),
      },
      adjusted: { ...adjustedDifference(pairs), pHolm: null },
      attrition,
    };
  }
  const exploratory = Object.values(result).filter((b) => b.role === 'exploratory');
  const adjustedPs = holm(exploratory.map((b) => b.adjusted.p));
  exploratory.forEach((b, i) => (b.adjusted.pHolm = adjustedPs[i]));
  return result;
}
