// What the Capture forms check before an entry is recorded: whether a name is one already recorded,
// and whether a measure's instrument and score can be right (the API's own rule).
import { measureProblem, type Instrument } from '../../server/instruments.ts';

/** Names compared as people say them: case and spaces ignored. */
export const sameName = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, '') === b.toLowerCase().replace(/\s+/g, '');

/**
 * Why the instrument or score cannot be right, as a sentence at the field to fix, or null when they
 * can: the API's own rule over the project's instruments as last listed.
 */
export function scoreProblem(
  instruments: readonly Instrument[],
  name: string,
  score: number,
): { field: 'instrument' | 'score'; message: string } | null {
  const problem = measureProblem(instruments, name, score);
  if (problem?.field === 'instrument') {
    const sentence = problem.message[0].toUpperCase() + problem.message.slice(1);
    return { field: 'instrument', message: `${sentence}.` };
  }
  if (!Number.isFinite(score)) return { field: 'score', message: 'Enter the score as a number.' };
  return problem && { field: 'score', message: `${problem.message}.` };
}
