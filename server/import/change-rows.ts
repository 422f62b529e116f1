// The sheet rows of what ends or changes over time (docs/time-rule.md): a tie, which may have
// ended (`until`: a disconnection then); a resident who left the area (`until`: the day they came
// back: a return); a participation from `at` (to `until`). Each row is one or two events, made
// and checked like every imported event.
import type { z } from 'zod';
import {
  ConnectionEvent,
  DisconnectionEvent,
  LeaveEvent,
  ParticipationEvent,
  ReturnEvent,
  type EventInput,
} from '../domain-events.ts';
import type { Directory, Named } from './directory.ts';
import type { Origin, RowReader } from './row-reader.ts';
import type { Spellings } from './spellings.ts';

/** What the rows need of the planner: its dates, its residents, and how it adds an event. */
export interface EventRows {
  readonly residents: Directory<Named>;
  readonly kinds: Spellings;
  when(r: RowReader, column: string): string | undefined;
  addEvent<S extends z.ZodType>(
    r: RowReader,
    schema: S,
    value: Record<string, unknown>,
    origin: Origin,
    repeatColumn: string,
  ): EventInput | null;
}

/** The row's `until` when given, or an error when it is not after `at`. */
function untilOf(p: EventRows, r: RowReader, at: string | undefined, after: string) {
  if (r.text('until') === undefined) return undefined;
  const until = p.when(r, 'until');
  if (at && until && !(Date.parse(until) > Date.parse(at)))
    r.error('until', `until (${until}) is not after at (${at}); ${after}`);
  return until;
}

export function tieRow(p: EventRows, r: RowReader): void {
  const from = r.find('from', p.residents)?.id;
  const to = r.find('to', p.residents)?.id;
  const at = p.when(r, 'at');
  const until = untilOf(p, r, at, 'a tie ends after it is named');
  const source = r.text('source')?.toLowerCase() ?? 'import';
  const tied = p.addEvent(
    r,
    ConnectionEvent,
    {
      type: 'connection',
      from,
      to,
      at,
      kind: p.kinds.spell(r.text('kind') ?? 'knows'),
      strength: r.number('strength'),
      source,
    },
    r.origin(),
    'from',
  );
  if (tied && until)
    p.addEvent(
      r,
      DisconnectionEvent,
      { type: 'disconnection', from, to, at: until, source },
      r.origin({ at: 'until' }),
      'until',
    );
}

export function leavingRow(p: EventRows, r: RowReader): void {
  const resident = r.find('resident', p.residents)?.id;
  const at = p.when(r, 'at');
  const until = untilOf(p, r, at, 'a return follows the leaving');
  const left = p.addEvent(r, LeaveEvent, { type: 'leave', resident, at }, r.origin(), 'resident');
  if (left && until)
    p.addEvent(
      r,
      ReturnEvent,
      { type: 'return', resident, at: until },
      r.origin({ at: 'until' }),
      'until',
    );
}

export function participationRow(p: EventRows, r: RowReader): void {
  const at = p.when(r, 'at');
  const value = {
    type: 'participation',
    resident: r.find('resident', p.residents)?.id,
    at,
    until: untilOf(p, r, at, 'a participation ends after it starts'),
  };
  p.addEvent(r, ParticipationEvent, value, r.origin(), 'resident');
}
