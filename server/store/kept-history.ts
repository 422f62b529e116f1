// A project's whole history as replays need it (tie and membership events in replay order, and the
// span of the log), kept between reads (kept.ts): a tail of new events is merged in; a retraction
// in it makes the read whole.
import type { ManagedTransaction } from 'neo4j-driver';
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { TieEvent } from '../metrics/network.ts';
import { Kept, effectOf, rereadsAll, type LaterEvent } from './kept.ts';
import { cypher, rows, streamRows } from './neo4j.ts';
import { membershipEventOf, tieEventOf, type EventRow } from './projection.ts';

export interface Span {
  firstMs: number | null;
  lastMs: number | null;
  count: number;
}

export interface History {
  readonly ties: readonly TieEvent[];
  readonly memberships: readonly MembershipEvent[];
  readonly span: Span;
}

/** Two lists in replay order merged; at one instant the earlier batch (`kept`) comes first. */
function merge<T extends { atMs: number }>(kept: readonly T[], tail: readonly T[]): T[] {
  if (tail.length === 0) return kept as T[];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < tail.length) {
    if (j === tail.length || (i < kept.length && kept[i].atMs <= tail[j].atMs)) out.push(kept[i++]);
    else out.push(tail[j++]);
  }
  return out;
}

const lower = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
const upper = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);

async function readWhole(
  tx: ManagedTransaction,
  projectId: string,
  hidden: string[],
): Promise<History> {
  const ties = (
    await streamRows<LaterEvent>(tx.run(cypher('event-ties'), { projectId, hidden }))
  ).map((e, seq) => tieEventOf(e, e.id, seq));
  const memberships = rows<EventRow>(
    (await tx.run(cypher('event-memberships'), { projectId, hidden })).records,
  ).map(membershipEventOf);
  const span = rows<Span>((await tx.run(cypher('event-span'), { projectId })).records)[0];
  return { ties, memberships, span };
}

/** The kept history with the tail's events added, or null when the tail holds a retraction. */
function extend(kept: History, tail: LaterEvent[], hidden: ReadonlySet<string>): History | null {
  if (rereadsAll(tail)) return null;
  const shown = (e: LaterEvent) => effectOf(e).names.every((field) => !hidden.has(e[field]!));
  const ties = tail
    .filter((e) => effectOf(e).spell === 'tie' && shown(e))
    .map((e) => tieEventOf(e, e.id, 0));
  const memberships = tail
    .filter((e) => effectOf(e).spell === 'membership' && shown(e))
    .map(membershipEventOf);
  let span = kept.span;
  for (const e of tail) {
    span = {
      firstMs: lower(span.firstMs, e.atMs),
      lastMs: upper(span.lastMs, e.atMs),
      count: span.count + 1,
    };
  }
  return {
    ties:
      ties.length === 0
        ? kept.ties
        : merge(kept.ties, ties).map((t, seq) => (t.seq === seq ? t : { ...t, seq })),
    memberships: merge(kept.memberships, memberships),
    span,
  };
}

/** The kept history of each recently read project and hidden set. */
export const keptHistory = () =>
  new Kept<History>({
    whole: readWhole,
    extend: async (_tx, kept, since) => extend(kept, await since.tail(), new Set(since.hidden)),
  });
