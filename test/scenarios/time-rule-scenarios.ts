// One table of time-rule scenarios, each worked by hand: residents, events in the order sent, and
// at chosen moments the residents, ties and memberships that must be there. The metrics layer,
// the API and the map's timeline module each run the whole table (test/metrics/time-rule-table,
// test/api/time-rule, test/viz/network-timeline).

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
  | { id: string; type: 'retraction'; at: number; event: string };

export interface Expected {
  at: number;
  /** Resident ids, sorted. */
  nodes: string[];
  /** Ties as "a–b" with the ids in order, sorted. */
  edges: string[];
  /** Memberships in force as "resident–group", sorted. */
  memberships: string[];
}

export interface Scenario {
  name: string;
  /** joinedAt offsets; EARLY when left out. */
  residents: { id: string; joinedAt?: number }[];
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

const ab = [{ id: 'a' }, { id: 'b' }];
const at = (time: number, edges: string[], memberships: string[] = [], nodes = ['a', 'b']) => ({
  at: time,
  nodes,
  edges,
  memberships,
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
];

/** Scenarios with retractions: a retracted event is ignored by every read, at every moment. */
export const retractionScenarios: Scenario[] = [
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
];

/** The events a reader replays: all but retractions and the events they withdraw. */
export function replayed(
  events: ScenarioEvent[],
): Exclude<ScenarioEvent, { type: 'retraction' }>[] {
  const withdrawn = new Set(events.flatMap((e) => (e.type === 'retraction' ? [e.event] : [])));
  return events.flatMap((e) => (e.type === 'retraction' || withdrawn.has(e.id) ? [] : [e]));
}
