// The evaluation report between a baseline and a follow-up, on a five-resident programme whose
// every number is counted by hand below.
import t from 'tap';
import { measure, tie } from '../helpers/events.ts';
import { auth, postOk, projectWith, testApp } from '../helpers/server.ts';
import * as scenario from '../metrics/outcomes-scenario.ts';

t.test('the report compares the network and wellbeing at baseline and follow-up', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'report');
  await postOk(app, `${api}/communities`, {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  });
  const resident = (id: string, communityId: string, participant: boolean) => ({
    id,
    name: id,
    communityId,
    participant,
    joinedAt: '2025-01-01T00:00:00Z',
  });
  await postOk(app, `${api}/residents`, {
    residents: [
      resident('p1', 'north', true),
      resident('p2', 'north', true),
      resident('n1', 'north', false),
      resident('n2', 'north', false),
      resident('n3', 'south', false),
    ],
  });
  await postOk(app, `${api}/events`, {
    events: [
      tie('t1', 'p1', 'p2', '2025-01-10T00:00:00Z'),
      measure('s1', 'p1', '2025-01-15T00:00:00Z', 40),
      measure('s2', 'p2', '2025-01-20T00:00:00Z', 50),
      measure('s3', 'n1', '2025-01-20T00:00:00Z', 30),
      tie('t2', 'p1', 'n1', '2025-03-01T00:00:00Z'),
      tie('t3', 'n1', 'n2', '2025-04-01T00:00:00Z'),
      tie('t4', 'n2', 'n3', '2025-05-01T00:00:00Z'),
      measure('s4', 'p1', '2025-05-20T00:00:00Z', 48),
      measure('s5', 'p2', '2025-05-20T00:00:00Z', 52),
    ],
  });

  const response = await app.inject({
    url: `${api}/report?baseline=2025-02-01T00:00:00Z&followup=2025-06-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(response.statusCode, 200, response.body.slice(0, 300));
  const report = response.json();

  // Baseline: 5 residents, the one tie p1–p2, three isolates. Follow-up: the path n3–n2–n1–p1–p2.
  t.same(report.graph.edgeCount, { baseline: 1, followup: 4, delta: 3 });
  t.same(report.graph.isolates, { baseline: 3, followup: 0, delta: -3 });
  t.same(report.graph.components, { baseline: 4, followup: 1, delta: -3 });
  t.ok(Math.abs(report.graph.density.baseline - 2 / 20) < 1e-12, 'density 2m/(n(n−1)) = 2/20');
  t.ok(Math.abs(report.graph.density.followup - 8 / 20) < 1e-12, 'then 8/20');
  // n1, n2 and n3 were isolated at baseline; all three have a tie at follow-up.
  t.same(report.isolateCohort, { baselineIsolates: 3, nowConnected: 3, share: 1 });
  // Non-participants n1, n2, n3: none reached at baseline; n1 within one step of p1, n2 within two.
  t.same(report.participantReach.baseline, {
    nonParticipants: 3,
    withinOne: 0,
    withinTwo: 0,
    shareWithinOne: 0,
    shareWithinTwo: 0,
  });
  t.same(report.participantReach.followup, {
    nonParticipants: 3,
    withinOne: 1,
    withinTwo: 2,
    shareWithinOne: 1 / 3,
    shareWithinTwo: 2 / 3,
  });
  // Only n2–n3 crosses North/South: 0 of 1 ties at baseline, 1 of 4 at follow-up.
  t.same(report.bridgingShare, { baseline: 0, followup: 0.25 });
  // Participants' latest WEMWBS in the 90 days before each moment: (40 + 50) / 2 at baseline,
  // (48 + 52) / 2 at follow-up; n1's 30 of January is not carried forward to June.
  t.same(report.wellbeing.baseline.WEMWBS, {
    participants: { n: 2, mean: 45 },
    others: { n: 1, mean: 30 },
  });
  t.same(report.wellbeing.followup.WEMWBS, {
    participants: { n: 2, mean: 50 },
    others: { n: 0, mean: null },
  });
  t.same(report.scoreRule, { windowDays: 90, baselineWave: null, followupWave: null });

  const backwards = await app.inject({
    url: `${api}/report?baseline=2025-06-01T00:00:00Z&followup=2025-02-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(backwards.statusCode, 400);
  t.same(
    backwards.json().details.map((d: { path: string }) => d.path),
    ['followup'],
  );
  const missing = await app.inject({
    url: `${api}/report?followup=2025-02-01T00:00:00Z`,
    headers: auth,
  });
  t.equal(missing.statusCode, 400);
  t.same(
    missing.json().details.map((d: { path: string }) => d.path),
    ['baseline'],
  );
});

