// Group membership through time: a `membership` event opens a resident's spell in a group and a
// `departure` closes it (the same half-open [from, to) rule as ties), and the optional bipartite
// layer of the network at a moment (PRODUCT.md: "include group membership as a bipartite layer").
import type { UndirectedGraph } from 'graphology';
import type { TieSpell } from './network.ts';

export interface MembershipEvent {
  type: 'membership' | 'departure';
  atMs: number;
  resident: string;
  group: string;
}

export interface MembershipHistory {
  resident: string;
  group: string;
  spells: TieSpell[];
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

/**
 * Spells per (resident, group) from events in time order. A repeated membership while a spell is
 * open changes nothing; a departure without one is ignored; a spell that opens and closes at the
 * same instant never holds at any moment and is left out.
 */
export function membershipSpells(events: readonly MembershipEvent[]): MembershipHistory[] {
  const byPair = new Map<string, MembershipHistory>();
  for (const event of events) {
    const key = `${event.resident}\u0000${event.group}`;
    const entry = byPair.get(key) ?? { resident: event.resident, group: event.group, spells: [] };
    byPair.set(key, entry);
    const open = entry.spells.at(-1);
    const isOpen = open !== undefined && open.toMs === null;
    if (event.type === 'membership' && !isOpen)
      entry.spells.push({ fromMs: event.atMs, toMs: null });
    if (event.type === 'departure' && isOpen) {
      if (open.fromMs === event.atMs) entry.spells.pop();
      else open.toMs = event.atMs;
    }
  }
  return [...byPair.values()].filter((m) => m.spells.length > 0);
}

const holds = (spell: TieSpell, atMs: number) =>
  spell.fromMs <= atMs && (spell.toMs === null || atMs < spell.toMs);

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
    if (!group || !graph.hasNode(membership.resident)) continue;
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
    graph.addEdgeWithKey(`${membership.resident}|${key}`, membership.resident, key, {
      layer: 'membership',
    });
  }
}
