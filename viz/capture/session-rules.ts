// What a Capture session's entries mean together: the ties they leave standing, the session's last
// word on a pair, the project's counts with them, and which entry Undo may still withdraw.
import { pairKey, type KnownTie, type KnownTies } from './known-ties.ts';
import type { Outbox } from './outbox.ts';
import { RECORD_KINDS, type CaptureState, type Entry } from './store.ts';

/** What Undo needs to know of a session: its entries, the writes waiting and the one in flight. */
export interface SessionWrites {
  state: Pick<CaptureState, 'entries' | 'pending'>;
  outbox: Pick<Outbox, 'inFlight'>;
}

/** An entry still standing: neither undone nor refused. */
export const live = (e: Entry) => e.state !== 'undone' && e.state !== 'failed';

/** A session's tie entry as the tie it names (a tie's kind and strength when it has them). */
function tieOf(e: Entry): KnownTie {
  return { from: e.names[0], to: e.names[1], kind: 'knows', strength: 1, ...e.tie };
}

/** The ties the session's entries leave standing, in order typed: a tie ended is drawn no more. */
export function sessionTies(live: readonly Entry[]): KnownTie[] {
  const ties = new Map<string, KnownTie>();
  for (const e of live) {
    if (e.kind === 'connection') ties.set(pairKey(e.names[0], e.names[1]), tieOf(e));
    if (e.kind === 'disconnection') ties.delete(pairKey(e.names[0], e.names[1]));
  }
  return [...ties.values()];
}

/**
 * The session's last word on a and b: their tie, null when it ended it or one of them is away (a
 * tie does not hold while a resident has left), undefined when it said nothing of them.
 */
export function sessionTie(
  live: readonly Entry[],
  a: string,
  b: string,
): KnownTie | null | undefined {
  let said: KnownTie | null | undefined;
  const away = new Set<string>();
  for (const e of live) {
    if (e.kind === 'leave') e.names.forEach((id) => away.add(id));
    if (e.kind === 'return') e.names.forEach((id) => away.delete(id));
    if (e.names.length < 2 || pairKey(e.names[0], e.names[1]) !== pairKey(a, b)) continue;
    if (e.kind === 'connection') said = tieOf(e);
    if (e.kind === 'disconnection') said = null;
  }
  return away.has(a) || away.has(b) ? null : said;
}

/**
 * The project as the page knows it: the residents recorded, and the ties holding now (the project's
 * as last read, with those this session stored or ended since).
 */
export function projectCounts(
  residents: readonly { id: string }[],
  ties: KnownTies,
  entries: readonly Entry[],
): { residents: number; ties: number } {
  const ids = new Set(residents.map((r) => r.id));
  const pairs = new Set(ties.pairs());
  for (const e of entries.filter((x) => x.state === 'stored')) {
    if (e.person) ids.add(e.person.id);
    if (e.kind === 'connection') pairs.add(pairKey(e.names[0], e.names[1]));
    if (e.kind === 'disconnection') pairs.delete(pairKey(e.names[0], e.names[1]));
  }
  return { residents: ids.size, ties: pairs.size };
}

/**
 * Events can always be undone (a retraction), a wave's answer never. A record (resident, group,
 * community) only while its creation still waits in the page and no live entry names it: once
 * stored, only erasure removes a person, and that is an administrator's act, not a typo fix.
 */
export function undoable(entry: Entry, view: SessionWrites): boolean {
  // a wave's answer wrote events the server made: no single retraction withdraws it
  if (entry.kind === 'interview') return false;
  if (!RECORD_KINDS.includes(entry.kind)) return true;
  const waiting =
    view.state.pending.some((w) => w.entry === entry.id) &&
    view.outbox.inFlight?.entry !== entry.id;
  const named = view.state.entries.some(
    (e) => e !== entry && live(e) && e.names.includes(entry.id),
  );
  return waiting && !named;
}
