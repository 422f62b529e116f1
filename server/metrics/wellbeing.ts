// Wellbeing joined to the network: which score is a resident's at a moment (by wave, or in the
// window before it, never carried forward), each resident's change between two moments, and per
// instrument the mean for participants and for everyone else (docs/report.md).
import { instrumentKey } from '../instruments.ts';
import { byId } from './id-keys.ts';

export interface MeasureRecord {
  resident: string;
  instrument: string;
  score: number;
  atMs: number;
  /** The measurement wave the measure was taken in, when one was named. */
  wave?: string | null;
}

export interface ScoreSummary {
  /** Residents with a score counted at the moment (or in the wave). */
  n: number;
  mean: number | null;
}

export interface InstrumentSummary {
  participants: ScoreSummary;
  others: ScoreSummary;
}

/**
 * Measures grouped by instrument (instrumentKey: "UCLA-3" and "ucla3" are one), each group named
 * by the first spelling met; the report names measures by their registered ids first.
 */
export function byInstrument<T extends { instrument: string }>(
  measures: readonly T[],
): Map<string, T[]> {
  const names = new Map<string, string>();
  const groups = new Map<string, T[]>();
  for (const m of measures) {
    const key = instrumentKey(m.instrument);
    if (!names.has(key)) names.set(key, m.instrument);
    const name = names.get(key)!;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(m);
  }
  return groups;
}

/** Ninety days of 24 hours: by default a score counts at a moment M when taken in (M − 90 d, M]. */
export const SCORE_WINDOW_MS = 90 * 24 * 3_600_000;

/**
 * Which measure is a resident's score at the baseline and at the follow-up (docs/report.md):
 * with waves, their latest measure of that wave; otherwise their latest in the window before the
 * moment, (B − window, B] and (max(B, F − window), F], so no score is carried forward from long
 * before and none counts at both moments.
 */
export interface ScoreRule {
  windowMs: number;
  baselineWave?: string;
  followupWave?: string;
}

/** Each resident's latest score among `measures` (one instrument's, in time order) that `counts`. */
function latest(
  measures: readonly MeasureRecord[],
  counts: (m: MeasureRecord) => boolean,
): Map<string, number> {
  const scores = new Map<string, number>();
  for (const m of measures) if (counts(m)) scores.set(m.resident, m.score);
  return scores;
}

/** Each resident's score at the baseline and at the follow-up under the rule (either may be missing). */
export function scoresAtBoth(
  measures: readonly MeasureRecord[],
  baselineMs: number,
  followupMs: number,
  rule: ScoreRule,
): { baseline: Map<string, number>; followup: Map<string, number> } {
  const inWindow = (fromMs: number, toMs: number) => (m: MeasureRecord) =>
    m.atMs > fromMs && m.atMs <= toMs;
  const ofWave = (wave: string) => (m: MeasureRecord) => m.wave === wave;
  return {
    baseline: latest(
      measures,
      rule.baselineWave !== undefined
        ? ofWave(rule.baselineWave)
        : inWindow(baselineMs - rule.windowMs, baselineMs),
    ),
    followup: latest(
      measures,
      rule.followupWave !== undefined
        ? ofWave(rule.followupWave)
        : inWindow(Math.max(baselineMs, followupMs - rule.windowMs), followupMs),
    ),
  };
}

/** Each resident's change on one instrument: follow-up score − baseline score, for those with both. */
export function scoreChanges(
  measures: readonly MeasureRecord[],
  baselineMs: number,
  followupMs: number,
  rule: ScoreRule,
): Map<string, number> {
  const { baseline, followup } = scoresAtBoth(measures, baselineMs, followupMs, rule);
  const changes = new Map<string, number>();
  for (const [resident, score] of followup) {
    const base = baseline.get(resident);
    if (base !== undefined) changes.set(resident, score - base);
  }
  return changes;
}

/**
 * Per instrument, the mean of each resident's latest score in (M − window, M] (none carried
 * forward from before), over participants and over the rest. `measures` in time order.
 */
export function wellbeingAt(
  measures: readonly MeasureRecord[],
  participants: ReadonlySet<string>,
  atMs: number,
  windowMs = SCORE_WINDOW_MS,
): Record<string, InstrumentSummary> {
  return summaries(measures, participants, (m) => m.atMs > atMs - windowMs && m.atMs <= atMs);
}

/** Per instrument, the mean of each resident's latest score of the wave, participants and the rest. */
export function wellbeingOfWave(
  measures: readonly MeasureRecord[],
  participants: ReadonlySet<string>,
  wave: string,
): Record<string, InstrumentSummary> {
  return summaries(measures, participants, (m) => m.wave === wave);
}

function summaries(
  measures: readonly MeasureRecord[],
  participants: ReadonlySet<string>,
  counts: (m: MeasureRecord) => boolean,
): Record<string, InstrumentSummary> {
  const result = byId<InstrumentSummary>();
  for (const [instrument, ofInstrument] of byInstrument(measures)) {
    const scores = latest(ofInstrument, counts);
    if (scores.size === 0) continue;
    const groups = { participants: [] as number[], others: [] as number[] };
    for (const [resident, score] of scores) {
      (participants.has(resident) ? groups.participants : groups.others).push(score);
    }
    result[instrument] = {
      participants: summary(groups.participants),
      others: summary(groups.others),
    };
  }
  return result;
}

function summary(scores: number[]): ScoreSummary {
  if (scores.length === 0) return { n: 0, mean: null };
  return { n: scores.length, mean: scores.reduce((a, b) => a + b, 0) / scores.length };
}
