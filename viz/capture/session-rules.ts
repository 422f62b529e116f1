// What a Capture session's entries mean together: the ties they leave standing, and which entry
// Undo may still withdraw.
import type { Outbox } from './outbox.ts';
import type { CaptureState, Entry } from './store.ts';

/** What Undo needs to know of a session: its entries, the writes waiting and the one in flight. */
export interface SessionWrites {
  state: Pick<CaptureState, 'entries' | 'pending'>;
  outbox: Pick<Outbox, 'inFlight'>;
}

/** The ties the session's entries leave standing, in order typed: a tie ended is drawn no more. */
export function sessionTies(live: Entry[]) {
  const ties = new Map<string, { from: string; to: string; kind: string; strength: number }>();
  for (const e of live) {
    const [from, to] = e.names;
    const key = from < to ? `${from}|${to}` : `${to}|${from}`;
    if (e.kind === 'connection') ties.set(key, { from, to, kind: 'knows', strength: 1 });
    if (e.kind === 'disconnection') ties.delete(key);
  }
  return [...ties.values()];
}

/**
 * Events can always be undone (a retraction), a wave's answer never. A resident or group can be undone only while its
 * creation still waits in the page and no live entry names it: once stored, only erasure removes a
 * person, and that is an administrator's act, not a typo fix.
 */
export function undoable(entry: Entry, view: SessionWrites): boolean {
  // a wave's answer wrote events the server made: no single retraction withdraws it
  if (entry.kind === 'interview') return false;
  if (entry.kind !== 'resident' && entry.kind !== 'group') return true;
  const waiting =
    view.state.pending.some((w) => w.entry === entry.id) &&
    view.outbox.inFlight?.entry !== entry.id;
  const named = view.state.entries.some(
    (e) =>
      e !== entry && e.state !== 'undone' && e.state !== 'failed' && e.names.includes(entry.id),
  );
  return waiting && !named;
}
