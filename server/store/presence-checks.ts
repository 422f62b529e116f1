// The checks of leaving and returning a batch of events passes (docs/time-rule.md, "Residents who
// leave"): a connection may not name a resident who has left and not returned by its `at`, a leave
// needs the resident there and a return needs them away. Judged in time order against the moves
// the store holds, those accepted earlier in the same write, and every move of the batch.
import type { EventInput } from '../domain-events.ts';
import { badRequest, itemPath, type ErrorDetail } from '../errors.ts';
import { awaySince, type Move } from '../metrics/moment.ts';

/** A resident's moves as resident-ids-existing reads them from their node. */
export interface StoredMoves {
  movesAtMs?: number[] | null;
  movesLeave?: boolean[] | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A move of the moves judged: where it comes from in the batch (null: stored or earlier). */
type Judged = Move & { index: number | null };

/** `move` put into a list in replay order: after every move at or before its instant. */
function insert(moves: Judged[], move: Judged): void {
  let i = moves.length;
  while (i > 0 && moves[i - 1].atMs > move.atMs) i--;
  moves.splice(i, 0, move);
}

/**
 * Refuses the batch (400 naming each field) when a fresh event of it names a resident in a way
 * their leaving and returning forbids, judged in time order over every move known: those on each
 * named resident's node (`stored`), those accepted earlier in the same write (`earlier`), and all
 * of the batch's own, wherever they stand in it (a sheet's leaving rows come after its ties).
 */
export function checkPresence(
  events: readonly EventInput[],
  fresh: ReadonlySet<EventInput>,
  path: string | null,
  stored: ReadonlyMap<string, StoredMoves>,
  earlier: Iterable<EventInput>,
): void {
  const moves = new Map<string, Judged[]>();
  const movesOf = (id: string): Judged[] => {
    let list = moves.get(id);
    if (!list) {
      const node = stored.get(id);
      const at = node?.movesAtMs ?? [];
      list = at.map((atMs, i) => ({ atMs, leaves: node?.movesLeave?.[i] === true, index: null }));
      moves.set(id, list);
    }
    return list;
  };
  const add = (event: EventInput, index: number | null) => {
    if (event.type === 'leave' || event.type === 'return')
      insert(movesOf(event.resident), {
        atMs: Date.parse(event.at),
        leaves: event.type === 'leave',
        index,
      });
  };
  for (const event of earlier) add(event, null);
  events.forEach((event, i) => fresh.has(event) && add(event, i));
  const details: ErrorDetail[] = [];
  // a batch's own leave or return out of turn: a leave while away, a return while present
  for (const [id, list] of moves) {
    let left: number | null = null;
    for (const move of list) {
      const message =
        move.leaves && left !== null
          ? `"${id}" already left on ${day(left)}`
          : !move.leaves && left === null
            ? `"${id}" has not left by this moment: a return follows a leave`
            : null;
      if (message && move.index !== null)
        details.push({ path: itemPath(path, move.index, 'resident'), message });
      if (move.leaves) left ??= move.atMs;
      else left = null;
    }
  }
  events.forEach((event, i) => {
    if (!fresh.has(event) || event.type !== 'connection') return;
    const atMs = Date.parse(event.at);
    for (const field of ['from', 'to'] as const) {
      const left = awaySince(movesOf(event[field]), atMs);
      if (left !== null)
        details.push({
          path: itemPath(path, i, field),
          message: `"${event[field]}" left on ${day(left)} and has not returned by this moment; record their return first`,
        });
    }
  });
  if (details.length === 0) return;
  // one problem is said in full (a Capture entry shows the message alone)
  const message =
    details.length === 1
      ? `${details[0].message}; nothing was written`
      : `${details.length} event fields name residents who are away, or leave or return out of turn; nothing was written`;
  throw badRequest(message, details.slice(0, 100));
}
