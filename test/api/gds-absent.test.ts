// Where Neo4j has no Graph Data Science (a database of this test's own, started without it), the
// service says so when asked if it is ready, and a network past ANALYSIS_MAX_PATH_WORK is still
// refused at once (422): that refusal remains only here. A path a–b–c–d: 4 residents × 3 ties.
import t from 'tap';
import { auth } from '../helpers/server.ts';
import { ownNeo4j } from '../helpers/own-neo4j.ts';

t.test(
  'without GDS, a network past the limit is refused and GDS asked for by name too',
  async (t) => {
    const { app } = await ownNeo4j(t, 'no-gds', {
      gds: false,
      config: { ANALYSIS_MAX_PATH_WORK: 11 },
    });
    const ready = await app.inject({ url: '/health/ready' });
    t.same(ready.json(), { status: 'ready', gds: null }, 'ready, and says GDS is not there');

    const api = '/api/v1/projects/no-gds';
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: auth, payload });
    t.equal((await post('/api/v1/projects', { id: 'no-gds', name: 'No GDS' })).statusCode, 201);
    const residents = ['a', 'b', 'c', 'd'].map((id) => ({
      id,
      name: id,
      joinedAt: '2025-01-01T00:00:00Z',
    }));
    t.equal((await post(`${api}/residents`, { residents })).statusCode, 201);
    const events = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ].map(([from, to], i) => ({
      id: `t${i}`,
      type: 'connection',
      at: '2025-02-01T00:00:00Z',
      from,
      to,
    }));
    t.equal((await post(`${api}/events`, { events })).statusCode, 201);

    const metrics = (query: string) =>
      app.inject({ url: `${api}/metrics?at=2025-03-01T00:00:00Z${query}`, headers: auth });
    const auto = await metrics('');
    t.equal(auto.statusCode, 422);
    t.equal(auto.json().error, 'analysis_too_large');
    t.match(auto.json().message, /4 residents and 3 ties/);
    const gds = await metrics('&engine=gds');
    t.equal(gds.statusCode, 422);
    t.equal(gds.json().error, 'gds_unavailable');
    t.same(
      gds.json().details.map((d: { path: string }) => d.path),
      ['engine'],
    );
  },
);
