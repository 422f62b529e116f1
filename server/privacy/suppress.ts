// Small-count suppression for partners: an aggregate over fewer than k residents is shown as null
// with `suppressed: true`, so no one can be singled out of a small group.
import { presentAt, type ResidentRecord } from '../metrics/moment.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Whether a value is a number or holds one at any depth. */
function counts(value: Json): boolean {
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.some(counts);
  if (value !== null && typeof value === 'object') return Object.values(value).some(counts);
  return false;
}

/**
 * The cell with each field that is or holds a number (an interval, a list of values) replaced by
 * null as a whole, so a nullable field never turns into an object of nulls; text and flags stay
 * (they name, they do not count).
 */
function withheld(cell: { [key: string]: Json }): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(cell).map(([k, v]) => [k, counts(v) ? null : v]));
}

/**
 * A cell is any object with a resident count `n`. Each cell with n < k anywhere in the value has
 * every field that counts (n included) replaced by null and gains `suppressed: true`; larger cells
 * are searched for smaller cells inside them. Any report section that carries `n` is covered.
 */
export function suppressSmallCells<T>(value: T, k: number): T {
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    if (typeof v.n === 'number' && v.n < k) return { ...withheld(v), suppressed: true };
    return Object.fromEntries(Object.entries(v).map(([key, child]) => [key, walk(child)]));
  };
  return walk(value as Json) as T;
}

interface Breakdown {
  overall: number | null;
  byValue: Record<string, number | null>;
  suppressed?: true;
}

/** Residents per community among those in the network at `atMs`. */
function communitySizes(records: readonly ResidentRecord[], atMs: number): Map<string, number> {
  const sizes = new Map<string, number>();
  const present = presentAt(atMs);
  for (const r of records) {
    if (!present(r) || r.communityId === null) continue;
    sizes.set(r.communityId, (sizes.get(r.communityId) ?? 0) + 1);
  }
  return sizes;
}

/**
 * A per-community breakdown (the E-I index by community) carries no `n` of its own: each
 * community's value is suppressed when fewer than k of the residents in the network at that
 * moment live there, and the breakdown says `suppressed: true` when any value was.
 */
export function suppressCommunityBreakdown<T extends Breakdown>(
  breakdown: T,
  records: readonly ResidentRecord[],
  atMs: number,
  k: number,
): T {
  const sizes = communitySizes(records, atMs);
  const small = Object.keys(breakdown.byValue).filter((c) => (sizes.get(c) ?? 0) < k);
  if (small.length === 0) return breakdown;
  const byValue = { ...breakdown.byValue };
  for (const c of small) byValue[c] = null;
  return { ...breakdown, byValue, suppressed: true };
}
