// The table of time-rule scenarios (test/scenarios) run against the metrics layer: the network at
// each moment from networkAt, and the memberships in force from the bipartite group layer.
import t from 'tap';
import { UndirectedGraph } from 'graphology';
import {
  addGroupLayer,
  membershipSpells,
  type MembershipEvent,
} from '../../server/metrics/memberships.ts';
import { networkAt, type TieEvent } from '../../server/metrics/network.ts';
import {
  GROUP,
  recordsOf,
  replayed,
  retractionScenarios,
  scenarios,
  T,
  type Scenario,
} from '../scenarios/time-rule-scenarios.ts';

const sorted = (list: string[]) => [...list].sort();

function inputsOf(scenario: Scenario) {
  const events = replayed(scenario.events)
    .map((e, seq) => ({ ...e, atMs: T + e.at, seq }))
    .sort((x, y) => x.atMs - y.atMs || x.seq - y.seq);
  const ties: TieEvent[] = [];
  const memberships: MembershipEvent[] = [];
  for (const e of events) {
    if (e.type === 'membership' || e.type === 'departure') memberships.push(e);
    else if (e.type === 'connection' || e.type === 'disconnection') ties.push(e);
  }
  return { records: recordsOf(scenario), ties, memberships: membershipSpells(memberships) };
}

for (const scenario of [...scenarios, ...retractionScenarios]) {
  t.test(scenario.name, async (t) => {
    const { records, ties, memberships } = inputsOf(scenario);
    for (const expected of scenario.expected) {
      const graph = networkAt(records, ties, T + expected.at);
      t.same(sorted(graph.nodes()), expected.nodes, `residents at T${expected.at}ms`);
      t.same(
        sorted(graph.edges().map((e) => graph.extremities(e).sort().join('–'))),
        expected.edges,
        `ties at T${expected.at}ms`,
      );
      const layered = graph.copy() as unknown as UndirectedGraph;
      addGroupLayer(layered, [{ ...GROUP, communityId: null }], memberships, T + expected.at);
      const inForce = layered
        .filterEdges((_, attributes) => attributes.layer === 'membership')
        .map((e) => `${layered.source(e)}–${GROUP.id}`);
      t.same(sorted(inForce), expected.memberships, `memberships at T${expected.at}ms`);
      t.same(
        sorted(graph.filterNodes((_, attributes) => attributes.participant === true)),
        expected.participants ?? [],
        `participants at T${expected.at}ms`,
      );
    }
  });
}
