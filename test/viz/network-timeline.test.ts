// The map's moment model against hand-counted networks: who and which ties are there at t, what
// changed between moments, and that the layout is the same for the same history.
import t from 'tap';
import type { History } from '../../viz/common/api.ts';
import { computeLayout } from '../../viz/graph/layout-compute.ts';
import {
  NetworkMoment,
  TIE_FRESH,
  TIE_HIDDEN,
  TIE_VISIBLE,
  buildTimeline,
  groupAt,
} from '../../viz/graph/network-timeline.ts';
import { membershipSpells } from '../../server/metrics/memberships.ts';
import { tieSpells } from '../../server/metrics/network.ts';
import { holdsAt } from '../../server/metrics/spells.ts';
import { participationSpells, presenceSpells } from '../../server/metrics/moment.ts';
import {
  GROUP,
  recordsOf,
  replayed,
  retractionScenarios,
  scenarios,
  T,
  type Scenario,
} from '../scenarios/time-rule-scenarios.ts';

const day = (n: number): string => new Date(Date.UTC(2025, 0, 1 + n)).toISOString();
const ms = (n: number): number => Date.UTC(2025, 0, 1 + n);

/** A history resident as /history gives one who joined at `joinedAt` and never left. */
const resident = (id: string, name: string | null, participant: boolean, joinedAt: string) => ({
  id,
  name,
  communityId: null,
  participant,
  joinedAt,
  presence: [{ from: joinedAt, to: null }],
  participation: participant ? [{ from: joinedAt, to: null }] : [],
});

const history: History = {
  project: { id: 'p', name: 'P' },
  from: day(0),
  to: day(10),
  communities: [],
  groups: [
    { id: 'garden', name: 'Garden', kind: 'space', communityId: null },
    { id: 'choir', name: 'Choir', kind: 'association', communityId: null },
  ],
  residents: [
    resident('c', null, false, day(2)),
    resident('a', 'Ada', true, day(0)),
    resident('b', 'Ben', false, day(1)),
  ],
  ties: [
    {
      source: 'a',
      target: 'b',
      kind: 'knows',
      weight: 1,
      spells: [
        { from: day(1), to: day(3) },
        { from: day(6), to: null },
      ],
    },
    { source: 'b', target: 'c', kind: 'knows', weight: 1, spells: [{ from: day(2), to: null }] },
    { source: 'c', target: 'b', kind: 'friend', weight: 2, spells: [{ from: day(5), to: null }] },
    { source: 'a', target: 'a', kind: 'knows', weight: 1, spells: [{ from: day(1), to: null }] },
  ],
  memberships: [
    { resident: 'a', group: 'choir', spells: [{ from: day(4), to: day(8) }] },
    { resident: 'a', group: 'garden', spells: [{ from: day(0), to: null }] },
  ],
};

t.test(
  'residents are ordered by joining time and a pair tied twice is one tie; self-ties are dropped',
  async (t) => {
    const timeline = buildTimeline(history);
    t.same(
      timeline.residents.map((r) => r.id),
      ['a', 'b', 'c'],
    );
    t.equal(timeline.tieSource.length, 2);
    t.equal(timeline.maxDegreeEver, 2);
    t.equal(timeline.from, ms(0));
    t.equal(timeline.to, ms(10));
  },
);

t.test(
  'the network at a moment follows the spells: from <= t < to, open spells hold',
  async (t) => {
    const moment = new NetworkMoment(buildTimeline(history));
    moment.advance(ms(0), 0);
    t.same(
      [moment.visibleNodes, moment.visibleEdges, moment.isolates],
      [1, 0, 1],
      'day 0: Ada alone',
    );
    moment.advance(ms(2), 0);
    t.same(
      [moment.visibleNodes, moment.visibleEdges, moment.isolates],
      [3, 2, 0],
      'day 2: a-b and b-c',
    );
    t.same(Array.from(moment.degree), [1, 2, 1]);
    moment.advance(ms(3), 0);
    t.same([moment.visibleEdges, moment.isolates], [1, 1], 'day 3: a-b ended at its spell end');
    moment.advance(ms(6), 0);
    t.same([moment.visibleEdges, moment.isolates], [2, 0], 'day 6: a-b formed again');
  },
);

t.test('a step lists only the residents and ties that changed', async (t) => {
  const moment = new NetworkMoment(buildTimeline(history));
  moment.advance(ms(2), 0);
  moment.advance(ms(3), 0);
  t.same(moment.changedEdges, [0], 'a-b');
  t.same(moment.changedNodes.sort(), [0, 1], 'its two ends change degree');
  moment.advance(ms(3) + 1, 0);
  t.same([moment.changedEdges.length, moment.changedNodes.length], [0, 0]);
});

