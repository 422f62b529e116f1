// The score range of each wellbeing instrument the service knows, and the sanity bound for others.
// WEMWBS 14–70 (14 items scored 1–5), SWEMWBS 7–35 (7 items), UCLA-3 3–9 (3 items scored 1–3),
// BRS 1–5 (the mean of six items scored 1–5).

export const INSTRUMENT_BOUNDS: Record<string, readonly [number, number]> = {
  WEMWBS: [14, 70],
  SWEMWBS: [7, 35],
  'UCLA-3': [3, 9],
  BRS: [1, 5],
};

/** Any other instrument's scores stay within ±1e6. */
export const OTHER_INSTRUMENT_LIMIT = 1e6;

/** Why a score is out of its instrument's range, or null when it is in range. */
export function scoreOutOfRange(instrument: string, score: number): string | null {
  const bounds = INSTRUMENT_BOUNDS[instrument.toUpperCase()];
  if (bounds) {
    const [low, high] = bounds;
    return score < low || score > high
      ? `${instrument} scores run from ${low} to ${high}; ${score} is out of range`
      : null;
  }
  return Math.abs(score) > OTHER_INSTRUMENT_LIMIT
    ? `scores are at most ${OTHER_INSTRUMENT_LIMIT} in size; ${score} is out of range`
    : null;
}
