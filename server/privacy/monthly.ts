// A partner's times: every instant a network read shows (joining, leaving and returning,
// participation, tie segments and events, memberships) moved to the start of its month in the
// project's time zone. A partner reads only at month ends (momentFor), and there the network is
// unchanged: a time is at or before a month end exactly when the start of its month is.
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { ResidentRecord, TieSegment } from '../metrics/moment.ts';
import type { TieEvent } from '../metrics/network.ts';
import type { Spell } from '../metrics/spells.ts';
import type { HistoryInput, MomentInput, ReplayInput } from '../store/network.ts';
import type { Resident } from '../store/residents.ts';
import { monthStart } from './deidentify.ts';

/** Month starts fall on local midnights, and every zone's offset is a multiple of 15 minutes. */
const QUARTER_HOUR = 900_000;

/** The start of each instant's month in a zone, worked out once per quarter hour it falls in. */
function monthsIn(timeZone: string): Month {
  const memo = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / QUARTER_HOUR);
    let start = memo.get(slot);
    if (start === undefined) memo.set(slot, (start = monthStart(ms, timeZone)));
    return start;
  };
}

type Month = (ms: number) => number;

/** Spells within one month hold at no month end: left out. */
const spells = (list: readonly Spell[], month: Month): Spell[] =>
  list.flatMap((s) => {
    const fromMs = month(s.fromMs);
    const toMs = s.toMs === null ? null : month(s.toMs);
    return fromMs === toMs ? [] : [{ fromMs, toMs }];
  });

const records = (list: readonly ResidentRecord[], month: Month): ResidentRecord[] =>
  list.map((r) => ({
    ...r,
    joinedAtMs: month(r.joinedAtMs),
    moves: r.moves?.map((m) => ({ ...m, atMs: month(m.atMs) })),
    participations: r.participations && spells(r.participations, month),
  }));

const residents = (list: readonly Resident[], month: Month): Resident[] =>
  list.map((r) => ({
    ...r,
    joinedAt: new Date(month(Date.parse(r.joinedAt))).toISOString(),
    moves: r.moves.map((m) => ({ ...m, atMs: month(m.atMs) })),
    participations: spells(r.participations, month),
  }));

/** Tie events in their replay order, which the instants they share now keep through `seq`. */
const ties = (list: readonly TieEvent[], month: Month): TieEvent[] =>
  list.map((e, seq) => ({ ...e, atMs: month(e.atMs), seq }));

const memberships = (list: readonly MembershipEvent[], month: Month) =>
  list.map((m) => ({ ...m, atMs: month(m.atMs) }));

const segments = (list: readonly TieSegment[], month: Month): TieSegment[] =>
  list.flatMap((s) => {
    const since = month(s.since);
    const until = s.until === null ? null : month(s.until);
    return since === until ? [] : [{ ...s, since, until, formed: month(s.formed) }];
  });

const span = (s: ReplayInput['span'], month: Month) => ({
  ...s,
  firstMs: s.firstMs === null ? null : month(s.firstMs),
  lastMs: s.lastMs === null ? null : month(s.lastMs),
});

export function monthlyReplay<T extends ReplayInput>(input: T, timeZone: string): T {
  const month = monthsIn(timeZone);
  return {
    ...input,
    residents: residents(input.residents, month),
    records: records(input.records, month),
    ties: ties(input.ties, month),
    span: span(input.span, month),
  };
}

export function monthlyHistory(input: HistoryInput, timeZone: string): HistoryInput {
  return {
    ...monthlyReplay(input, timeZone),
    memberships: memberships(input.memberships, monthsIn(timeZone)),
  };
}

export function monthlyMoment(input: MomentInput, timeZone: string): MomentInput {
  const month = monthsIn(timeZone);
  return { records: records(input.records, month), segments: segments(input.segments, month) };
}

/** The membership spells holding at a moment, their bounds moved likewise. */
export function monthlySpells<M extends { spells: Spell[] }>(
  list: readonly M[],
  timeZone: string,
): M[] {
  const month = monthsIn(timeZone);
  return list.map((m) => ({ ...m, spells: spells(m.spells, month) }));
}
