// One table of time-rule scenarios, each worked by hand: residents, events in the order sent, and
// at chosen moments the residents, ties, memberships and participants that must be there. The
// metrics layer, the API (with the exports) and the map's timeline module each run the whole table
// (test/metrics/time-rule-table, test/api/time-rule, test/viz/network-timeline).
import type { ResidentRecord } from '../../server/metrics/moment.ts';

/** Every moment is T plus an offset in milliseconds; `h(n)` is n hours. */
export const T = Date.parse('2025-03-10T12:00:00.000Z');
export const h = (hours: number) => hours * 3_600_000;
/** Residents without a joinedAt in a scenario joined long before anything happens. */
export const EARLY = h(-1000);
/** The one group every scenario may name. */
export const GROUP = { id: 'g', name: 'Garden club', kind: 'association' as const };

export type ScenarioEvent =
  | { id: string; type: 'connection' | 'disconnection'; at: number; from: string; to: string }
  | { id: string; type: 'membership' | 'departure'; at: number; resident: string; group: string }
  | { id: string; type: 'leave' | 'return'; at: number; resident: string }
  | { id: string; type: 'participation'; at: number; until?: number; resident: string }
  | { id: string; type: 'interview'; at: number; resident: string; wave: string }
  | { id: string; type: 'retraction'; at: number; event: string };

export interface Expected {
  at: number;
  /** Resident ids, sorted. */
  nodes: string[];
  /** Ties as "a–b" with the ids in order, sorted. */
  edges: string[];
  /** Memberships in force as "resident–group", sorted. */
  memberships: string[];
  /** The residents in the network then who are participants then, sorted (none when left out). */
  participants?: string[];
}

export interface Scenario {
  name: string;
  /** joinedAt offsets (EARLY when left out), and the undated participant flag. */
  residents: { id: string; joinedAt?: number; participant?: boolean }[];
  events: ScenarioEvent[];
  expected: Expected[];
}

const c = (id: string, at: number, from: string, to: string): ScenarioEvent => ({
  id,
  type: 'connection',
  at,
  from,
  to,
});
const d = (id: string, at: number, from: string, to: string): ScenarioEvent => ({
  id,
  type: 'disconnection',
  at,
  from,
  to,
});
const joins = (id: string, at: number, resident: string): ScenarioEvent => ({
  id,
  type: 'membership',
  at,
  resident,
  group: 'g',
});
const leaves = (id: string, at: number, resident: string): ScenarioEvent => ({
  id,
  type: 'departure',
  at,
  resident,
  group: 'g',
});
const retract = (id: string, at: number, event: string): ScenarioEvent => ({
  id,
  type: 'retraction',
  at,
  event,
});

const away = (id: string, at: number, resident: string): ScenarioEvent => ({
  id,
  type: 'leave',
  at,
  resident,
});
const back = (id: string, at: number, resident: string): ScenarioEvent => ({
  id,
  type: 'return',
  at,
  resident,
});
const takesPart = (id: string, at: number, resident: string, until?: number): ScenarioEvent => ({
  id,
  type: 'participation',
  at,
  resident,
  ...(until === undefined ? {} : { until }),
});

const interview = (id: string, at: number, resident: string): ScenarioEvent => ({
  id,
  type: 'interview',
  at,
  resident,
  wave: 'w1',
});

const ab = [{ id: 'a' }, { id: 'b' }];
const abc = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
const at = (time: number, edges: string[], memberships: string[] = [], nodes = ['a', 'b']) => ({
  at: time,
  nodes,
  edges,
  memberships,
});
/** At `time`: these residents, ties and participants (no memberships). */
const seen = (time: number, nodes: string[], edges: string[], participants: string[] = []) => ({
  at: time,
  nodes,
  edges,
  memberships: [],
  participants,
});

