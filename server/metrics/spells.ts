// The time rule, written once: how open/close events make half-open spells [from, to), and when
// a spell holds. Ties (connection/disconnection), memberships (membership/departure), the
// exports, the Neo4j projection and the map all use these. No Node imports: Vite builds it too.

/** A period during which a tie or membership holds: from <= t < to (to null: still holding). */
export interface Spell {
  fromMs: number;
  toMs: number | null;
}

/** True when a spell from `fromMs` to `toMs` (null or Infinity: open) holds at `atMs`. */
export const holdsAt = (fromMs: number, toMs: number | null, atMs: number): boolean =>
  fromMs <= atMs && (toMs === null || atMs < toMs);

/** True when the spell holds at `atMs`: events at exactly `atMs` count, a close at `atMs` ends it. */
export const holds = (spell: Spell, atMs: number): boolean =>
  holdsAt(spell.fromMs, spell.toMs, atMs);

/** The spell still open at the end of `spells` (they are in time order), if any. */
export const openSpell = (spells: readonly Spell[]): Spell | undefined => {
  const last = spells.at(-1);
  return last !== undefined && last.toMs === null ? last : undefined;
};

/**
 * Applies one event to a key's spells, in place. An open while a spell is open changes nothing
 * (a repeat refreshes, it does not restart); a close without an open spell is ignored; a spell
 * that opens and closes at the same instant never holds at any moment and is dropped.
 */
export function applyToSpells(spells: Spell[], opens: boolean, atMs: number): void {
  const open = openSpell(spells);
  if (opens) {
    if (!open) spells.push({ fromMs: atMs, toMs: null });
    return;
  }
  if (!open) return;
  if (open.fromMs === atMs) spells.pop();
  else open.toMs = atMs;
}

/** An event that opens or closes the spell of a key (a pair of residents, a membership). */
export interface SpellEvent {
  key: string;
  opens: boolean;
  atMs: number;
}

/**
 * The spells of every key from events in replay order (time, then batch, then position). Keys
 * left with no spell are left out.
 */
export function spells(events: Iterable<SpellEvent>): Map<string, Spell[]> {
  const byKey = new Map<string, Spell[]>();
  for (const event of events) {
    let list = byKey.get(event.key);
    if (!list) byKey.set(event.key, (list = []));
    applyToSpells(list, event.opens, event.atMs);
  }
  for (const [key, list] of byKey) if (list.length === 0) byKey.delete(key);
  return byKey;
}
