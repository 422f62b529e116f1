// The pool's time budget and its client: a computation shared by many readers hands one signal to
// task after task, and each task must leave that signal as it found it.
import t from 'tap';
import { getEventListeners } from 'node:events';
import { AnalysisPool, DEFAULT_LIMITS } from '../../server/analysis/pool.ts';

t.test('tasks run one after another under one shared signal leave no listener on it', async (t) => {
  const pool = new AnalysisPool(DEFAULT_LIMITS);
  t.teardown(() => pool.close());
  const shared = new AbortController();
  for (let i = 0; i < 12; i++) {
    t.equal(await pool.budgeted({ signal: shared.signal }, async () => i), i);
  }
  t.equal(getEventListeners(shared.signal, 'abort').length, 0);
});

t.test('a task under a shared signal stops when that signal aborts', async (t) => {
  const pool = new AnalysisPool(DEFAULT_LIMITS);
  t.teardown(() => pool.close());
  const shared = new AbortController();
  const running = pool.budgeted(
    { signal: shared.signal },
    (signal) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
  );
  shared.abort();
  await t.rejects(running, /the client went away/);
});
