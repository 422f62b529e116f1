// Programme costs and the report's value for money, on an eight-resident programme whose every
// number is counted by hand in the comments: costs in (B, F], participants at F, ties new since B,
// and WEMWBS points gained by participants with both scores.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { measure, tie, untie } from '../helpers/events.ts';
import { issueKey } from '../helpers/keys.ts';
import {
  auth,
  communities,
  countProject,
  postOk,
  projectWith,
  testApp,
} from '../helpers/server.ts';

let app: FastifyInstance;
let p: string;
const api = (project: string) => `/api/v1/projects/${project}`;
const B = '2025-02-01T00:00:00Z';
const F = '2025-06-01T00:00:00Z';

const resident = (
  id: string,
  communityId: string,
  participant: boolean,
  joinedAt = '2025-01-01T00:00:00Z',
) => ({
  id,
  name: id,
  communityId,
  participant,
  joinedAt,
});
const cost = (id: string, at: string, amount: number, groupId?: string) => ({
  id,
  at,
  amount,
  currency: 'GBP',
  ...(groupId ? { groupId } : {}),
  description: `cost ${id}`,
});

t.before(async () => {
  app = await testApp(t);
  ({ p } = await projectWith(app, 'costs', {
    communities: communities('north', 'south'),
    groups: [
      { id: 'cooking', name: 'Cooking club', kind: 'activity', communityId: 'north' },
      { id: 'walk', name: 'Walking group', kind: 'activity', communityId: 'south' },
    ],
    residents: [
      resident('p1', 'north', true),
      resident('p2', 'north', true),
      resident('p3', 'north', true),
      // joins after F: not present at the follow-up
      resident('p4', 'north', true, '2025-06-15T00:00:00Z'),
      resident('n1', 'north', false),
      resident('n2', 'north', false),
      resident('s1', 'south', false),
      resident('s2', 'south', true),
    ],
    events: [
      tie('t1', 'p1', 'p2', '2025-01-10T00:00:00Z'), // held at B: not new
      tie('t2', 'n1', 'n2', '2025-01-15T00:00:00Z'), // held at B ...
      tie('t3', 'p1', 'n1', '2025-03-01T00:00:00Z'), // new
      tie('t4', 's1', 's2', '2025-03-01T00:00:00Z'), // new (south)
      tie('t5', 'p3', 'p2', '2025-03-10T00:00:00Z'), // new
      untie('t6', 'n1', 'n2', '2025-03-15T00:00:00Z'), // ... ended ...
      tie('t7', 'p2', 'n2', '2025-04-01T00:00:00Z'), // new
      tie('t8', 'p1', 's1', '2025-04-10T00:00:00Z'), // new, across communities
      tie('t9', 'n1', 'p2', '2025-04-20T00:00:00Z'), // new
      tie('t10', 'n1', 'n2', '2025-05-01T00:00:00Z'), // ... and renewed: held at F, not new
      tie('t11', 'p3', 'n1', '2025-05-10T00:00:00Z'), // ended before F: not at F
      untie('t12', 'p3', 'n1', '2025-05-20T00:00:00Z'),
      measure('m1', 'p1', '2025-01-20T00:00:00Z', 40),
      measure('m2', 'p2', '2025-01-20T00:00:00Z', 50),
      measure('m3', 's2', '2025-01-25T00:00:00Z', 38),
      measure('m4', 'n1', '2025-01-25T00:00:00Z', 30),
      measure('m5', 'p1', '2025-05-20T00:00:00Z', 46), // +6
      measure('m6', 'p2', '2025-05-20T00:00:00Z', 49), // −1
      measure('m7', 'p3', '2025-05-20T00:00:00Z', 45), // no baseline: not scored
      measure('m8', 's2', '2025-05-25T00:00:00Z', 45), // +7
      measure('m9', 'n1', '2025-05-25T00:00:00Z', 40), // not a participant
      measure('m10', 'p1', '2025-07-01T00:00:00Z', 60), // after F
    ],
  }));
  await postOk(app, `${api(p)}/costs`, {
    costs: [
      cost('c1', '2025-01-15T00:00:00Z', 1000), // before B
      cost('c2', B, 500), // at B exactly: outside (B, F]
      cost('c3', '2025-03-01T00:00:00Z', 1500, 'cooking'), // north
      cost('c4', '2025-04-01T00:00:00Z', 420), // no group: the whole project only
      cost('c5', F, 600, 'walk'), // at F exactly: inside; south
      cost('c6', '2025-07-01T00:00:00Z', 999), // after F
    ],
  });
});

const report = async (community?: string) => {
  const scope = community ? `&community=${community}` : '';
  const response = await app.inject({
    url: `${api(p)}/report?baseline=${B}&followup=${F}${scope}`,
    headers: auth,
  });
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json().valueForMoney;
};

