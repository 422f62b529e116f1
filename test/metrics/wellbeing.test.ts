// Wellbeing summaries and score pairing on hand-made scores.
import t from 'tap';
import {
  scoreChanges,
  scoresAtBoth,
  wellbeingAt,
  wellbeingOfWave,
  type MeasureRecord,
} from '../../server/metrics/wellbeing.ts';

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

t.test('a score from before the window is not carried forward to the moment', async (t) => {
  // Window (5, 10]: a's 46 at 10 counts; b's 50 at 2 is too old, so b has no score at 10.
  t.same(wellbeingAt(measures, participants, 10, 5).WEMWBS, {
    participants: { n: 1, mean: 46 },
    others: { n: 0, mean: null },
  });
});

const waved = (resident: string, score: number, atMs: number, wave: string | null) => ({
  ...m(resident, score, atMs),
  wave,
});

t.test(
  'scores pair from the window before each moment, or from the two waves when named',
  async (t) => {
    // B = 100, F = 200, window 50: baseline (50, 100], follow-up (150, 200].
    const scores = [
      waved('a', 40, 40, 'spring'), // before the baseline window
      waved('a', 42, 60, 'spring'),
      waved('b', 50, 90, 'spring'),
      waved('a', 45, 120, null), // between the windows: neither moment's
      waved('a', 48, 180, 'autumn'),
      waved('b', 53, 230, 'autumn'), // after F: only the wave counts it
    ];
    const byWindow = scoresAtBoth(scores, 100, 200, { windowMs: 50 });
    t.same(
      [...byWindow.baseline],
      [
        ['a', 42],
        ['b', 50],
      ],
    );
    t.same([...byWindow.followup], [['a', 48]]);
    t.same([...scoreChanges(scores, 100, 200, { windowMs: 50 })], [['a', 6]]);
    const byWave = { windowMs: 50, baselineWave: 'spring', followupWave: 'autumn' };
    t.same(
      [...scoreChanges(scores, 100, 200, byWave)],
      [
        ['a', 6],
        ['b', 3],
      ],
    );
    // with F only 30 after B, the follow-up window starts at B: no score counts at both moments
    t.same([...scoresAtBoth(scores, 100, 130, { windowMs: 50 }).followup], [['a', 45]]);
  },
);

t.test('the means of a wave take each resident’s latest score of that wave', async (t) => {
  const scores = [waved('a', 40, 1, 'w1'), waved('a', 44, 2, 'w1'), waved('c', 30, 3, 'w2')];
  t.same(wellbeingOfWave(scores, participants, 'w1'), {
    WEMWBS: { participants: { n: 1, mean: 44 }, others: { n: 0, mean: null } },
  });
});
