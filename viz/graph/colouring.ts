// Colour by community, group or detected cluster, with the Okabe–Ito colour-blind-safe palette.
// Vermilion is kept for ties that just formed, so it never means a category.
import { ownEntry, type MetricsAt } from '../common/api.ts';
import { groupAt, type NetworkTimeline } from './network-timeline.ts';

export const PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#0072B2',
  '#CC79A7',
  '#F0E442',
  '#000000',
];
export const FRESH_TIE = '#D55E00';
const OTHER = '#999999';
const NONE = '#DDDDDD';

export type ColourMode = 'community' | 'group' | 'cluster';

export interface LegendEntry {
  label: string;
  color: string;
}

/** A colour per resident index: `entries[category[i]]`. */
export interface Colouring {
  title: string;
  entries: LegendEntry[];
  category: Int32Array;
  /** Group mode only: the legend entry of each group; categories then follow the moment. */
  groupSlot?: Int32Array;
}

/** The first PALETTE.length names get a colour each; the rest share "other". */
function ranked(names: string[], other: string, none: string): LegendEntry[] {
  const entries = names.slice(0, PALETTE.length).map((label, i) => ({ label, color: PALETTE[i] }));
  entries.push({ label: other, color: OTHER }, { label: none, color: NONE });
  return entries;
}

export function byCommunity(timeline: NetworkTimeline): Colouring {
  const index = new Map(timeline.communities.map((c, i) => [c.id, Math.min(i, PALETTE.length)]));
  const entries = ranked(
    timeline.communities.map((c) => c.name),
    'other communities',
    'no community',
  );
  const category = Int32Array.from(timeline.residents, (r) =>
    r.communityId === null ? entries.length - 1 : (index.get(r.communityId) ?? entries.length - 2),
  );
  return { title: 'Community', entries, category };
}

/** Groups ranked by how many residents ever belonged, so the biggest get the distinct colours. */
export function byGroup(timeline: NetworkTimeline): Colouring {
  const members = new Int32Array(timeline.groups.length);
  for (let r = 0; r < timeline.residents.length; r++) {
    const seen = new Set<number>();
    for (let m = timeline.membershipOffset[r]; m < timeline.membershipOffset[r + 1]; m++)
      seen.add(timeline.membershipGroup[m]);
    for (const g of seen) members[g]++;
  }
  const order = timeline.groups.map((_, g) => g).sort((a, b) => members[b] - members[a] || a - b);
  const slot = new Int32Array(timeline.groups.length);
  order.forEach((g, rank) => (slot[g] = Math.min(rank, PALETTE.length)));
  const entries = ranked(
    order.map((g) => timeline.groups[g].name),
    'other groups',
    'no group',
  );
  return {
    title: 'Group',
    entries,
    category: new Int32Array(timeline.residents.length),
    groupSlot: slot,
  };
}

/** Moves group colours to moment t; returns whether resident i changed (for a partial redraw). */
export function updateGroupCategory(
  colouring: Colouring,
  timeline: NetworkTimeline,
  i: number,
  t: number,
): boolean {
  if (!colouring.groupSlot) return false;
  const g = groupAt(timeline, i, t);
  const category = g === -1 ? colouring.entries.length - 1 : colouring.groupSlot[g];
  if (colouring.category[i] === category) return false;
  colouring.category[i] = category;
  return true;
}

/** Clusters from the metrics endpoint's Louvain `community`, ranked by size at that moment. */
export function byCluster(timeline: NetworkTimeline, metrics: MetricsAt | null): Colouring {
  const category = new Int32Array(timeline.residents.length);
  if (!metrics) {
    category.fill(1);
    return {
      title: 'Detected cluster',
      entries: [
        { label: 'other', color: OTHER },
        { label: 'not computed yet', color: NONE },
      ],
      category,
    };
  }
  const sizes = new Map<string, number>();
  for (const node of Object.values(metrics.nodes))
    sizes.set(String(node.community), (sizes.get(String(node.community)) ?? 0) + 1);
  const clusters = [...sizes.keys()].sort(
    (a, b) => sizes.get(b)! - sizes.get(a)! || (a < b ? -1 : 1),
  );
  const slot = new Map(clusters.map((c, rank) => [c, Math.min(rank, PALETTE.length)]));
  const entries = ranked(
    clusters.map((c, rank) => `cluster ${rank + 1} (${sizes.get(c)} residents)`),
    'smaller clusters',
    'not in the network yet',
  );
  timeline.residents.forEach((r, i) => {
    const node = ownEntry(metrics.nodes, r.id);
    category[i] = node ? slot.get(String(node.community))! : entries.length - 1;
  });
  return { title: `Detected cluster (Louvain, at ${metrics.at.slice(0, 10)})`, entries, category };
}
