// Each wave's response rate and what became of the ties recorded before it, through the API: seven
// residents, five ties formed on 1 February, g moves away on 1 May; at the spring wave a answers,
// at the summer wave a and d answer (a no longer names c, d no longer names b); counted by hand
// once in test/metrics/waves-scenario.ts, the same case as test/metrics/waves.test.ts.
import t from 'tap';
import { move, tie } from '../helpers/events.ts';
import { auth, joinedEarly, postOk, projectWith, testApp } from '../helpers/server.ts';
import { SPRING, SUMMER } from '../metrics/waves-scenario.ts';

t.test(
  "the report gives each wave's response rate and its ties named again, ended or unknown",
  async (t) => {
    const app = await testApp(t);
    const formed = '2025-02-01T00:00:00Z';
    const { api } = await projectWith(app, 'wave-response', {
      residents: joinedEarly('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      events: [
        ...['a-b', 'a-c', 'c-d', 'e-f', 'b-d'].map((p) => tie(`t-${p}`, p[0], p[2], formed)),
        move('leave', 'g-leaves', 'g', '2025-05-01T00:00:00Z'),
      ],
    });
    const answer = (wave: string, resident: string, at: string, named: string[]) =>
      postOk(app, `${api}/waves/${wave}/answers`, { resident, at, named });
    await answer('spring', 'a', '2025-02-15T10:00:00Z', ['b', 'c']);
    await answer('summer', 'a', '2025-06-01T10:00:00Z', ['b']);
    await answer('summer', 'd', '2025-06-01T11:00:00Z', ['c']);
    await answer('autumn', 'c', '2025-10-01T10:00:00Z', ['d']);
    const response = await app.inject({
      url: `${api}/report?baseline=2025-01-31T00:00:00Z&followup=2025-09-30T00:00:00Z`,
      headers: auth,
    });
    t.equal(response.statusCode, 200, response.body);
    const { waves, definition } = response.json().nameQuestion;
    t.match(definition, /What it cannot show:/);
    t.same(
      waves.map((w: { wave: string }) => w.wave),
      ['spring', 'summer'],
      'the autumn wave, after the follow-up, is left out',
    );
    t.same(waves[0], SPRING);
    t.same(waves[1], SUMMER);
  },
);
