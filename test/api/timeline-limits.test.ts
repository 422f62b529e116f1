// Timeline requests that used to be expensive or fail: huge ranges are counted and refused, the
// betweenness timeline has a point limit, and points before anyone joined are empty, not a 500.
import t from 'tap';
import { auth, postOk, projectWith, testApp } from '../helpers/server.ts';

t.test('timeline limits', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'timeline-limits');
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'a', name: 'A', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'b', name: 'B', joinedAt: '2025-01-01T00:00:00Z' },
    ],
  });
  await postOk(app, `${api}/events`, {
    id: 'e1',
    type: 'connection',
    at: '2025-01-02T00:00:00Z',
    from: 'a',
    to: 'b',
  });
  const timeline = (query: string) =>
    app.inject({ url: `${api}/timeline?${query}`, headers: auth });

  t.test('a daily timeline over three centuries is refused naming `interval`', async (t) => {
    const response = await timeline(
      'from=1900-01-01T00:00:00Z&to=2200-01-01T00:00:00Z&interval=day',
    );
    t.equal(response.statusCode, 400);
    t.same(response.json().details, [{ path: 'interval', message: '109574 points' }]);
  });

  t.test('a betweenness timeline of 100 points is answered', async (t) => {
    // 1 January to 10 April 2025 is 31 + 28 + 31 + 10 = 100 days
    const response = await timeline(
      'from=2025-01-01T00:00:00Z&to=2025-04-10T00:00:00Z&interval=day&centralities=true',
    );
    t.equal(response.statusCode, 200, response.body.slice(0, 300));
    t.equal(response.json().points.length, 100);
  });

  t.test('a betweenness timeline of 101 points is refused naming `centralities`', async (t) => {
    const response = await timeline(
      'from=2025-01-01T00:00:00Z&to=2025-04-11T00:00:00Z&interval=day&centralities=true',
    );
    t.equal(response.statusCode, 400, response.body.slice(0, 300));
    t.same(
      response.json().details.map((d: { path: string }) => d.path),
      ['centralities'],
    );
  });

  t.test('a betweenness timeline starting before anyone joined has empty points', async (t) => {
    const response = await timeline(
      'from=2024-11-15T00:00:00Z&to=2025-01-15T00:00:00Z&interval=month&centralities=true',
    );
    t.equal(response.statusCode, 200, response.body.slice(0, 300));
    const points = response.json().points as {
      nodeCount: number;
      topBetweenness: unknown[];
      meanBetweenness: number;
    }[];
    // November and December 2024: nobody yet; January 2025: a and b, one tie
    t.same(
      points.map((q) => [q.nodeCount, q.topBetweenness.length, q.meanBetweenness]),
      [
        [0, 0, 0],
        [0, 0, 0],
        [2, 2, 0],
      ],
    );
  });
});
