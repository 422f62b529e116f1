// Small-count suppression is one rule over any cell that carries a resident count `n`, wherever
// it sits in a report, so new report sections with `n` are covered without more code.
import t from 'tap';
import { suppressSmallCells } from '../../server/privacy/suppress.ts';

t.test('a cell with n below k has every number nulled and says suppressed', async (t) => {
  t.same(suppressSmallCells({ n: 3, mean: 40, label: 'WEMWBS' }, 4), {
    n: null,
    mean: null,
    label: 'WEMWBS',
    suppressed: true,
  });
});

t.test('a cell with n equal to k is shown as it is', async (t) => {
  t.same(suppressSmallCells({ n: 4, mean: 45 }, 4), { n: 4, mean: 45 });
});

t.test('a field of a small cell that holds numbers is nulled as a whole', async (t) => {
  const cell = { n: 2, ci95: { low: 1.5, high: 2.5 }, values: [1, 2], tags: ['a'] };
  t.same(suppressSmallCells(cell, 5), {
    n: null,
    ci95: null,
    values: null,
    tags: ['a'],
    suppressed: true,
  });
});

t.test('small cells are found at any depth, in objects and arrays', async (t) => {
  const report = {
    nodeCount: 12,
    outcomes: [
      { name: 'new section', groups: { near: { n: 1, delta: 0.5 }, far: { n: 9, delta: 0.1 } } },
    ],
  };
  t.same(suppressSmallCells(report, 5), {
    nodeCount: 12,
    outcomes: [
      {
        name: 'new section',
        groups: { near: { n: null, delta: null, suppressed: true }, far: { n: 9, delta: 0.1 } },
      },
    ],
  });
});

t.test('a large cell holding a small one keeps its own numbers', async (t) => {
  const cell = { n: 10, mean: 3, inner: { n: 2, mean: 1 } };
  t.same(suppressSmallCells(cell, 5), {
    n: 10,
    mean: 3,
    inner: { n: null, mean: null, suppressed: true },
  });
});
