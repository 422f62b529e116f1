// A wave's complete answers through the API: a tie the respondent no longer names ends at the
// wave, a person newly named is tied from it, ties between two people not asked are left as they
// are; a second answer changes nothing, and a named person unknown or away is a 400 naming
// `named.<i>` with nothing written. Expected edges are hand counts of the scenario in each test.
import t from 'tap';
import type { Graph } from '../../server/contract.ts';
import { move, tie } from '../helpers/events.ts';
import { auth, countProject, joinedEarly, projectWith, testApp } from '../helpers/server.ts';

const app = await testApp(t);

const post = (url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: auth, payload });
const paths = (body: { details?: { path: string }[] }) => (body.details ?? []).map((d) => d.path);
const edgesAt = async (api: string, at: string) => {
  const response = await app.inject({ url: `${api}/graph?at=${at}`, headers: auth });
  return (response.json() as Graph).edges.map((e) => [e.source, e.target].sort().join('–')).sort();
};

const JAN = '2025-01-10T10:00:00Z';
const MARCH = '2025-03-01T10:00:00Z';
const JUST_BEFORE = '2025-03-01T09:59:59Z';
const APRIL = '2025-04-01T10:00:00Z';

const scenario = (name: string) =>
  projectWith(app, name, {
    residents: joinedEarly('a', 'b', 'c', 'd', 'e'),
    events: [tie('t1', 'a', 'b', JAN), tie('t2', 'c', 'a', JAN), tie('t3', 'c', 'd', JAN)],
  });

t.test(
  'an answer ends the ties the respondent no longer names and starts the new ones, at the wave',
  async (t) => {
    const { api } = await scenario('wave-answer');
    const response = await post(`${api}/waves/spring/answers`, {
      resident: 'a',
      at: MARCH,
      named: ['b', 'e'],
    });
    t.equal(response.statusCode, 201, response.body);
    const body = response.json();
    t.same(body.added, ['e']);
    t.same(body.ended, ['c']);
    t.equal(body.created, 3, 'the interview, one connection, one disconnection');
    t.same(await edgesAt(api, JUST_BEFORE), ['a–b', 'a–c', 'c–d']);
    // c–d: neither c nor d was asked, so it is kept as recorded
    t.same(await edgesAt(api, MARCH), ['a–b', 'a–e', 'c–d']);
    const log = await app.inject({ url: `${api}/events?type=interview`, headers: auth });
    t.match(log.json().events, [{ type: 'interview', resident: 'a', wave: 'spring' }]);
    t.equal(Date.parse(log.json().events[0].at), Date.parse(MARCH));
    const ends = await app.inject({ url: `${api}/events?type=disconnection`, headers: auth });
    t.match(ends.json().events, [{ from: 'a', to: 'c', source: 'wave' }]);
    t.equal(Date.parse(ends.json().events[0].at), Date.parse(MARCH));
  },
);

t.test('a second answer of the same respondent at the same wave changes nothing', async (t) => {
  const { p, api } = await scenario('wave-again');
  const first = await post(`${api}/waves/spring/answers`, { resident: 'a', at: MARCH, named: [] });
  t.equal(first.statusCode, 201);
  t.same(first.json().ended, ['b', 'c']);
  const before = await countProject(app, p);
  const again = await post(`${api}/waves/spring/answers`, {
    resident: 'a',
    at: MARCH,
    named: ['d'],
  });
  t.equal(again.statusCode, 200);
  t.equal(again.json().created, 0);
  t.same(await countProject(app, p), before);
  t.same(await edgesAt(api, APRIL), ['c–d']);
  const later = await post(`${api}/waves/autumn/answers`, {
    resident: 'a',
    at: APRIL,
    named: ['b'],
  });
  t.equal(later.statusCode, 201, 'another wave is another answer');
  t.same(await edgesAt(api, APRIL), ['a–b', 'c–d']);
});

t.test(
  'a named person unknown or away is a 400 naming their place in named, and nothing is written',
  async (t) => {
    const { p, api } = await scenario('wave-bad');
    await post(`${api}/events`, move('leave', 'l1', 'e', JAN));
    const before = await countProject(app, p);
    const unknown = await post(`${api}/waves/spring/answers`, {
      resident: 'a',
      at: MARCH,
      named: ['b', 'zed'],
    });
    t.equal(unknown.statusCode, 400);
    t.same(paths(unknown.json()), ['named.1']);
    const away = await post(`${api}/waves/spring/answers`, {
      resident: 'a',
      at: MARCH,
      named: ['e', 'b'],
    });
    t.equal(away.statusCode, 400);
    t.same(paths(away.json()), ['named.0']);
    t.match(away.json().details[0].message, /left on 2025-01-10/);
    t.same(await countProject(app, p), before);
    const nobody = await post(`${api}/waves/spring/answers`, {
      resident: 'nobody',
      at: MARCH,
      named: ['b'],
    });
    t.equal(nobody.statusCode, 400);
    t.same(paths(nobody.json()), ['resident']);
  },
);
