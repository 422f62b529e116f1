// A wave's complete answers to the name question (docs/time-rule.md, "Waves"): the events one
// answer implies (a connection for each person newly named, a disconnection at the wave's moment
// for each tie held and not named), what a wave says of a tie: confirmed when either of its
// residents answered, unconfirmed when neither was asked; and each wave's response rate and ties
// still named, ended or unknown.
import type { EventInput } from '../domain-events.ts';
import { nodeKey } from './id-keys.ts';
import type { ResidentRecord } from './moment.ts';
import { networkAt, type TieEvent } from './network.ts';

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

/** One interview event: `resident` answered the name question at `wave`. */
export interface Interview {
  resident: string;
  wave: string;
  atMs: number;
}

/** What one wave of interviews found (docs/report.md, "The name question at each wave"). */
export interface WaveResponse {
  wave: string;
  /** The wave's first interview, and its last: the wave's moment. */
  first: string;
  at: string;
  /** Residents in the network at the wave's last interview. */
  eligible: number;
  /** Of them, those who answered at the wave. */
  asked: number;
  /** asked / eligible; null when nobody was eligible. */
  responseRate: number | null;
  /** Ties holding just before the wave's first interview, split in three: */
  tiesBefore: number;
  /** a resident of the tie answered and it still holds after the wave: named again; */
  stillNamed: number;
  /** a resident of the tie answered and it no longer holds: ended; */
  ended: number;
  /** neither resident answered: unknown, kept as recorded but confirmed by nobody. */
  unknown: number;
}

/**
 * Each wave with an interview at or before `untilMs`, as it stood then (a wave still under way
 * counts its interviews up to `untilMs`), in the order of its first interview: its response rate
 * and what became of the ties held before it, among `records` (one community's residents, or
 * everyone's) and the ties between them.
 */
export function waveResponses(
  records: readonly ResidentRecord[],
  ties: readonly TieEvent[],
  interviews: readonly Interview[],
  untilMs: number,
): WaveResponse[] {
  const inScope = new Set(records.map((r) => r.id));
  const byWave = new Map<string, Interview[]>();
  for (const i of interviews)
    if (inScope.has(i.resident) && i.atMs <= untilMs)
      byWave.set(i.wave, [...(byWave.get(i.wave) ?? []), i]);
  const waves = [...byWave.entries()]
    .map(([wave, list]) => ({
      wave,
      firstMs: Math.min(...list.map((i) => i.atMs)),
      lastMs: Math.max(...list.map((i) => i.atMs)),
      list,
    }))
    .sort((a, b) => a.firstMs - b.firstMs || a.wave.localeCompare(b.wave));
  return waves.map(({ wave, firstMs, lastMs, list }) => {
    const before = networkAt(records, ties, firstMs - 1);
    const after = networkAt(records, ties, lastMs);
    // the graphs are keyed by node keys (id-keys.ts), so the respondents are too
    const asked = new Set([...askedAt(list, wave)].map(nodeKey));
    const counts = { stillNamed: 0, ended: 0, unknown: 0 };
    before.forEachEdge((_edge, _attributes, a, b) => {
      if (tieAtWave(asked, a, b) === 'unconfirmed') counts.unknown += 1;
      else if (after.hasNode(a) && after.hasNode(b) && after.hasEdge(a, b)) counts.stillNamed += 1;
      else counts.ended += 1;
    });
    const eligible = after.order;
    const answered = [...asked].filter((id) => after.hasNode(id)).length;
    return {
      wave,
      first: new Date(firstMs).toISOString(),
      at: new Date(lastMs).toISOString(),
      eligible,
      asked: answered,
      responseRate: eligible === 0 ? null : answered / eligible,
      tiesBefore: before.size,
      ...counts,
    };
  });
}