t.test('value for money over the whole programme, counted by hand', async (t) => {
  // Costs in (B, F]: c3 1500 + c4 420 + c5 600 = 2520 GBP (3 costs).
  // Participants at F: p1, p2, p3, s2 = 4 (p4 joins after F) → 2520 / 4 = 630.
  // New ties: p1–n1, s1–s2, p3–p2, p2–n2, p1–s1, n1–p2 = 6 → 2520 / 6 = 420.
  // WEMWBS points: p1 +6, p2 −1, s2 +7 = 12 over 3 scored participants → 2520 / 12 = 210.
  const value = await report();
  t.same(value, {
    definition: value.definition,
    n: 3,
    instrument: 'WEMWBS',
    currency: 'GBP',
    totalCost: 2520,
    costs: 3,
    participants: 4,
    costPerParticipant: 630,
    newTies: 6,
    costPerNewTie: 420,
    scoredParticipants: 3,
    wellbeingPointsGained: 12,
    costPerWellbeingPoint: 210,
  });
  t.match(
    value.definition,
    /^What the programme spent for what it achieved: .* How it is computed: /,
  );
});

t.test('a community counts its own groups’ costs and its own residents and ties', async (t) => {
  // North: c3 1500 only. Participants p1, p2, p3 = 3 → 500. New ties among north residents:
  // p1–n1, p3–p2, p2–n2, n1–p2 = 4 → 375. Points p1 +6, p2 −1 = 5 over 2 → 300.
  t.match(await report('north'), {
    n: 2,
    currency: 'GBP',
    totalCost: 1500,
    costs: 1,
    participants: 3,
    costPerParticipant: 500,
    newTies: 4,
    costPerNewTie: 375,
    scoredParticipants: 2,
    wellbeingPointsGained: 5,
    costPerWellbeingPoint: 300,
  });
});

t.test('costs are listed in time order with their dates as instants', async (t) => {
  const response = await app.inject({ url: `${api(p)}/costs`, headers: auth });
  t.equal(response.statusCode, 200);
  const { costs } = response.json();
  t.same(
    costs.map((c: { id: string }) => c.id),
    ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
  );
  t.same(costs[2], {
    id: 'c3',
    at: '2025-03-01T00:00:00.000Z',
    amount: 1500,
    currency: 'GBP',
    groupId: 'cooking',
    description: 'cost c3',
  });
});

t.test(
  'a cost in another currency or for an unknown group is refused naming the field',
  async (t) => {
    const before = await countProject(app, p);
    const response = await app.inject({
      method: 'POST',
      url: `${api(p)}/costs`,
      headers: auth,
      payload: {
        costs: [
          { ...cost('c7', '2025-03-02T00:00:00Z', 10), currency: 'EUR' },
          cost('c8', '2025-03-02T00:00:00Z', 10, 'no-such-group'),
          cost('c9', '2025-03-02T00:00:00Z', 10),
        ],
      },
    });
    t.equal(response.statusCode, 400);
    t.same(response.json().details, [
      { path: 'costs.1.groupId', message: 'unknown group "no-such-group"' },
      {
        path: 'costs.0.currency',
        message: "this project's costs are in GBP; convert the amount to GBP",
      },
    ]);
    t.same(await countProject(app, p), before);
    t.equal((await app.inject({ url: `${api(p)}/costs`, headers: auth })).json().costs.length, 6);
  },
);

t.test(
  'a cost id recorded already is a 409; a negative amount a 400 naming `amount`',
  async (t) => {
    const again = await app.inject({
      method: 'POST',
      url: `${api(p)}/costs`,
      headers: auth,
      payload: cost('c1', '2025-03-02T00:00:00Z', 10),
    });
    t.equal(again.statusCode, 409);
    t.same(again.json().details, [{ path: 'id', message: 'cost "c1" already exists' }]);
    const negative = await app.inject({
      method: 'POST',
      url: `${api(p)}/costs`,
      headers: auth,
      payload: cost('c10', '2025-03-02T00:00:00Z', -5),
    });
    t.equal(negative.statusCode, 400);
    t.same(
      negative.json().details.map((d: { path: string }) => d.path),
      ['amount'],
    );
  },
);

t.test(
  'a coordinator records costs and the write is audited; an evaluator may only read',
  async (t) => {
    const coordinator = await issueKey(app, 'coordinator', [p]);
    const evaluator = await issueKey(app, 'evaluator', [p]);
    const body = cost('c11', '2025-08-01T00:00:00Z', 50);
    const refused = await app.inject({
      method: 'POST',
      url: `${api(p)}/costs`,
      headers: evaluator.headers,
      payload: body,
    });
    t.equal(refused.statusCode, 403);
    const recorded = await app.inject({
      method: 'POST',
      url: `${api(p)}/costs`,
      headers: coordinator.headers,
      payload: body,
    });
    t.equal(recorded.statusCode, 201);
    const listed = await app.inject({ url: `${api(p)}/costs`, headers: evaluator.headers });
    t.equal(listed.json().costs.at(-1).id, 'c11');
    const audit = await app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth });
    t.ok(
      audit
        .json()
        .entries.some(
          (e: { action: string; keyId: string; counts: { created?: number } | null }) =>
            e.action === 'POST /api/v1/projects/:p/costs' &&
            e.keyId === coordinator.id &&
            e.counts?.created === 1,
        ),
      'the coordinator’s write is in the audit log with its count',
    );
  },
);
