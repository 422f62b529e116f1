// The network as Neo4j holds it: tie spells cut into segments of unchanged attributes (a repeat
// connection refreshes kind, strength and direction), membership spells, and how a write continues
// them. The spells come from spells.ts, as everywhere; the network at a moment is moment.ts's.
import { membershipKey, membershipSpells, type MembershipEvent } from './memberships.ts';
import type { TieSegment } from './moment.ts';
import { pairKey, tieSpells, type TieEvent } from './network.ts';

export interface MembershipSpellRow {
  key: string;
  resident: string;
  group: string;
  since: number;
  until: number | null;
}

/**
 * Segments of every pair's spells, from tie events in replay order. A connection opens or
 * refreshes a spell; it starts a segment lasting until the next connection in that spell or the
 * spell's end. Segments of no length (two connections at one instant) hold at no moment: left out.
 */
export function tieSegments(ties: readonly TieEvent[]): TieSegment[] {
  const connections = new Map<string, TieEvent[]>();
  for (const event of ties) {
    if (event.type !== 'connection' || event.from === event.to) continue;
    const key = pairKey(event.from, event.to);
    let list = connections.get(key);
    if (!list) connections.set(key, (list = []));
    list.push(event);
  }
  const segments: TieSegment[] = [];
  for (const [key, history] of tieSpells(ties)) {
    const named = connections.get(key)!;
    let i = 0;
    for (const spell of history.spells) {
      while (named[i].atMs < spell.fromMs) i++;
      const inSpell: TieEvent[] = [];
      while (i < named.length && (spell.toMs === null || named[i].atMs < spell.toMs))
        inSpell.push(named[i++]);
      inSpell.forEach((connection, j) => {
        const until = j + 1 < inSpell.length ? inSpell[j + 1].atMs : spell.toMs;
        if (until === connection.atMs) return;
        segments.push({
          key,
          source: history.source,
          target: history.target,
          since: connection.atMs,
          until,
          formed: spell.fromMs,
          kind: connection.kind ?? null,
          strength: connection.strength ?? 1,
          from: connection.from,
          to: connection.to,
        });
      });
    }
  }
  return segments;
}

/** One row per membership spell, from membership and departure events in replay order. */
export function membershipRows(events: readonly MembershipEvent[]): MembershipSpellRow[] {
  return membershipSpells(events).flatMap((m) =>
    m.spells.map((spell) => ({
      key: membershipKey(m.resident, m.group),
      resident: m.resident,
      group: m.group,
      since: spell.fromMs,
      until: spell.toMs,
    })),
  );
}

/**
 * What upkeep changes in one key's stored spells when its new events all come after its stored
 * ones: the open relationship's new `until` (or its removal), and the rows to add.
 */
export interface Continuation<Row> {
  /** Keys whose open relationship now ends: its `until` becomes this. */
  closed: { key: string; until: number }[];
  /** Keys whose open relationship is no longer part of the projection. */
  removed: string[];
  added: Row[];
}

/**
 * From each key's open row as stored (`open`) to the rows a continuation gives: a row alike in
 * all but `until` keeps the stored relationship (its `until` set), the others are added, and an
 * open row with no such match is removed.
 */
function settle<Row extends { key: string; since: number; until: number | null }>(
  open: ReadonlyMap<string, Row>,
  continued: readonly Row[],
  same: (a: Row, b: Row) => boolean,
): Continuation<Row> {
  const result: Continuation<Row> = { closed: [], removed: [], added: [] };
  const kept = new Set<string>();
  for (const row of continued) {
    const stored = open.get(row.key);
    if (stored && !kept.has(row.key) && same(stored, row)) {
      kept.add(row.key);
      if (row.until !== null) result.closed.push({ key: row.key, until: row.until });
    } else result.added.push(row);
  }
  for (const key of open.keys()) if (!kept.has(key)) result.removed.push(key);
  return result;
}

/**
 * Continues pairs' segments from their open segment instead of their whole history, for new tie
 * events (in their batch's order) that all come after each pair's stored events. The open segment
 * (until null) holds all the time rule needs: the spell's start and its latest connection. Both
 * are replayed as connections before the new events, through tieSegments itself, so the result is
 * what a recompute from every event gives; the segment of the replayed spell start stands for
 * the stored segments before the open one, which the new events cannot change, and is dropped.
 * `open` holds the open segment of each pair the events name that has one.
 */
export function continueTieSegments(
  open: ReadonlyMap<string, TieSegment>,
  ties: readonly TieEvent[],
): Continuation<TieSegment> {
  const replayed: TieEvent[] = [];
  for (const s of open.values()) {
    const connection = { id: '', seq: 0, type: 'connection' as const };
    if (s.formed < s.since)
      replayed.push({ ...connection, atMs: s.formed, from: s.source, to: s.target });
    replayed.push({
      ...connection,
      atMs: s.since,
      from: s.from,
      to: s.to,
      kind: s.kind ?? undefined,
      strength: s.strength,
    });
  }
  // stable: at one instant the replayed state comes before the new events, as stored before new
  const merged = [...replayed, ...ties]
    .sort((a, b) => a.atMs - b.atMs)
    .map((event, seq) => ({ ...event, seq }));
  const continued = tieSegments(merged).filter((s) => {
    const stored = open.get(s.key);
    return !stored || stored.formed === stored.since || s.since !== stored.formed;
  });
  return settle(
    open,
    continued,
    (a, b) =>
      a.since === b.since &&
      a.formed === b.formed &&
      a.kind === b.kind &&
      a.strength === b.strength &&
      a.from === b.from &&
      a.to === b.to,
  );
}

/**
 * Continues membership spells from their open spell, for new membership and departure events (in
 * their batch's order) that all come after each membership's stored events: the open spell's start,
 * replayed as a membership before the new events, is all the time rule needs.
 */
export function continueMembershipRows(
  open: ReadonlyMap<string, MembershipSpellRow>,
  events: readonly MembershipEvent[],
): Continuation<MembershipSpellRow> {
  const replayed: MembershipEvent[] = [...open.values()].map((m) => ({
    type: 'membership',
    atMs: m.since,
    resident: m.resident,
    group: m.group,
  }));
  const merged = [...replayed, ...events].sort((a, b) => a.atMs - b.atMs);
  return settle(open, membershipRows(merged), (a, b) => a.since === b.since);
}
