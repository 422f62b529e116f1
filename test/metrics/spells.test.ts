// The time rule's two primitives: spells from open/close events per key, and when a spell holds.
import t from 'tap';
import { holds, holdsAt, spells } from '../../server/metrics/spells.ts';

const open = (key: string, atMs: number) => ({ key, opens: true, atMs });
const close = (key: string, atMs: number) => ({ key, opens: false, atMs });

t.test('a spell holds from its start, inclusive, to its end, exclusive', async (t) => {
  const spell = { fromMs: 10, toMs: 20 };
  t.same(
    [9, 10, 19, 20].map((ms) => holds(spell, ms)),
    [false, true, true, false],
  );
});

t.test('an open spell holds at every moment from its start', async (t) => {
  t.same([holds({ fromMs: 10, toMs: null }, 1e15), holdsAt(10, Infinity, 1e15)], [true, true]);
});

t.test('each key gets its own spells, in the order of its events', async (t) => {
  const result = spells([open('x', 1), open('y', 2), close('x', 3), open('x', 4)]);
  t.same(Object.fromEntries(result), {
    x: [
      { fromMs: 1, toMs: 3 },
      { fromMs: 4, toMs: null },
    ],
    y: [{ fromMs: 2, toMs: null }],
  });
});

t.test('an open while open and a close while closed change nothing', async (t) => {
  const result = spells([close('x', 1), open('x', 2), open('x', 3), close('x', 4), close('x', 5)]);
  t.same(result.get('x'), [{ fromMs: 2, toMs: 4 }]);
});

t.test('a spell opened and closed at one instant is dropped, with its key', async (t) => {
  t.same(spells([open('x', 1), close('x', 1)]).size, 0);
});
