// Disclosure control of a release (docs/privacy.md, "Releases"): which numbers are withheld, and
// why. Primary suppression withholds every count of fewer than k residents and everything resting
// on one; secondary suppression withholds a second number wherever a withheld one could be worked
// out by subtraction, and keeps withheld what an earlier release withheld; differencing withholds
// a count that differs by 1 to k−1 residents from the same count already published. Pure: leaves
// and what earlier releases published in, decisions out.
import { idOf, leafId, type Leaf } from './leaves.ts';
import {
  additive,
  basesOf,
  CLASS_IN_TOTAL,
  CLASS_SHARES,
  CLASS_TOTALS,
  DERIVED_CELLS,
  kindOf,
} from './rules.ts';

export type Reason = 'primary' | 'secondary' | 'differencing' | 'unclassified';

/** A count of residents as a release published it. */
export interface PublishedCount {
  scope: string | null;
  name: string[];
  moments: number[];
  n: number;
}

/** What earlier releases of the project published: counts of residents, and what they withheld. */
export interface Published {
  counts: PublishedCount[];
  /** Leaf ids. */
  withheld: string[];
}

export const NOTHING_PUBLISHED: Published = { counts: [], withheld: [] };

/**
 * How many residents of a cell gave it a different value at `then` than at the leaf's moments
 * (measured again in between), or null when it cannot be told: with the same n, two releases'
 * sums still differ by those residents' changes.
 */
export type Changed = (cellN: Leaf, then: readonly number[]) => number | null;

const sameName = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);

const small = (count: number | null, k: number) => count !== null && count >= 1 && count < k;

/** The n of a resident cell (not a derived one): what differencing compares. */
export const isCellCount = (leaf: Leaf) =>
  leaf.cellN === idOf(leaf) && !DERIVED_CELLS.has(leaf.name.at(-2) ?? '');

type Withhold = (id: string, reason: Reason) => boolean;

export function control(
  leaves: readonly Leaf[],
  earlier: Published,
  k: number,
  measuredAgain: Changed = () => null,
): Map<string, Reason> {
  const byId = new Map<string, Leaf>();
  for (const leaf of leaves) if (!byId.has(idOf(leaf))) byId.set(idOf(leaf), leaf);
  const withheld = new Map<string, Reason>();
  const withhold: Withhold = (id, reason) => {
    if (withheld.has(id)) return false;
    withheld.set(id, reason);
    return true;
  };
  primary(byId, k, withhold);
  // Kept withheld: shown now, the same number would give what an earlier release withheld beside it
  for (const id of earlier.withheld) if (byId.has(id)) withhold(id, 'secondary');
  differencing(byId, earlier, k, measuredAgain, withheld, withhold);

  // Until nothing changes: what rests on a withheld number, and subtraction within totals
  const relations = totals(byId);
  const valueOf = (id: string) => byId.get(id)?.value ?? null;
  for (let moved = true; moved;) {
    moved = false;
    for (const [id, leaf] of byId) {
      if (withheld.has(id)) continue;
      const base = basesOf(leaf).reveals.find((b) => withheld.has(b));
      if (base !== undefined) moved = withhold(id, withheld.get(base)!) || moved;
    }
    for (const relation of relations) moved = protect(relation, withheld, valueOf, k) || moved;
  }
  return withheld;
}

/** Counts of fewer than k residents, what is computed over one, and classes whose rest is. */
function primary(byId: ReadonlyMap<string, Leaf>, k: number, withhold: Withhold): void {
  const valueOf = (id: string) => byId.get(id)?.value ?? null;
  for (const [id, leaf] of byId) {
    const kind = kindOf(leaf);
    if (kind === null) withhold(id, 'unclassified');
    else if (kind === 'residents' && small(leaf.value, k)) withhold(id, 'primary');
    if (basesOf(leaf).restsOn.some((base) => small(valueOf(base), k))) withhold(id, 'primary');
    if (CLASS_SHARES.has(leaf.field) && leaf.value !== null && leaf.cellN !== null) {
      const n = valueOf(leaf.cellN) ?? 0;
      const count = Math.round(leaf.value * n);
      if (small(count, k) || small(n - count, k)) withhold(id, 'primary');
    }
  }
  for (const [part, whole] of CLASS_IN_TOTAL) {
    for (const [id, leaf] of byId) {
      if (!sameName(leaf.name, part) || leaf.value === null) continue;
      const total = valueOf(leafId(leaf.scope, whole, leaf.moments));
      if (total !== null && small(total - leaf.value, k)) withhold(id, 'primary');
    }
  }
}

/**
 * A count of residents 1 to k−1 from the same count at the same moments in an earlier release;
 * a cell whose n is that far from the same cell at any moments (earlier releases, this release's
 * earlier moment), or whose residents measured again in between are that few.
 */
