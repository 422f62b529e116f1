// Wellbeing joined to the network: per instrument, the mean of each resident's latest score at or
// before a moment, for participants and for everyone else (docs/metrics.md, "Wellbeing").

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
 * Per instrument, each resident's latest score with atMs <= the moment, averaged over participants
 * and over the rest. `measures` must be in time order (a later score replaces an earlier one).
 */
export function wellbeingAt(
  measures: readonly MeasureRecord[],
  participants: ReadonlySet<string>,
  atMs: number,
): Record<string, InstrumentSummary> {
  const latest = new Map<string, Map<string, number>>();
  for (const m of measures) {
    if (m.atMs > atMs) break;
    if (!latest.has(m.instrument)) latest.set(m.instrument, new Map());
    latest.get(m.instrument)!.set(m.resident, m.score);
  }
  const result: Record<string, InstrumentSummary> = {};
  for (const [instrument, scores] of latest) {
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
