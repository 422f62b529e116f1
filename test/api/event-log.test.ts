// The event log reads back as it was written, in replay order (time, then receipt), a page at a
// time, filtered by time, type or resident.
import t from 'tap';
import { auth, postOk, projectWith, testApp } from '../helpers/server.ts';

t.test('the event log', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'log');
  await postOk(app, `${api}/residents`, {
    residents: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase() })),
  });
  await postOk(app, `${api}/groups`, { id: 'walk', name: 'Walking group', kind: 'activity' });
  // Sent out of time order; e2 and e3 share an instant and must come back in the order sent.
  await postOk(app, `${api}/events`, {
    events: [
      {
        id: 'e4',
        type: 'measure',
        at: '2025-03-03T09:00:00Z',
        resident: 'c',
        instrument: 'WEMWBS',
        score: 51,
        wave: 'baseline',
      },
      { id: 'e1', type: 'connection', at: '2025-03-01T19:30:00+01:00', from: 'a', to: 'b' },
      { id: 'e2', type: 'attendance', at: '2025-03-02T10:00:00Z', resident: 'a', group: 'walk' },
      { id: 'e3', type: 'disconnection', at: '2025-03-02T10:00:00Z', from: 'b', to: 'a' },
    ],
  });
  await postOk(app, `${api}/events`, {
    id: 'e5',
    type: 'connection',
    at: '2025-03-02T10:00:00Z',
    from: 'b',
    to: 'c',
    kind: 'support',
    strength: 3,
    source: 'survey',
  });

  const read = async (query: string) => {
    const response = await app.inject({ url: `${api}/events?${query}`, headers: auth });
    t.equal(response.statusCode, 200, response.body.slice(0, 200));
    return response.json() as { events: Record<string, unknown>[]; next: string | null };
  };

  t.test('pages of two walk the whole log in replay order', async (t) => {
    const ids: string[] = [];
    let query = 'limit=2';
    for (let pages = 1; ; pages++) {
      const page = await read(query);
      ids.push(...page.events.map((e) => e.id as string));
      if (!page.next) {
        t.equal(pages, 3, 'five events in pages of 2, 2 and 1');
        break;
      }
      query = `limit=2&after=${page.next}`;
    }
    // e1 at 18:30Z on 1 March; e2, e3 (one batch, sent in that order) then e5 (a later request)
    // at 10:00Z on 2 March; e4 on 3 March.
    t.same(ids, ['e1', 'e2', 'e3', 'e5', 'e4']);
  });

  t.test('an event reads back as sent, with its defaults and `at` in UTC', async (t) => {
    const { events } = await read('limit=1');
    t.same(events[0], {
      id: 'e1',
      type: 'connection',
      at: '2025-03-01T18:30:00.000Z',
      from: 'a',
      to: 'b',
      kind: 'knows',
      strength: 1,
      source: 'workshop',
    });
  });

  t.test('filters: type, resident and an inclusive time window', async (t) => {
    t.same(
      (await read('type=measure,disconnection')).events.map((e) => e.id),
      ['e3', 'e4'],
    );
    t.same(
      (await read('resident=c')).events.map((e) => e.id),
      ['e5', 'e4'],
    );
    t.same(
      (await read('from=2025-03-02T10:00:00Z&to=2025-03-02T10:00:00Z')).events.map((e) => e.id),
      ['e2', 'e3', 'e5'],
    );
  });

  t.test('a bad cursor or type is a 400 naming the parameter', async (t) => {
    for (const [query, path] of [
      ['after=not-a-cursor', 'after'],
      ['type=hug', 'type.0'],
    ]) {
      const response = await app.inject({ url: `${api}/events?${query}`, headers: auth });
      t.equal(response.statusCode, 400);
      t.same(
        response.json().details.map((d: { path: string }) => d.path),
        [path],
      );
    }
  });
});
