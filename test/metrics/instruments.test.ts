// Instrument identity is one rule: "UCLA-3", "ucla3", "ucla 3" and "UCLA_3" are one instrument in
// validation, in the wellbeing means and in the butterfly's pairs of scores.
import t from 'tap';
import {
  BUILT_IN_INSTRUMENTS,
  findInstrument,
  instrumentFacts,
  instrumentKey,
  instrumentNamer,
  scoreOutOfRange,
  type Instrument,
} from '../../server/instruments.ts';
import { outcomes } from '../../server/metrics/outcomes.ts';
import { wellbeingAt, type MeasureRecord } from '../../server/metrics/wellbeing.ts';

const temperature: Instrument = {
  id: 'temperature',
  name: 'Community temperature',
  min: 1,
  max: 10,
  higherIsBetter: true,
};
const registry = [...BUILT_IN_INSTRUMENTS, temperature];

t.test('spellings that differ in case, spaces, hyphens and underscores are one key', async (t) => {
  const keys = ['UCLA-3', 'ucla3', 'ucla 3', 'UCLA_3', 'Ucla - 3'].map(instrumentKey);
  t.same(new Set(keys), new Set(['ucla3']));
  t.not(instrumentKey('UCLA'), instrumentKey('UCLA-3'), 'a different name stays different');
});

t.test('a measure finds its instrument among the built-ins and the project’s own', async (t) => {
  t.equal(findInstrument(registry, 'ucla 3')?.id, 'UCLA-3');
  t.equal(findInstrument(registry, 'Temperature')?.id, 'temperature');
  t.equal(findInstrument(BUILT_IN_INSTRUMENTS, 'temperature'), undefined, 'not another project’s');
  t.equal(findInstrument(registry, 'mood'), undefined);
});

t.test('a project instrument’s own range decides, ends included', async (t) => {
  t.equal(scoreOutOfRange(temperature, 1), null);
  t.equal(scoreOutOfRange(temperature, 10), null);
  t.equal(scoreOutOfRange(temperature, 0.5), 'temperature scores run from 1 to 10');
  t.equal(scoreOutOfRange(temperature, 11), 'temperature scores run from 1 to 10');
});

t.test(
  'a registered instrument is named by its id, any other by the first spelling met',
  async (t) => {
    const named = instrumentNamer(registry);
    t.equal(named('ucla3'), 'UCLA-3');
    t.equal(named('wemwbs'), 'WEMWBS');
    t.equal(named('Mood'), 'Mood');
    t.equal(named('mood'), 'Mood', 'an unregistered name keeps its first spelling');
  },
);

t.test('the report’s facts say which way is better, and nothing for an unknown name', async (t) => {
  t.same(instrumentFacts(registry, ['UCLA-3', 'temperature', 'Mood']), {
    Mood: { name: 'Mood', min: null, max: null, higherIsBetter: null, description: null },
    'UCLA-3': {
      name: 'Three-item UCLA Loneliness Scale',
      min: 3,
      max: 9,
      higherIsBetter: false,
      description: BUILT_IN_INSTRUMENTS[2].description,
    },
    temperature: {
      name: 'Community temperature',
      min: 1,
      max: 10,
      higherIsBetter: true,
      description: null,
    },
  });
});

const m = (resident: string, instrument: string, score: number, atMs: number): MeasureRecord => ({
  resident,
  instrument,
  score,
  atMs,
});

t.test('wellbeing means count UCLA-3 and ucla3 as one instrument', async (t) => {
  // p scored 6 as "UCLA-3", later 4 as "ucla3" (latest counts); q scored 8 as "ucla 3".
  // Participants {p}: mean 4 (n 1); others {q}: mean 8 (n 1). One key, the first spelling.
  const measures = [m('p', 'UCLA-3', 6, 1), m('q', 'ucla 3', 8, 2), m('p', 'ucla3', 4, 3)];
  t.same(wellbeingAt(measures, new Set(['p']), 10), {
    'UCLA-3': { participants: { n: 1, mean: 4 }, others: { n: 1, mean: 8 } },
  });
});

t.test('the butterfly pairs a baseline "UCLA-3" with a follow-up "ucla3"', async (t) => {
  // p (participant) and d tied from the start: d is direct. Baseline B = 10, follow-up F = 20.
  // p: 6 at 1 ("UCLA-3") then 4 at 15 ("ucla3"): change −2. d: 7 then 6: change −1.
  const records = [
    { id: 'p', name: 'p', communityId: null, participant: true, joinedAtMs: 0 },
    { id: 'd', name: 'd', communityId: null, participant: false, joinedAtMs: 0 },
  ];
  const ties = [{ id: 't', type: 'connection' as const, atMs: 0, seq: 0, from: 'p', to: 'd' }];
  const measures = [
    m('p', 'UCLA-3', 6, 1),
    m('d', 'ucla 3', 7, 1),
    m('p', 'ucla3', 4, 15),
    m('d', 'UCLA_3', 6, 15),
  ];
  const { butterfly } = outcomes({
    records,
    ties,
    memberships: [],
    attendances: [],
    measures,
    instruments: BUILT_IN_INSTRUMENTS,
    primaryInstrument: 'WEMWBS',
    baselineMs: 10,
    followupMs: 20,
  });
  t.same(Object.keys(butterfly), ['UCLA-3']);
  t.match(butterfly['UCLA-3'].participants, { n: 1, meanChange: -2, ci95: null });
  t.match(butterfly['UCLA-3'].direct, { n: 1, meanChange: -1, ci95: null });
});