export const scenarios: Scenario[] = [
  {
    name: 'a tie formed before t holds at t, not before it formed',
    residents: ab,
    events: [c('x1', h(-1), 'a', 'b')],
    expected: [at(h(-2), []), at(0, ['a–b'])],
  },
  {
    name: 'a tie formed exactly at t holds at t and not a millisecond earlier',
    residents: ab,
    events: [c('x1', 0, 'a', 'b')],
    expected: [at(-1, []), at(0, ['a–b'])],
  },
  {
    name: 'a tie ended exactly at t is gone at t and held a millisecond earlier',
    residents: ab,
    events: [c('x1', h(-2), 'a', 'b'), d('x2', 0, 'b', 'a')],
    expected: [at(-1, ['a–b']), at(0, [])],
  },
  {
    name: 'a pair that disconnects and reconnects is tied again from the reconnection',
    residents: ab,
    events: [c('x1', h(-3), 'a', 'b'), d('x2', h(-2), 'a', 'b'), c('x3', h(-1), 'b', 'a')],
    expected: [at(h(-2.5), ['a–b']), at(h(-1.5), []), at(0, ['a–b'])],
  },
  {
    name: 'a connection and a disconnection at the same instant leave no tie at any moment',
    residents: ab,
    events: [c('x1', 0, 'a', 'b'), d('x2', 0, 'a', 'b')],
    expected: [at(-1, []), at(0, []), at(h(1), [])],
  },
  {
    name: 'a disconnection then a connection at the same instant leave the pair tied',
    residents: ab,
    events: [c('x1', h(-2), 'a', 'b'), d('x2', 0, 'a', 'b'), c('x3', 0, 'a', 'b')],
    expected: [at(h(-1), ['a–b']), at(0, ['a–b'])],
  },
  {
    name: 'a disconnection of a pair never tied is ignored',
    residents: ab,
    events: [d('x1', h(-2), 'a', 'b'), c('x2', h(-1), 'a', 'b')],
    expected: [at(h(-1.5), []), at(0, ['a–b'])],
  },
  {
    name: 'repeated connections make one tie and a self-tie is ignored',
    residents: ab,
    events: [c('x1', h(-3), 'a', 'b'), c('x2', h(-2), 'b', 'a'), c('x3', h(-1), 'a', 'a')],
    expected: [at(0, ['a–b'])],
  },
  {
    name: 'a tie named before a resident joins appears when they join',
    residents: [{ id: 'a' }, { id: 'b' }, { id: 'c', joinedAt: 0 }],
    events: [c('x1', h(-2), 'a', 'b'), c('x2', h(-1), 'a', 'c')],
    expected: [at(-1, ['a–b']), at(0, ['a–b', 'a–c'], [], ['a', 'b', 'c'])],
  },
  {
    name: 'a departure closes a membership, a repeat changes nothing, a departure at t counts',
    residents: ab,
    events: [
      joins('x1', h(-3), 'a'),
      joins('x2', h(-2), 'b'),
      joins('x3', h(-1.5), 'b'),
      leaves('x4', h(-1), 'a'),
    ],
    expected: [at(h(-4), []), at(h(-2), [], ['a–g', 'b–g']), at(h(-1), [], ['b–g'])],
  },
  {
    name: 'joining and leaving a group at the same instant leaves no membership',
    residents: ab,
    events: [joins('x1', 0, 'a'), leaves('x2', 0, 'a')],
    expected: [at(0, []), at(h(1), [])],
  },
  {
    name: 'a resident who leaves is out of the network from the leave, with their ties',
    residents: abc,
    events: [c('x1', h(-3), 'c', 'a'), away('x2', h(-1), 'c')],
    expected: [
      seen(h(-1) - 1, ['a', 'b', 'c'], ['a–c']),
      seen(h(-1), ['a', 'b'], []),
      seen(h(5), ['a', 'b'], []),
    ],
  },
  {
    name: 'a resident who returns is back from the return, with the ties nobody ended',
    residents: ab,
    events: [c('x1', h(-4), 'a', 'b'), away('x2', h(-3), 'b'), back('x3', h(-1), 'b')],
    expected: [seen(h(-2), ['a'], []), seen(h(-1), ['a', 'b'], ['a–b'])],
  },
  {
    name: 'a tie ended while a resident is away stays ended when they return',
    residents: ab,
    events: [
      c('x1', h(-4), 'a', 'b'),
      away('x2', h(-3), 'b'),
      d('x3', h(-2), 'a', 'b'),
      back('x4', h(-1), 'b'),
    ],
    expected: [seen(h(-3.5), ['a', 'b'], ['a–b']), seen(0, ['a', 'b'], [])],
  },
  {
    name: 'a resident away holds no membership, and holds it again on returning',
    residents: ab,
    events: [joins('x1', h(-4), 'a'), away('x2', h(-3), 'a'), back('x3', h(-1), 'a')],
    expected: [at(h(-3.5), [], ['a–g']), at(h(-2), [], [], ['b']), at(0, [], ['a–g'])],
  },
  {
    name: 'a participation holds from its start up to its end; the flag holds from joining',
    residents: [{ id: 'a', participant: true }, { id: 'b' }],
    events: [takesPart('x1', h(-2), 'b', h(-1))],
    expected: [
      seen(h(-2) - 1, ['a', 'b'], [], ['a']),
      seen(h(-2), ['a', 'b'], [], ['a', 'b']),
      seen(h(-1), ['a', 'b'], [], ['a']),
    ],
  },
  {
    name: 'a participation without an end goes on; a participant is in the network once joined',
    residents: [{ id: 'a' }, { id: 'b', joinedAt: h(-1) }],
    events: [takesPart('x1', h(-3), 'a'), takesPart('x2', h(-2), 'b')],
    expected: [seen(h(-2.5), ['a'], [], ['a']), seen(0, ['a', 'b'], [], ['a', 'b'])],
  },
];