function differencing(
  byId: ReadonlyMap<string, Leaf>,
  earlier: Published,
  k: number,
  measuredAgain: Changed,
  withheld: ReadonlyMap<string, Reason>,
  withhold: Withhold,
): void {
  const shown = new Map<string, number[]>();
  for (const c of earlier.counts) {
    const id = leafId(c.scope, c.name, c.moments);
    shown.set(id, [...(shown.get(id) ?? []), c.n]);
  }
  for (const [id, leaf] of byId) {
    const then = shown.get(id) ?? [];
    if (kindOf(leaf) !== 'residents' || leaf.value === null) continue;
    if (then.some((n) => small(Math.abs(leaf.value! - n), k))) withhold(id, 'differencing');
  }
  const cellCounts = [...byId.values()].filter(isCellCount);
  for (const leaf of cellCounts) {
    if (leaf.value === null) continue;
    const last = leaf.moments.at(-1)!;
    const sameCell = (c: { scope: string | null; name: string[] }) =>
      c.scope === leaf.scope && sameName(c.name, leaf.name);
    const published = [
      ...earlier.counts.filter(sameCell),
      ...cellCounts
        .filter((o) => sameCell(o) && o.moments.at(-1)! < last && !withheld.has(idOf(o)))
        .map((o) => ({ n: o.value ?? 0, moments: o.moments })),
    ];
    const apart = (c: { n: number; moments: number[] }) =>
      small(Math.abs(leaf.value! - c.n), k) || small(measuredAgain(leaf, c.moments), k);
    if (published.some(apart)) withhold(idOf(leaf), 'differencing');
  }
}

/** A total and the published classes or scopes that add up to it (with an unpublished rest). */
interface Relation {
  total: string;
  parts: string[];
  /** Whether the parts add up to the total, so that the rest is a class of its own. */
  additive: boolean;
}

/**
 * Every community's count of residents against the same count for every community together, and
 * each published class total against its classes. Counts that do not add up across communities
 * are related all the same: a difference comes close to the withheld count.
 */
function totals(byId: ReadonlyMap<string, Leaf>): Relation[] {
  const counts = [...byId.values()].filter(
    (leaf) => kindOf(leaf) === 'residents' && !DERIVED_CELLS.has(leaf.name.at(-2) ?? ''),
  );
  const scopesOf = new Map<string, string[]>();
  for (const leaf of counts) {
    if (leaf.scope === null) continue;
    const key = JSON.stringify([leaf.name, leaf.moments]);
    scopesOf.set(key, [...(scopesOf.get(key) ?? []), idOf(leaf)]);
  }
  const relations: Relation[] = [];
  for (const leaf of counts) {
    if (leaf.scope !== null) continue;
    const parts = scopesOf.get(JSON.stringify([leaf.name, leaf.moments]));
    if (parts) relations.push({ total: idOf(leaf), parts, additive: additive(leaf) });
  }
  for (const [parent, total] of CLASS_TOTALS) {
    const depth = parent.length;
    for (const leaf of counts) {
      const { name } = leaf;
      if (name.length !== depth + 2 || name[depth] !== total) continue;
      if (!sameName(name.slice(0, depth), parent)) continue;
      const parts = counts
        .filter((o) => o.scope === leaf.scope && o.moments.join() === leaf.moments.join())
        .filter((o) => o.name.length === name.length && o.name.at(-1) === name.at(-1))
        .filter((o) => sameName(o.name.slice(0, depth), parent) && o.name[depth] !== total)
        .map(idOf);
      relations.push({ total: idOf(leaf), parts, additive: true });
    }
  }
  return relations;
}

/**
 * A relation may hold no withheld number, or at least two (the unpublished rest counts when it is
 * fewer than k): with exactly one, the smallest other part (else the total) is withheld too.
 */
function protect(
  relation: Relation,
  withheld: Map<string, Reason>,
  valueOf: (id: string) => number | null,
  k: number,
): boolean {
  const total = valueOf(relation.total);
  const parts = relation.parts.map((id) => valueOf(id));
  const rest =
    !relation.additive || total === null || parts.some((p) => p === null)
      ? null
      : total - parts.reduce((sum: number, p) => sum + p!, 0);
  const members = [relation.total, ...relation.parts];
  const count = members.filter((id) => withheld.has(id)).length + (small(rest, k) ? 1 : 0);
  if (count !== 1) return false;
  const open = relation.parts
    .filter((id) => !withheld.has(id))
    .sort((a, b) => (valueOf(a) ?? 0) - (valueOf(b) ?? 0));
  const next = open[0] ?? (withheld.has(relation.total) ? undefined : relation.total);
  if (next === undefined) return false;
  withheld.set(next, 'secondary');
  return true;
}
