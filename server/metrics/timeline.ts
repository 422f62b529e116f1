// The network's graph-level metrics at the end of each calendar bucket (UTC), computed in one
// replay over the sorted tie events, with the counts behind them kept up to date tie by tie (a
// point costs one pass over the residents, not a recount); each point follows the time rule of
// network.ts.
import { pathCentralities } from './betweenness.ts';
import type { Interval, TimelinePoint } from '../domain.ts';
import { idOfNode } from './id-keys.ts';
import { LiveCensus } from './live-census.ts';
import { TieReplay, type TieEvent } from './network.ts';
import type { ResidentRecord } from './moment.ts';
import type { RELEASE_INTERVALS } from '../domain-names.ts';

/** The API's timeline buckets and a release's (which adds quarters). */
export type BucketInterval = Interval | (typeof RELEASE_INTERVALS)[number];

export interface TimelineOptions {
  /** Only this community's residents and the ties between them (as networkAt's filter). */
  communityId?: string;
  /** Add unweighted normalised betweenness: the ten most central residents and the mean. */
  centralities?: boolean;
}

const SOURCE = 'peoplemap/metrics/timeline';
const DAY_MS = 86_400_000;
const TOP = 10;

function endOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS - 1;
}

/** ISO weeks run Monday to Sunday: the week ends after the Sunday. */
function endOfWeek(ms: number): number {
  const dayOfWeek = new Date(ms).getUTCDay();
  const daysToSunday = (7 - dayOfWeek) % 7;
  return endOfDay(ms) + daysToSunday * DAY_MS;
}

function endOfMonth(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1;
}

/** Quarters run January–March, April–June, July–September, October–December. */
function endOfQuarter(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / 3) * 3 + 3, 1) - 1;
}

const BUCKET_END: Record<BucketInterval, (ms: number) => number> = {
  day: endOfDay,
  week: endOfWeek,
  month: endOfMonth,
  quarter: endOfQuarter,
};

/** The last millisecond of the bucket holding `ms`. */
export function bucketEnd(ms: number, interval: BucketInterval): number {
  const endOf = BUCKET_END[interval];
  if (!endOf) throw new Error(`${SOURCE}: unknown interval "${interval}".`);
  return endOf(ms);
}

/** The last millisecond of every bucket from the one holding `fromMs` to the one holding `toMs`. */
export function bucketEnds(fromMs: number, toMs: number, interval: BucketInterval): number[] {
  const endOf = BUCKET_END[interval];
  if (!endOf) throw new Error(`${SOURCE}: unknown interval "${interval}".`);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw new Error(`${SOURCE}: from and to must be finite.`);
  if (toMs < fromMs) throw new Error(`${SOURCE}: to must not be before from.`);
  const ends: number[] = [];
  const last = endOf(toMs);
  for (let end = endOf(fromMs); end <= last; end = endOf(end + 1)) ends.push(end);
  return ends;
}

/** Calendar index of the bucket holding `ms`; 1970-01-01 was a Thursday, so Monday-based weeks
 * count from 1969-12-29, three days earlier. */
const BUCKET_INDEX: Record<BucketInterval, (ms: number) => number> = {
  day: (ms) => Math.floor(ms / DAY_MS),
  week: (ms) => Math.floor((Math.floor(ms / DAY_MS) + 3) / 7),
  month: (ms) => {
    const date = new Date(ms);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  },
  quarter: (ms) => {
    const date = new Date(ms);
    return date.getUTCFullYear() * 4 + Math.floor(date.getUTCMonth() / 3);
  },
};

/** How many buckets bucketEnds would list, computed without listing them (a cheap limit check). */
export function bucketCount(fromMs: number, toMs: number, interval: BucketInterval): number {
  const index = BUCKET_INDEX[interval];
  if (!index) throw new Error(`${SOURCE}: unknown interval "${interval}".`);
  return toMs < fromMs ? 0 : index(toMs) - index(fromMs) + 1;
}

function centralityPoint(
  replay: TieReplay,
): Pick<TimelinePoint, 'topBetweenness' | 'meanBetweenness'> {
  // nothing to rank before the first resident joins
  if (replay.graph.order === 0) return { topBetweenness: [], meanBetweenness: 0 };
  const { betweenness } = pathCentralities(replay.graph, false);
  const ranked = Object.entries(betweenness)
    .map(([node, value]) => ({ id: idOfNode(node), value }))
    .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const total = ranked.reduce((sum, { value }) => sum + value, 0);
  return {
    topBetweenness: ranked.slice(0, TOP),
    meanBetweenness: ranked.length === 0 ? 0 : total / ranked.length,
  };
}

/** Graph-level metrics at each of the ascending `ends`, walking the events once. */
export function timeline(
  residents: readonly ResidentRecord[],
  ties: readonly TieEvent[],
  ends: readonly number[],
  options: TimelineOptions = {},
): TimelinePoint[] {
  const replay = new TieReplay(residents, ties, { communityId: options.communityId });
  const census = new LiveCensus(replay.graph);
  return ends.map((end) => {
    replay.advanceTo(end);
    const point: TimelinePoint = { at: new Date(end).toISOString(), ...census.metrics() };
    return options.centralities ? { ...point, ...centralityPoint(replay) } : point;
  });
}