// The scenario of test/metrics/outcomes.test.ts (its numbers are worked by hand there), stored in
// Neo4j, plus W (withdrawn consent, in North, tied to N13 after B) and S1 (South, tied to N15).
t.test('the report carries the outcome sections of the hand-worked scenario', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'outcomes');
  await postOk(app, `${api}/communities`, {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  });
  const extra = [
    // withdraws after w1 below: a withdrawn resident takes no new events
    { id: 'W', name: 'W', communityId: 'north', participant: false, consent: 'given' },
    { id: 'S1', name: 'S1', communityId: 'south', participant: false, consent: 'given' },
  ].map((r) => ({ ...r, joinedAt: scenario.day(0) }));
  await postOk(app, `${api}/residents`, { residents: [...scenario.residents, ...extra] });
  await postOk(app, `${api}/groups`, { groups: scenario.groups });
  await postOk(app, `${api}/events`, {
    events: [
      ...scenario.events,
      { id: 'w1', type: 'connection', at: scenario.day(150), from: 'W', to: 'N13' },
      { id: 's1', type: 'connection', at: scenario.day(150), from: 'S1', to: 'N15' },
      measure('m1', 'S1', scenario.day(60), 40, { wave: 'baseline' }),
      measure('m2', 'S1', scenario.day(260), 40, { wave: 'followup' }),
    ],
  });
  const withdraw = await app.inject({
    method: 'PATCH',
    url: `${api}/residents/W`,
    headers: auth,
    payload: { consent: 'withdrawn' },
  });
  t.equal(withdraw.statusCode, 200);
  const read = async (query: string) => {
    const response = await app.inject({
      url: `${api}/report?baseline=${scenario.BASELINE}&followup=${scenario.FOLLOWUP}${query}`,
      headers: auth,
    });
    t.equal(response.statusCode, 200, response.body.slice(0, 300));
    return response.json();
  };
  const north = await read('&community=north');

  t.equal(north.connections.withinPerson.all.n, 19, 'W is left out of the cohort');
  t.ok(Math.abs(north.connections.withinPerson.all.meanChange - 11 / 19) < 1e-12);
  t.ok(Math.abs(north.connections.withinPerson.all.ci95.low - 0.1751851252632306) < 1e-9);
  t.match(north.connections.withinPerson.definition, /paired t interval/);
  t.same(north.involvement.followup, scenario.INVOLVEMENT_AT_FOLLOWUP);
  t.same(
    ['participants', 'direct', 'indirect', 'unreached'].map((c) => north.butterfly.WEMWBS[c].n),
    [4, 2, 0, 9],
    'exposure in the network at the baseline',
  );
  t.ok(Math.abs(north.butterfly.WEMWBS.directVsUnreached.estimate - (1.5 - 15 / 9)) < 1e-12);
  t.ok(Math.abs(north.butterfly.WEMWBS.directVsUnreached.ci95.high - 23.92421964171389) < 1e-9);
  t.ok(Math.abs(north.butterfly.WEMWBS.adjusted.estimate - 2.952249950874439) < 1e-9);
  t.equal(north.butterfly.WEMWBS.role, 'primary');
  t.match(north.sustainability, {
    newPairs: 8,
    retainedPairs: 7,
    recentPairs: 0,
    membershipsStarted: 6,
    membershipsRetained: 5,
    activeGroups: { baseline: 4, followup: 2 },
  });
  t.equal(north.comparison, null, 'no comparison asked for');

  // Against South: degree change in the whole network, so N15 gains S1 (day 150): North's 19
  // changes add to 12 (11 + N15's 1); South's S1 goes 0 → 1. WEMWBS: North's 15 changes add to
  // 44 (26 of participants, 3 direct, 15 unreached); S1 40 → 40. One South resident: no interval.
  const against = await read('&community=north&comparison=south');
  t.match(against.comparison, { community: 'south' });
  t.match(against.comparison.connections, { n: 1, treated: { n: 19 }, comparison: { n: 1 } });
  t.ok(Math.abs(against.comparison.connections.estimate - (12 / 19 - 1)) < 1e-12);
  t.equal(against.comparison.connections.ci95, null);
  t.ok(Math.abs(against.comparison.instruments.WEMWBS.estimate - 44 / 15) < 1e-12);
  t.match(against.comparison.instruments.WEMWBS, { treated: { n: 15 }, comparison: { n: 1 } });

  // Without a community S1 joins the cohort (+1 degree with N15, and N15 +1: 11 + 2 over 20) and,
  // measured 40 then 40, the unreached (isolated at the baseline).
  const all = await read('');
  t.equal(all.connections.withinPerson.all.n, 20);
  t.ok(Math.abs(all.connections.withinPerson.all.meanChange - 13 / 20) < 1e-12);
  t.equal(all.sustainability.newPairs, 9);
  t.equal(all.butterfly.WEMWBS.unreached.n, 10, 'S1 (40 → 40) was isolated at the baseline');
  t.equal(all.butterfly.WEMWBS.indirect.n, 0);

  // Scores paired by wave: only S1 was measured in named waves.
  const waved = await read('&baselineWave=baseline&followupWave=followup');
  t.same(waved.scoreRule, { windowDays: 90, baselineWave: 'baseline', followupWave: 'followup' });
  t.same(
    ['participants', 'direct', 'indirect', 'unreached'].map((c) => waved.butterfly.WEMWBS[c].n),
    [0, 0, 0, 1],
  );

  const refused = async (query: string, path: string) => {
    const response = await app.inject({
      url: `${api}/report?baseline=${scenario.BASELINE}&followup=${scenario.FOLLOWUP}${query}`,
      headers: auth,
    });
    t.equal(response.statusCode, 400, query);
    t.same(
      response.json().details.map((d: { path: string }) => d.path),
      [path],
      `${query}: ${response.body}`,
    );
  };
  await refused('&comparison=south', 'comparison');
  await refused('&community=south&comparison=south', 'comparison');
  await refused('&baselineWave=baseline', 'followupWave');
  await refused('&baselineWave=baseline&followupWave=autumn', 'followupWave');
  await refused('&scoreWindowDays=0', 'scoreWindowDays');
});

t.test('the waves endpoint lists the waves named on measures, in time order', async (t) => {
  const app = await testApp(t);
  const { api } = await projectWith(app, 'waves');
  await postOk(app, `${api}/residents`, { residents: [{ id: 'a', name: 'A' }] });
  await postOk(app, `${api}/events`, {
    events: [
      measure('m1', 'a', '2025-01-05T00:00:00Z', 50, { wave: 'baseline' }),
      measure('m2', 'a', '2025-01-20T00:00:00Z', 50, { wave: 'baseline' }),
      measure('m3', 'a', '2025-03-01T00:00:00Z', 50),
      measure('m4', 'a', '2025-06-10T00:00:00Z', 50, { wave: 'followup' }),
    ],
  });
  const response = await app.inject({ url: `${api}/report/waves`, headers: auth });
  t.equal(response.statusCode, 200);
  t.same(response.json(), {
    waves: [
      {
        wave: 'baseline',
        first: '2025-01-05T00:00:00.000Z',
        last: '2025-01-20T00:00:00.000Z',
        measures: 2,
      },
      {
        wave: 'followup',
        first: '2025-06-10T00:00:00.000Z',
        last: '2025-06-10T00:00:00.000Z',
        measures: 1,
      },
    ],
  });
});