/** Scenarios with retractions: a retracted event is ignored by every read, at every moment. */
export const retractionScenarios: Scenario[] = [
  {
    name: 'a wave answer ends the ties its respondent no longer names; a tie of two not asked stays',
    residents: abc,
    // what POST …/waves/w1/answers {resident: "a", named: ["b"]} writes when a holds a–b and a–c
    events: [
      c('x1', h(-3), 'a', 'b'),
      c('x2', h(-3), 'a', 'c'),
      c('x3', h(-3), 'b', 'c'),
      interview('w1', h(-1), 'a'),
      d('w2', h(-1), 'c', 'a'),
    ],
    expected: [
      seen(h(-1) - 1, ['a', 'b', 'c'], ['a–b', 'a–c', 'b–c']),
      seen(h(-1), ['a', 'b', 'c'], ['a–b', 'b–c']),
    ],
  },
  {
    name: "retracting a pair's only connection leaves no tie at any moment",
    residents: ab,
    events: [c('x1', h(-2), 'a', 'b'), retract('r1', h(-1), 'x1')],
    expected: [at(h(-1.5), []), at(0, [])],
  },
  {
    name: 'retracting a disconnection brings the tie back for the whole period',
    residents: ab,
    events: [c('x1', h(-3), 'a', 'b'), d('x2', h(-2), 'a', 'b'), retract('r1', h(-1), 'x2')],
    expected: [at(h(-1.5), ['a–b']), at(0, ['a–b'])],
  },
  {
    name: 'retracting the first of two connections makes the tie start at the second',
    residents: ab,
    events: [c('x1', h(-3), 'a', 'b'), c('x2', h(-1), 'a', 'b'), retract('r1', 0, 'x1')],
    expected: [at(h(-2), []), at(0, ['a–b'])],
  },
  {
    name: 'retracting a membership leaves the resident out of the group',
    residents: ab,
    events: [joins('x1', h(-2), 'a'), joins('x2', h(-2), 'b'), retract('r1', h(-1), 'x1')],
    expected: [at(h(-1.5), [], ['b–g']), at(0, [], ['b–g'])],
  },
  {
    name: 'retracting a departure keeps the membership in force',
    residents: ab,
    events: [joins('x1', h(-3), 'a'), leaves('x2', h(-2), 'a'), retract('r1', h(-1), 'x2')],
    expected: [at(h(-1.5), [], ['a–g']), at(0, [], ['a–g'])],
  },
  {
    name: 'retracting a leave keeps the resident and their ties in the network throughout',
    residents: ab,
    events: [c('x1', h(-3), 'a', 'b'), away('x2', h(-2), 'b'), retract('r1', h(-1), 'x2')],
    expected: [seen(h(-1.5), ['a', 'b'], ['a–b']), seen(0, ['a', 'b'], ['a–b'])],
  },
  {
    name: 'retracting a return keeps the resident away from their leave on',
    residents: ab,
    events: [away('x1', h(-3), 'b'), back('x2', h(-2), 'b'), retract('r1', h(-1), 'x2')],
    expected: [seen(h(-1.5), ['a'], []), seen(0, ['a'], [])],
  },
  {
    name: 'retracting a participation leaves the resident no participant at any moment',
    residents: ab,
    events: [takesPart('x1', h(-2), 'a'), retract('r1', h(-1), 'x1')],
    expected: [seen(h(-1.5), ['a', 'b'], []), seen(0, ['a', 'b'], [])],
  },
];

/**
 * The scenario's residents as the store's reads give them (`T` the table's origin): joinedAt, the
 * flag, and their leave, return and participation events that are not retracted, in replay order.
 */
export function recordsOf(scenario: Scenario, origin = T): ResidentRecord[] {
  const events = replayed(scenario.events)
    .map((e, seq) => ({ ...e, seq }))
    .sort((x, y) => x.at - y.at || x.seq - y.seq);
  return scenario.residents.map((r) => ({
    id: r.id,
    name: r.id,
    communityId: null,
    participant: r.participant ?? false,
    joinedAtMs: origin + (r.joinedAt ?? EARLY),
    moves: events.flatMap((e) =>
      (e.type === 'leave' || e.type === 'return') && e.resident === r.id
        ? [{ atMs: origin + e.at, leaves: e.type === 'leave' }]
        : [],
    ),
    participations: events.flatMap((e) =>
      e.type === 'participation' && e.resident === r.id
        ? [{ fromMs: origin + e.at, toMs: e.until === undefined ? null : origin + e.until }]
        : [],
    ),
  }));
}

/** A scenario's event as the API takes it: its moments (at, until) as ISO 8601 from `origin`. */
export function sent(event: ScenarioEvent, origin = T) {
  const iso = (offset: number) => new Date(origin + offset).toISOString();
  return {
    ...event,
    at: iso(event.at),
    ...('until' in event && event.until !== undefined ? { until: iso(event.until) } : {}),
  };
}

/** The events a reader replays: all but retractions and the events they withdraw. */
export function replayed(
  events: ScenarioEvent[],
): Exclude<ScenarioEvent, { type: 'retraction' }>[] {
  const withdrawn = new Set(events.flatMap((e) => (e.type === 'retraction' ? [e.event] : [])));
  return events.flatMap((e) => (e.type === 'retraction' || withdrawn.has(e.id) ? [] : [e]));
}
