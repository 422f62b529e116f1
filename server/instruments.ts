// The wellbeing instruments' score ranges and the one rule matching an instrument's name to them,
// shared by the API's validation (domain.ts) and the Capture form (viz/). No imports: Vite builds it too.

export interface ScoreRange {
  min: number;
  max: number;
}

/**
 * Published score ranges of the common wellbeing instruments, keyed by instrumentKey.
 * WEMWBS and SWEMWBS: Warwick-Edinburgh scales (14 and 7 items, 1–5 each; SWEMWBS metric scores
 * are 7.00–35.00); UCLA-3: the three-item loneliness scale (1–3 each); BRS: Brief Resilience
 * Scale, the mean of six items (1–5).
 */
export const INSTRUMENT_RANGES: Record<string, ScoreRange> = {
  wemwbs: { min: 14, max: 70 },
  swemwbs: { min: 7, max: 35 },
  ucla3: { min: 3, max: 9 },
  brs: { min: 1, max: 5 },
};
/** Any other instrument: big enough for any scale, small enough that sums and means stay finite. */
export const MAX_ABS_SCORE = 1e6;

/** An instrument's name lower-cased without spaces, hyphens or underscores: "UCLA-3", "ucla 3" and "UCLA_3" are one. */
export const instrumentKey = (instrument: string) =>
  instrument.toLowerCase().replace(/[\s_-]/g, '');

/** The range a score of the instrument must lie in: its published one, else ±MAX_ABS_SCORE. */
export const scoreRange = (instrument: string): ScoreRange =>
  INSTRUMENT_RANGES[instrumentKey(instrument)] ?? { min: -MAX_ABS_SCORE, max: MAX_ABS_SCORE };

/** Why the score cannot be one of the instrument's, e.g. "UCLA-3 scores run from 3 to 9"; null when it can. */
export function scoreOutOfRange(instrument: string, score: number): string | null {
  const { min, max } = scoreRange(instrument);
  return score < min || score > max ? `${instrument} scores run from ${min} to ${max}` : null;
}
