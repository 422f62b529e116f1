// Value for money on tiny hand-made networks: which way counts as a point gained, and when a cost
// per is none. The whole-programme scenario is counted by hand in test/api/costs.test.ts.
import t from 'tap';
import { BUILT_IN_INSTRUMENTS } from '../../server/instruments.ts';
import type { ResidentRecord } from '../../server/metrics/moment.ts';
import { networkAt } from '../../server/metrics/network.ts';
import { valueForMoney, type CostRecord } from '../../server/metrics/value-for-money.ts';
import type { MeasureRecord } from '../../server/metrics/wellbeing.ts';

const [WEMWBS, , UCLA3] = BUILT_IN_INSTRUMENTS;
const B = 100;
const F = 200;
const records: ResidentRecord[] = [
  { id: 'a', name: 'a', communityId: null, participant: true, joinedAtMs: 0 },
  { id: 'b', name: 'b', communityId: null, participant: true, joinedAtMs: 0 },
  { id: 'c', name: 'c', communityId: null, participant: false, joinedAtMs: 0 },
];
const ties = [{ id: 't', type: 'connection' as const, atMs: 150, seq: 0, from: 'a', to: 'c' }];
const baseline = networkAt(records, ties, B);
const followup = networkAt(records, ties, F);
const costs: CostRecord[] = [
  { id: 'x', atMs: 150, amount: 90, currency: 'EUR', groupId: null, communityId: null },
];
const m = (resident: string, instrument: string, score: number, atMs: number): MeasureRecord => ({
  resident,
  instrument,
  score,
  atMs,
});

t.test('on a lower-is-better instrument a falling score is a point gained', async (t) => {
  // UCLA-3: a 7 → 4 (3 points less lonely), b 5 → 6 (1 point lonelier): 3 − 1 = 2 points.
  const measures = [m('a', 'UCLA-3', 7, 50), m('b', 'ucla3', 5, 60), m('a', 'UCLA-3', 4, 150)];
  measures.push(m('b', 'UCLA_3', 6, 160));
  const value = valueForMoney({
    costs,
    baseline,
    followup,
    measures,
    instrument: UCLA3,
    baselineMs: B,
    followupMs: F,
    rule: { windowMs: 100 },
  });
  t.match(value, {
    instrument: 'UCLA-3',
    currency: 'EUR',
    totalCost: 90,
    participants: 2,
    costPerParticipant: 45,
    newTies: 1,
    costPerNewTie: 90,
    scoredParticipants: 2,
    wellbeingPointsGained: 2,
    costPerWellbeingPoint: 45,
  });
});

t.test('no cost per point when no points were gained, and none per nothing', async (t) => {
  // WEMWBS: a 50 → 48: −2 points. No costs in (B, F]: total 0, no currency.
  const value = valueForMoney({
    costs: [{ ...costs[0], atMs: B }],
    baseline,
    followup: networkAt(records, [], F),
    measures: [m('a', 'WEMWBS', 50, 10), m('a', 'WEMWBS', 48, 190)],
    instrument: WEMWBS,
    baselineMs: B,
    followupMs: F,
    rule: { windowMs: 100 },
  });
  t.match(value, {
    n: 1,
    currency: null,
    totalCost: 0,
    costs: 0,
    costPerParticipant: 0,
    newTies: 0,
    costPerNewTie: null,
    scoredParticipants: 1,
    wellbeingPointsGained: -2,
    costPerWellbeingPoint: null,
  });
});
