// The evaluation report between a baseline and a follow-up, on a five-resident programme whose
// every number is counted by hand below.
import t from 'tap';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

t.test('the report compares the network and wellbeing at baseline and follow-up', async (t) => {
  const app = await buildApp(testConfig());
  t.teardown(() => app.close());
  const p = uniqueProject('report');
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
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
  const tie = (id: string, at: string, from: string, to: string) => ({
    id,
    type: 'connection',
    at,
    from,
    to,
  });
  const score = (id: string, at: string, who: string, value: number) => ({
    id,
    type: 'measure',
    at,
    resident: who,
    instrument: 'WEMWBS',
    score: value,
  });
  await postOk(app, `${api}/events`, {
    events: [
      tie('t1', '2025-01-10T00:00:00Z', 'p1', 'p2'),
      score('s1', '2025-01-15T00:00:00Z', 'p1', 40),
      score('s2', '2025-01-20T00:00:00Z', 'p2', 50),
      score('s3', '2025-01-20T00:00:00Z', 'n1', 30),
      tie('t2', '2025-03-01T00:00:00Z', 'p1', 'n1'),
      tie('t3', '2025-04-01T00:00:00Z', 'n1', 'n2'),
      tie('t4', '2025-05-01T00:00:00Z', 'n2', 'n3'),
      score('s4', '2025-05-20T00:00:00Z', 'p1', 48),
      score('s5', '2025-05-20T00:00:00Z', 'p2', 52),
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
  // Participants' latest WEMWBS: (40 + 50) / 2 at baseline, (48 + 52) / 2 at follow-up; n1 30 both.
  t.same(report.wellbeing.baseline.WEMWBS, {
    participants: { n: 2, mean: 45 },
    others: { n: 1, mean: 30 },
  });
  t.same(report.wellbeing.followup.WEMWBS, {
    participants: { n: 2, mean: 50 },
    others: { n: 1, mean: 30 },
  });

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
