// The shared read of a project's version (fresh-read.ts): callers arriving together share one read,
// and no caller is answered by a read that started before it arrived.
import t from 'tap';
import { FreshRead } from '../../server/store/fresh-read.ts';

/** Reads that end when the test says, each answering the number of writes made before it began. */
function controlled() {
  let writes = 0;
  const pending: { resolve(): void; reject(error: Error): void }[] = [];
  const reads = new FreshRead<number>(async () => {
    const seen = writes;
    await new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    return seen;
  });
  const settle = async (error?: Error) => {
    const read = pending.shift()!;
    if (error) read.reject(error);
    else read.resolve();
    // let the queued read start
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { reads, settle, write: () => (writes += 1), started: () => pending.length };
}

t.test(
  'a caller arriving while a read runs gets the next read, which sees its writes',
  async (t) => {
    const { reads, settle, write, started } = controlled();
    const first = reads.get('p');
    write(); // acknowledged after the first read began, before the next callers arrived
    const second = reads.get('p');
    const third = reads.get('p');
    t.equal(started(), 1, 'the later callers wait instead of starting reads of their own');
    await settle();
    t.equal(await first, 0);
    t.equal(started(), 1, 'one next read for both later callers');
    await settle();
    t.equal(await second, 1);
    t.equal(await third, 1);
  },
);

t.test('keys are read apart, and an idle key starts a read at once', async (t) => {
  const { reads, settle, started } = controlled();
  const p = reads.get('p');
  const q = reads.get('q');
  t.equal(started(), 2);
  await settle();
  await settle();
  t.equal(await p, 0);
  t.equal(await q, 0);
  const again = reads.get('p');
  t.equal(started(), 1, 'nothing running: a new read');
  await settle();
  t.equal(await again, 0);
});

t.test('a failed read fails its callers only; the queued read still runs', async (t) => {
  const { reads, settle, write } = controlled();
  const failing = reads.get('p');
  write();
  const later = reads.get('p');
  await settle(new Error('Neo4j went away'));
  await t.rejects(failing, { message: 'Neo4j went away' });
  await settle();
  t.equal(await later, 1);
});
