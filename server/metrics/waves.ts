// A wave's complete answers to the name question (docs/time-rule.md, "Waves"): the events one
// answer implies (a connection for each person newly named, a disconnection at the wave's moment
// for each tie held and not named), and what a wave says of a tie: confirmed when either of its
// residents answered, unconfirmed when neither was asked.
import type { EventInput } from '../domain-events.ts';

export interface WaveAnswer {
  wave: string;
  resident: string;
  at: string;
  /** Everyone the respondent names, complete: a tie held and not named has ended. */
  named: readonly string[];
}

/** The ids of the events of one answer, made by the caller (the API hashes, the demo numbers). */
export interface AnswerIds {
  interview: string;
  connection(other: string): string;
  disconnection(other: string): string;
}

/**
 * The events of one answer, given the people the respondent is tied to at its moment (`held`):
 * the interview first, then a connection for each one named and not held (in the order named),
 * then a disconnection for each held and not named. Ties held and named again are left as they are.
 */
export function answerEvents(
  answer: WaveAnswer,
  held: ReadonlySet<string>,
  ids: AnswerIds,
): EventInput[] {
  const { wave, resident, at } = answer;
  const named = new Set(answer.named.filter((id) => id !== resident));
  const events: EventInput[] = [{ id: ids.interview, type: 'interview', at, resident, wave }];
  for (const other of named)
    if (!held.has(other))
      events.push({
        id: ids.connection(other),
        type: 'connection',
        at,
        from: resident,
        to: other,
        kind: 'knows',
        strength: 1,
        source: 'wave',
      });
  for (const other of [...held].sort())
    if (!named.has(other))
      events.push({
        id: ids.disconnection(other),
        type: 'disconnection',
        at,
        from: resident,
        to: other,
        source: 'wave',
      });
  return events;
}

/** The residents who answered the name question at `wave` (interview events, not retracted). */
export const askedAt = (
  interviews: readonly { resident: string; wave: string }[],
  wave: string,
): Set<string> => new Set(interviews.filter((i) => i.wave === wave).map((i) => i.resident));

/**
 * What a wave says of a tie between `a` and `b`: confirmed when either answered at the wave (it
 * holds after the wave only if one of them named the other), unconfirmed when neither was asked
 * (kept as recorded, but nobody said it still holds: a retention count must not call it retained).
 */
export const tieAtWave = (
  asked: ReadonlySet<string>,
  a: string,
  b: string,
): 'confirmed' | 'unconfirmed' => (asked.has(a) || asked.has(b) ? 'confirmed' : 'unconfirmed');
