// Wellbeing joined to the network: per instrument, the mean of each resident's latest score at or
// before a moment, for participants and for everyone else (docs/metrics.md, "Wellbeing").
import { instrumentKey } from '../instruments.ts';

export interface MeasureRecord {
  resident: string;
  instrument: string;
  score: number;
  atMs: number;
}

export interface ScoreSummary {
  /** Residents with a score at or before the moment. */
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

/**
 * Each resident's change on one instrument between B and F: their latest score in (B, F] minus
 * their latest at or before B, for residents with both (docs/report.md). `measures` are one
 * instrument's, in time order.
 */
export function scoreChanges(
  measures: readonly MeasureRecord[],
  baselineMs: number,
  followupMs: number,
): Map<string, number> {
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const m of measures) {
    if (m.atMs > followupMs) break;
    (m.atMs <= baselineMs ? before : after).set(m.resident, m.score);
  }
  const changes = new Map<string, number>();
  for (const [resident, score] of after) {
    const base = before.get(resident);
    if (base !== undefined) changes.set(resident, score - base);
  }
  return changes;
}

/**
 * Per instrument, each resident's latest score with atMs <= the moment, averaged over participants
 * and over the rest. `measures` must be in time order (a later score replaces an earlier one).
 */
export function wellbeingAt(
  measures: readonly MeasureRecord[],
  participants: ReadonlySet<string>,
  atMs: number,
): Record<string, InstrumentSummary> {
  const result: Record<string, InstrumentSummary> = {};
  for (const [instrument, ofInstrument] of byInstrument(measures)) {
    const scores = new Map<string, number>();
    for (const m of ofInstrument) {
      if (m.atMs > atMs) break;
      scores.set(m.resident, m.score);
    }
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