t.test('ties formed within the fresh window are marked new, then plain', async (t) => {
  const moment = new NetworkMoment(buildTimeline(history));
  moment.advance(ms(6) + 1000, 86_400_000);
  t.equal(moment.tieState[0], TIE_FRESH);
  t.equal(moment.tieState[1], TIE_VISIBLE);
  moment.advance(ms(8), 86_400_000);
  t.equal(moment.tieState[0], TIE_VISIBLE);
  moment.advance(ms(4), 86_400_000);
  t.equal(moment.tieState[0], TIE_HIDDEN);
});

t.test(
  "a resident's group is their first membership holding at t, else their earliest",
  async (t) => {
    const timeline = buildTimeline(history);
    t.equal(
      timeline.groups[groupAt(timeline, 0, ms(5))].id,
      'choir',
      'choir holds on day 5 and is listed first',
    );
    t.equal(timeline.groups[groupAt(timeline, 0, ms(9))].id, 'garden');
    t.equal(groupAt(timeline, 1, ms(9)), -1, 'Ben has no group');
  },
);

t.test(
  'the layout is the same for the same history, whatever order the API lists it in',
  async (t) => {
    const shuffled = {
      ...history,
      residents: [...history.residents].reverse(),
      ties: [...history.ties].reverse(),
    };
    const layout = (h: History): number[] => {
      const timeline = buildTimeline(h);
      const ties = new Int32Array(timeline.tieSource.length * 2);
      timeline.tieSource.forEach(
        (s, e) => ((ties[2 * e] = s), (ties[2 * e + 1] = timeline.tieTarget[e])),
      );
      return Array.from(computeLayout({ order: timeline.residents.length, ties }));
    };
    const first = layout(history);
    t.same(layout(shuffled), first);
    t.ok(first.every(Number.isFinite));
  },
);

/** A scenario's history as /history gives it: the server's spells of its replayed events. */
function historyOf(scenario: Scenario): History {
  const iso = (ms: number) => new Date(T + ms).toISOString();
  const spellsOut = (spells: { fromMs: number; toMs: number | null }[]) =>
    spells.map((s) => ({
      from: new Date(s.fromMs).toISOString(),
      to: s.toMs === null ? null : new Date(s.toMs).toISOString(),
    }));
  const events = replayed(scenario.events)
    .map((e, seq) => ({ ...e, atMs: T + e.at, seq }))
    .sort((x, y) => x.atMs - y.atMs || x.seq - y.seq);
  const ties = events.flatMap((e) =>
    e.type === 'connection' || e.type === 'disconnection' ? [e] : [],
  );
  const memberships = events.flatMap((e) =>
    e.type === 'membership' || e.type === 'departure' ? [e] : [],
  );
  return {
    project: { id: 'p', name: 'P' },
    from: iso(Math.min(0, ...scenario.events.map((e) => e.at))),
    to: iso(0),
    communities: [],
    groups: [{ ...GROUP, communityId: null }],
    residents: recordsOf(scenario).map((r) => ({
      id: r.id,
      name: null,
      communityId: null,
      participant: r.participant,
      joinedAt: new Date(r.joinedAtMs).toISOString(),
      presence: spellsOut(presenceSpells(r)),
      participation: spellsOut(participationSpells(r)),
    })),
    ties: [...tieSpells(ties).values()].map((tie) => ({
      ...tie,
      kind: tie.kind ?? 'knows',
      spells: spellsOut(tie.spells),
    })),
    memberships: membershipSpells(memberships).map((m) => ({ ...m, spells: spellsOut(m.spells) })),
  };
}

for (const scenario of [...scenarios, ...retractionScenarios]) {
  t.test(`the map's moment follows the time-rule table: ${scenario.name}`, async (t) => {
    const timeline = buildTimeline(historyOf(scenario));
    const moment = new NetworkMoment(timeline);
    const ids = timeline.residents.map((r) => r.id);
    for (const expected of scenario.expected) {
      moment.advance(T + expected.at, 0);
      const nodes = ids.filter((_, i) => moment.nodeVisible[i] === 1).sort();
      const edges = [...moment.tieState.keys()]
        .filter((e) => moment.tieState[e] !== TIE_HIDDEN)
        .map((e) => [ids[timeline.tieSource[e]], ids[timeline.tieTarget[e]]].sort().join('–'))
        .sort();
      t.same(nodes, expected.nodes, `residents at T${expected.at}ms`);
      t.same(edges, expected.edges, `ties at T${expected.at}ms`);
      const inGroup = ids
        .filter((id, i) => moment.nodeVisible[i] === 1 && inGroupAt(timeline, i, T + expected.at))
        .map((id) => `${id}–${GROUP.id}`);
      t.same(inGroup, expected.memberships, `memberships at T${expected.at}ms`);
    }
  });
}

/** Whether one of resident i's membership spells, as the timeline holds them, holds at t. */
function inGroupAt(timeline: ReturnType<typeof buildTimeline>, i: number, at: number): boolean {
  for (let m = timeline.membershipOffset[i]; m < timeline.membershipOffset[i + 1]; m++) {
    if (holdsAt(timeline.membershipFrom[m], timeline.membershipTo[m], at)) return true;
  }
  return false;
}
