// What the Capture forms check before an entry is recorded: whether a name is one already recorded,
// and whether a wellbeing score can be right for its instrument.
import { scoreOutOfRange } from '../../server/instruments.ts';

/** Names compared as people say them: case and spaces ignored. */
export const sameName = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, '') === b.toLowerCase().replace(/\s+/g, '');

/** Why a score cannot be right for the instrument, or null when it can (the API's own range rule). */
export function scoreProblem(instrument: string, score: number): string | null {
  if (!Number.isFinite(score)) return 'Enter the score as a number.';
  const outOfRange = scoreOutOfRange(instrument, score);
  return outOfRange && `${outOfRange}.`;
}
