// Group membership through time: a `membership` event opens a resident's spell in a group and a
// `departure` closes it (the same half-open [from, to) rule as ties, spells.ts), and the optional
// bipartite layer of the network at a moment (groups with their memberships in force).
import type { UndirectedGraph } from 'graphology';
import { nodeKey } from './id-keys.ts';
import { holds, spells, type Spell, type SpellEvent } from './spells.ts';

export interface MembershipEvent {
  type: 'membership' | 'departure';
  atMs: number;
  resident: string;
  group: string;
}

export interface MembershipHistory {
  resident: string;
  group: string;
  spells: Spell[];
}

export interface GroupRecord {
  id: string;
  name: string;
  kind: string;
  communityId: string | null;
}

/**
 * Group nodes are keyed `group/<id>`: no resident id can hold a `/` (domain.ts Id), so a resident
 * named like a group (`group:garden`) never collides with one.
 */
export const groupKey = (id: string) => `group/${id}`;

/** The key of a membership: resident and group ids joined by `>`, which no id contains. */
export const membershipKey = (resident: string, group: string) => `${resident}>${group}`;

/** A membership event as the time rule sees it: opening or closing the spell of its key. */
export const membershipSpellEvent = (event: MembershipEvent): SpellEvent => ({
  key: membershipKey(event.resident, event.group),
  opens: event.type === 'membership',
  atMs: event.atMs,
});

/**
 * Spells per (resident, group) from events in replay order, by the time rule of spells.ts: a
 * repeated membership while a spell is open changes nothing, a departure without one is ignored.
 */
export function membershipSpells(events: readonly MembershipEvent[]): MembershipHistory[] {
  return [...spells(events.map(membershipSpellEvent))].map(([key, list]) => {
    const [resident, group] = key.split('>');
    return { resident, group, spells: list };
  });
}

/**
 * Adds the groups with at least one member in `graph` at `atMs` as nodes (`layer: 'group'`) and
 * each membership in force as an edge (`layer: 'membership'`). Resident nodes and ties are kept.
 */
export function addGroupLayer(
  graph: UndirectedGraph,
  groups: readonly GroupRecord[],
  memberships: readonly MembershipHistory[],
  atMs: number,
): void {
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const membership of memberships) {
    const group = byId.get(membership.group);
    const resident = nodeKey(membership.resident);
    if (!group || !graph.hasNode(resident)) continue;
    if (!membership.spells.some((spell) => holds(spell, atMs))) continue;
    const key = groupKey(group.id);
    if (!graph.hasNode(key)) {
      graph.addNode(key, {
        layer: 'group',
        name: group.name,
        kind: group.kind,
        communityId: group.communityId,
      });
    }
    graph.addEdgeWithKey(`${membership.resident}|${key}`, resident, key, {
      layer: 'membership',
    });
  }
}

/**
 * Membership spells from the events up to `atMs` only, so a spell holds at `atMs` exactly when it
 * is still open (the half-open rule of membershipSpells: a departure at `atMs` has ended it).
 */
export const spellsUntil = (memberships: readonly MembershipEvent[], atMs: number) =>
  membershipSpells(memberships.filter((m) => m.atMs <= atMs));
