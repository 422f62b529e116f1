// The project's history as flat number arrays, and the network at a moment derived from it.
// The API decides when ties hold and when residents are present (their spells, from the server's
// moment.ts); this only reads the spells with the server's own `holdsAt` (from <= t < to, to null =
// still holding).
import { holdsAt } from '../../server/metrics/spells.ts';
import type { History, HistoryResident, Spell } from '../common/api.ts';

export interface NetworkTimeline {
  /** First event time and the end of the map (ms): the last event or joining, whichever is later. */
  from: number;
  to: number;
  /**
   * The last event (ms; `to` when there is none): where Play stops. After it only residents
   * recorded without a dated event join (at their joining or creation), which played out would be
   * a long stretch with nothing else changing.
   */
  lastEvent: number;
  /** Residents sorted by (joinedAt, id): the index used by every array below. */
  residents: HistoryResident[];
  residentIndex: Map<string, number>;
  joinedAt: Float64Array;
  /** Presence spells of resident i are presenceFrom/presenceTo[presenceOffset[i] .. [i + 1]); to = Infinity while open. */
  presenceOffset: Int32Array;
  presenceFrom: Float64Array;
  presenceTo: Float64Array;
  /** One entry per resident pair ever tied (duplicates of a pair merged, self-ties dropped). */
  tieSource: Int32Array;
  tieTarget: Int32Array;
  /** Spells of tie e are spellFrom/spellTo[spellOffset[e] .. spellOffset[e + 1]); to = Infinity while open. */
  spellOffset: Int32Array;
  spellFrom: Float64Array;
  spellTo: Float64Array;
  groups: History['groups'];
  communities: History['communities'];
  /** Memberships of resident i are at membershipOffset[i] .. [i + 1], in the API's order. */
  membershipOffset: Int32Array;
  membershipGroup: Int32Array;
  membershipFrom: Float64Array;
  membershipTo: Float64Array;
  /** The group of a resident's earliest membership, -1 when none. */
  earliestGroup: Int32Array;
  /** The most ties any resident has over all time: a stable scale for degree sizes. */
  maxDegreeEver: number;
  /** Changes when the history does: the layout cache key. */
  fingerprint: string;
}

const time = (iso: string): number => Date.parse(iso);
const until = (iso: string | null): number => (iso === null ? Infinity : Date.parse(iso));

