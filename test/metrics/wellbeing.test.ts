// Wellbeing summaries on hand-made scores.
import t from 'tap';
import { wellbeingAt, type MeasureRecord } from '../../server/metrics/wellbeing.ts';

const m = (
  resident: string,
  score: number,
  atMs: number,
  instrument = 'WEMWBS',
): MeasureRecord => ({
  resident,
  instrument,
  score,
  atMs,
});

// a and b are participants, c is not. a is measured twice; c only after t=20.
const measures = [
  m('a', 40, 1),
  m('b', 50, 2),
  m('c', 44, 3, 'UCLA'),
  m('a', 46, 10),
  m('c', 30, 25),
];
const participants = new Set(['a', 'b']);

t.test("each resident's latest score at or before the moment is averaged per group", async (t) => {
  // At 10: a's later 46 replaces 40 (at exactly 10 counts); b 50 → mean 48. Nobody else has WEMWBS.
  t.same(wellbeingAt(measures, participants, 10), {
    WEMWBS: { participants: { n: 2, mean: 48 }, others: { n: 0, mean: null } },
    UCLA: { participants: { n: 0, mean: null }, others: { n: 1, mean: 44 } },
  });
});

t.test('scores after the moment are not counted', async (t) => {
  t.same(wellbeingAt(measures, participants, 9).WEMWBS.participants, { n: 2, mean: 45 });
  t.same(wellbeingAt(measures, participants, 0), {});
  t.same(wellbeingAt(measures, participants, 30).WEMWBS.others, { n: 1, mean: 30 });
});
