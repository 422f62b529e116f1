// The checks of leaving and returning a batch of events passes (docs/time-rule.md, "Residents who
// leave"): a connection may not name a resident who has left and not returned by its `at`, a leave
// needs the resident there and a return needs them away. Judged against the moves the store holds,
// those accepted earlier in the same write, and those earlier in the batch, in replay order.
import type { EventInput } from '../domain.ts';
import { badRequest, itemPath, type ErrorDetail } from '../errors.ts';
import { awaySince, type Move } from '../metrics/moment.ts';

/** A resident's moves as resident-ids-existing reads them from their node. */
export interface StoredMoves {
  movesAtMs?: number[] | null;
  movesLeave?: boolean[] | null;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `move` put into a list in replay order: after every move at or before its instant. */
function insert(moves: Move[], move: Move): void {
  let i = moves.length;
  while (i > 0 && moves[i - 1].atMs > move.atMs) i--;
  moves.splice(i, 0, move);
}

/**
 * Refuses the batch (400 naming each field) when a fresh event of it names a resident in a way
 * their leaving and returning forbids. `stored`: the moves on each named resident's node;
 * `earlier`: events accepted earlier in the same write, in order.
 */
export function checkPresence(
  events: readonly EventInput[],
  fresh: ReadonlySet<EventInput>,
  path: string | null,
  stored: ReadonlyMap<string, StoredMoves>,
  earlier: Iterable<EventInput>,
): void {
  const moves = new Map<string, Move[]>();
  const movesOf = (id: string): Move[] => {
    let list = moves.get(id);
    if (!list) {
      const node = stored.get(id);
      const at = node?.movesAtMs ?? [];
      list = at.map((atMs, i) => ({ atMs, leaves: node?.movesLeave?.[i] === true }));
      moves.set(id, list);
    }
    return list;
  };
  const apply = (event: EventInput) => {
    if (event.type === 'leave' || event.type === 'return')
      insert(movesOf(event.resident), {
        atMs: Date.parse(event.at),
        leaves: event.type === 'leave',
      });
  };
  for (const event of earlier) apply(event);
  const details: ErrorDetail[] = [];
  events.forEach((event, i) => {
    if (!fresh.has(event)) return;
    const atMs = Date.parse(event.at);
    if (event.type === 'connection') {
      for (const field of ['from', 'to'] as const) {
        const left = awaySince(movesOf(event[field]), atMs);
        if (left !== null)
          details.push({
            path: itemPath(path, i, field),
            message: `"${event[field]}" left on ${day(left)} and has not returned by this moment; record their return first`,
          });
      }
    } else if (event.type === 'leave' || event.type === 'return') {
      const left = awaySince(movesOf(event.resident), atMs);
      const message =
        event.type === 'leave' && left !== null
          ? `"${event.resident}" already left on ${day(left)}`
          : event.type === 'return' && left === null
            ? `"${event.resident}" has not left by this moment: a return follows a leave`
            : null;
      if (message) details.push({ path: itemPath(path, i, 'resident'), message });
      else apply(event);
    }
  });
  if (details.length > 0)
    throw badRequest(
      `${details.length} event field(s) name residents who are away, or leave or return out of turn; nothing was written`,
      details.slice(0, 100),
    );
}