export function buildTimeline(history: History): NetworkTimeline {
  const residents = [...history.residents].sort(
    (a, b) => time(a.joinedAt) - time(b.joinedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const residentIndex = new Map(residents.map((r, i) => [r.id, i]));
  const joinedAt = Float64Array.from(residents, (r) => time(r.joinedAt));
  const presenceOffset = new Int32Array(residents.length + 1);
  residents.forEach((r, i) => (presenceOffset[i + 1] = presenceOffset[i] + r.presence.length));
  const presenceSpellList = residents.flatMap((r) => r.presence);
  const presenceFrom = Float64Array.from(presenceSpellList, (s) => time(s.from));
  const presenceTo = Float64Array.from(presenceSpellList, (s) => until(s.to));

  const spellsByPair = new Map<number, Spell[]>();
  const n = residents.length;
  for (const tie of history.ties) {
    const s = residentIndex.get(tie.source);
    const t = residentIndex.get(tie.target);
    if (s === undefined || t === undefined || s === t) continue;
    const pair = Math.min(s, t) * n + Math.max(s, t);
    const spells = spellsByPair.get(pair);
    if (spells) spells.push(...tie.spells);
    else spellsByPair.set(pair, [...tie.spells]);
  }
  const pairs = [...spellsByPair.keys()].sort((a, b) => a - b);
  const tieSource = new Int32Array(pairs.length);
  const tieTarget = new Int32Array(pairs.length);
  const spellOffset = new Int32Array(pairs.length + 1);
  const spellCount = pairs.reduce((sum, p) => sum + spellsByPair.get(p)!.length, 0);
  const spellFrom = new Float64Array(spellCount);
  const spellTo = new Float64Array(spellCount);
  const degreeEver = new Int32Array(n);
  let k = 0;
  pairs.forEach((pair, e) => {
    tieSource[e] = Math.floor(pair / n);
    tieTarget[e] = pair % n;
    degreeEver[tieSource[e]]++;
    degreeEver[tieTarget[e]]++;
    spellOffset[e] = k;
    for (const spell of spellsByPair.get(pair)!) {
      spellFrom[k] = time(spell.from);
      spellTo[k] = until(spell.to);
      k++;
    }
  });
  spellOffset[pairs.length] = k;

  const groupIndex = new Map(history.groups.map((g, i) => [g.id, i]));
  const byResident: { group: number; from: number; to: number }[][] = residents.map(() => []);
  for (const m of history.memberships) {
    const r = residentIndex.get(m.resident);
    const g = groupIndex.get(m.group);
    if (r === undefined || g === undefined) continue;
    for (const spell of m.spells)
      byResident[r].push({ group: g, from: time(spell.from), to: until(spell.to) });
  }
  const membershipOffset = new Int32Array(n + 1);
  const total = byResident.reduce((sum, list) => sum + list.length, 0);
  const membershipGroup = new Int32Array(total);
  const membershipFrom = new Float64Array(total);
  const membershipTo = new Float64Array(total);
  const earliestGroup = new Int32Array(n).fill(-1);
  let j = 0;
  byResident.forEach((list, r) => {
    membershipOffset[r] = j;
    let earliest = Infinity;
    for (const m of list) {
      membershipGroup[j] = m.group;
      membershipFrom[j] = m.from;
      membershipTo[j] = m.to;
      if (m.from < earliest) [earliest, earliestGroup[r]] = [m.from, m.group];
      j++;
    }
  });
  membershipOffset[n] = j;

  const lastJoin = n > 0 ? joinedAt[n - 1] : Date.now();
  const from = history.from !== null ? time(history.from) : n > 0 ? joinedAt[0] : lastJoin;
  // Residents may join after the last event (an explicit joinedAt, or created later): the map runs
  // on to the last joining so that its end shows everyone /graph counts now.
  const to = Math.max(from, lastJoin, history.to !== null ? time(history.to) : lastJoin);
  return {
    from,
    to,
    lastEvent: history.to !== null ? Math.max(from, time(history.to)) : to,
    residents,
    residentIndex,
    joinedAt,
    presenceOffset,
    presenceFrom,
    presenceTo,
    tieSource,
    tieTarget,
    spellOffset,
    spellFrom,
    spellTo,
    groups: history.groups,
    communities: history.communities,
    membershipOffset,
    membershipGroup,
    membershipFrom,
    membershipTo,
    earliestGroup,
    maxDegreeEver: degreeEver.reduce((max, d) => Math.max(max, d), 0),
    fingerprint: `${n}:${pairs.length}:${spellCount}:${total}:${to}`,
  };
}

/** A resident's group at t: the first of their memberships holding at t, else their earliest. */
export function groupAt(timeline: NetworkTimeline, resident: number, t: number): number {
  for (
    let m = timeline.membershipOffset[resident];
    m < timeline.membershipOffset[resident + 1];
    m++
  ) {
    if (holdsAt(timeline.membershipFrom[m], timeline.membershipTo[m], t))
      return timeline.membershipGroup[m];
  }
  return timeline.earliestGroup[resident];
}

export const TIE_HIDDEN = 0;
export const TIE_VISIBLE = 1;
/** Visible and formed less than `freshWindow` ago. */
export const TIE_FRESH = 2;

/**
 * The network at one moment, moved in place from moment to moment without allocating: after
 * `advance`, `changedNodes` / `changedEdges` list what must be redrawn (an endpoint counts as
 * changed when its degree does).
 */
export class NetworkMoment {
  at = -Infinity;
  readonly nodeVisible: Uint8Array;
  readonly tieState: Uint8Array;
  readonly degree: Int32Array;
  visibleNodes = 0;
  visibleEdges = 0;
  isolates = 0;
  readonly changedNodes: number[] = [];
  readonly changedEdges: number[] = [];
  private readonly nodeMark: Uint32Array;
  private stamp = 0;

  constructor(private readonly timeline: NetworkTimeline) {
    const n = timeline.residents.length;
    this.nodeVisible = new Uint8Array(n);
    this.degree = new Int32Array(n);
    this.nodeMark = new Uint32Array(n);
    this.tieState = new Uint8Array(timeline.tieSource.length);
  }

  advance(t: number, freshWindow: number): void {
    const { tieSource, tieTarget, spellOffset, spellFrom, spellTo } = this.timeline;
    const { presenceOffset, presenceFrom, presenceTo } = this.timeline;
    const { nodeVisible, tieState, degree } = this;
    this.at = t;
    this.changedNodes.length = 0;
    this.changedEdges.length = 0;
    this.stamp++;

    for (let i = 0; i < nodeVisible.length; i++) {
      let visible = 0;
      for (let k = presenceOffset[i]; k < presenceOffset[i + 1] && visible === 0; k++)
        if (holdsAt(presenceFrom[k], presenceTo[k], t)) visible = 1;
      if (visible === nodeVisible[i]) continue;
      nodeVisible[i] = visible;
      this.visibleNodes += visible ? 1 : -1;
      this.markNode(i);
    }

    for (let e = 0; e < tieState.length; e++) {
      const s = tieSource[e];
      const d = tieTarget[e];
      let state = TIE_HIDDEN;
      if (nodeVisible[s] === 1 && nodeVisible[d] === 1) {
        for (let k = spellOffset[e]; k < spellOffset[e + 1]; k++) {
          if (holdsAt(spellFrom[k], spellTo[k], t)) {
            state = t - spellFrom[k] < freshWindow ? TIE_FRESH : TIE_VISIBLE;
            if (state === TIE_FRESH) break;
          }
        }
      }
      const before = tieState[e];
      if (state === before) continue;
      tieState[e] = state;
      this.changedEdges.push(e);
      if ((state === TIE_HIDDEN) === (before === TIE_HIDDEN)) continue;
      const step = state === TIE_HIDDEN ? -1 : 1;
      degree[s] += step;
      degree[d] += step;
      this.visibleEdges += step;
      this.markNode(s);
      this.markNode(d);
    }

    let isolates = 0;
    for (let i = 0; i < nodeVisible.length; i++)
      if (nodeVisible[i] === 1 && degree[i] === 0) isolates++;
    this.isolates = isolates;
  }

  private markNode(i: number): void {
    if (this.nodeMark[i] === this.stamp) return;
    this.nodeMark[i] = this.stamp;
    this.changedNodes.push(i);
  }
}
