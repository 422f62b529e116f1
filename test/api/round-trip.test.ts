// Round trips through the public API: what is written to projects, communities, residents, groups
// and events is what is read back, including the joinedAt rules and erasure.
import t from 'tap';
import {
  auth,
  countProject,
  postOk,
  projectWith,
  testApp,
  uniqueProject,
} from '../helpers/server.ts';

interface Resident {
  id: string;
  name: string | null;
  communityId: string | null;
  participant: boolean;
  joinedAt: string;
  consent: string;
  attributes: Record<string, unknown>;
}

interface GraphExport {
  nodes: { key: string }[];
  edges: { source: string; target: string; attributes: Record<string, unknown> }[];
}

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;

function post(url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, headers: auth, payload: payload as object });
}

function get(url: string) {
  return app.inject({ method: 'GET', url, headers: auth });
}

async function freshProject(name: string): Promise<string> {
  return (await projectWith(app, name)).p;
}

async function resident(p: string, id: string): Promise<Resident> {
  return (await get(`${api(p)}/residents/${id}`)).json() as Resident;
}

const pairs = (graph: GraphExport) =>
  graph.edges.map((e) => [e.source, e.target].sort().join('–')).sort();
const nodeKeys = (graph: GraphExport) => graph.nodes.map((n) => n.key).sort();

/** What a project made without a template holds besides its id, name and time zone. */
const PLAIN = {
  template: null,
  consentText: null,
  groupKinds: [],
  waves: [],
  primaryInstrument: 'WEMWBS',
};

t.test('projects', async (t) => {
  t.test('creating a project answers 201 with the project', async (t) => {
    const id = uniqueProject('rt-create');
    const response = await post('/api/v1/projects', { id, name: 'Resilient Together' });
    t.equal(response.statusCode, 201);
    t.same(response.json(), { id, name: 'Resilient Together', timeZone: 'UTC', ...PLAIN });
  });

  t.test('the project list contains a created project', async (t) => {
    const id = await freshProject('rt-list');
    const response = await get('/api/v1/projects');
    t.equal(response.statusCode, 200);
    const listed = (response.json() as { projects: { id: string; name: string }[] }).projects;
    t.same(
      listed.filter((p) => p.id === id),
      [{ id, name: id, timeZone: 'UTC', ...PLAIN }],
    );
  });

  t.test('creating a project with a taken id answers 409', async (t) => {
    const id = await freshProject('rt-dup');
    const response = await post('/api/v1/projects', { id, name: 'again' });
    t.equal(response.statusCode, 409);
    t.equal(response.json().error, 'conflict');
    t.same(await get(`${api(id)}`).then((r) => r.json()), {
      id,
      name: id,
      timeZone: 'UTC',
      ...PLAIN,
    });
  });

  t.test('one project is read back by its id', async (t) => {
    const id = await freshProject('rt-get');
    const response = await get(api(id));
    t.equal(response.statusCode, 200);
    t.same(response.json(), { id, name: id, timeZone: 'UTC', ...PLAIN });
  });

  t.test('an unknown project answers 404', async (t) => {
    const response = await get(api(uniqueProject('rt-nobody')));
    t.equal(response.statusCode, 404);
    t.equal(response.json().error, 'not_found');
  });
});

t.test('communities', async (t) => {
  t.test('a community sent alone and a batch of communities are all listed', async (t) => {
    const p = await freshProject('rt-comm');
    const one = await post(`${api(p)}/communities`, { id: 'north', name: 'North Estate' });
    t.equal(one.statusCode, 201);
    t.same(one.json(), { created: 1 });
    const many = await post(`${api(p)}/communities`, {
      communities: [
        { id: 'south', name: 'South Ward' },
        { id: 'east', name: 'East Side' },
      ],
    });
    t.equal(many.statusCode, 201);
    t.same(many.json(), { created: 2 });
    // listed by id: east, north, south
    t.same((await get(`${api(p)}/communities`)).json(), {
      communities: [
        { id: 'east', name: 'East Side' },
        { id: 'north', name: 'North Estate' },
        { id: 'south', name: 'South Ward' },
      ],
    });
  });

  t.test('creating a community with a taken id answers 409 and writes nothing', async (t) => {
    const p = await freshProject('rt-comm-dup');
    await postOk(app, `${api(p)}/communities`, { id: 'north', name: 'North Estate' });
    const response = await post(`${api(p)}/communities`, {
      communities: [
        { id: 'west', name: 'West' },
        { id: 'north', name: 'Again' },
      ],
    });
    t.equal(response.statusCode, 409);
    t.same((await get(`${api(p)}/communities`)).json(), {
      communities: [{ id: 'north', name: 'North Estate' }],
    });
  });
});

t.test('residents', async (t) => {
  t.test('one resident is read back with every field as sent', async (t) => {
    const p = await freshProject('rt-res-one');
    await postOk(app, `${api(p)}/communities`, { id: 'north', name: 'North' });
    const sent = {
      id: 'amira',
      name: 'Amira',
      communityId: 'north',
      participant: true,
      joinedAt: '2025-01-15T09:30:00Z',
      consent: 'given',
      attributes: { ageBand: '35-44', carer: true, streets: 3, note: null },
    };
    const response = await post(`${api(p)}/residents`, sent);
    t.equal(response.statusCode, 201);
    t.same(response.json(), { created: 1 });
    // in the network and a participant from joining, as the undated flag says
    const joined = [{ from: '2025-01-15T09:30:00.000Z', to: null }];
    t.strictSame(await resident(p, 'amira'), {
      ...sent,
      joinedAt: '2025-01-15T09:30:00.000Z',
      presence: joined,
      participation: joined,
    });
  });

  t.test('a batch of residents is created at once and listed by id', async (t) => {
    const p = await freshProject('rt-res-many');
    const response = await post(`${api(p)}/residents`, {
      residents: [
        { id: 'c', name: 'Cai', joinedAt: '2025-01-01T00:00:00Z' },
        { id: 'a', name: 'Ada', joinedAt: '2025-01-01T00:00:00Z' },
        { id: 'b', name: 'Ben', joinedAt: '2025-01-01T00:00:00Z' },
      ],
    });
    t.equal(response.statusCode, 201);
    t.same(response.json(), { created: 3 });
    const listed = (await get(`${api(p)}/residents`)).json() as { residents: Resident[] };
    t.same(
      listed.residents.map((r) => [r.id, r.name, r.participant, r.consent, r.communityId]),
      [
        ['a', 'Ada', false, 'pending', null],
        ['b', 'Ben', false, 'pending', null],
        ['c', 'Cai', false, 'pending', null],
      ],
    );
    t.same(await countProject(app, p), { residents: 3, groups: 0, events: 0 });
  });

  t.test(
    'an explicit joinedAt is kept even when an earlier event names the resident',
    async (t) => {
      const p = await freshProject('rt-join-explicit');
      await postOk(app, `${api(p)}/residents`, {
        residents: [
          { id: 'a', name: 'A', joinedAt: '2025-03-01T00:00:00Z' },
          { id: 'b', name: 'B', joinedAt: '2025-03-01T00:00:00Z' },
        ],
      });
      await postOk(app, `${api(p)}/events`, {
        id: 'e1',
        type: 'connection',
        at: '2025-01-10T00:00:00Z',
        from: 'a',
        to: 'b',
      });
      t.equal((await resident(p, 'a')).joinedAt, '2025-03-01T00:00:00.000Z');
    },
  );

  t.test('without joinedAt a resident joins at the earliest event naming them', async (t) => {
    const p = await freshProject('rt-join-first');
    await postOk(app, `${api(p)}/residents`, {
      residents: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
    });
    // sent out of order: 10 Feb, then 3 Feb (with an offset: 3 Feb 10:00+01:00 = 09:00Z), then 20 Jan
    await postOk(app, `${api(p)}/events`, {
      events: [
        { id: 'e1', type: 'connection', at: '2025-02-10T00:00:00Z', from: 'a', to: 'b' },
        {
          id: 'e2',
          type: 'measure',
          at: '2025-02-03T10:00:00+01:00',
          resident: 'a',
          instrument: 'wemwbs',
          score: 40,
        },
      ],
    });
    t.equal((await resident(p, 'a')).joinedAt, '2025-02-03T09:00:00.000Z');
    t.equal((await resident(p, 'b')).joinedAt, '2025-02-10T00:00:00.000Z');
    await postOk(app, `${api(p)}/events`, {
      id: 'e3',
      type: 'measure',
      at: '2025-01-20T00:00:00Z',
      resident: 'b',
      instrument: 'wemwbs',
      score: 38,
    });
    t.equal((await resident(p, 'b')).joinedAt, '2025-01-20T00:00:00.000Z');
  });

  t.test('without joinedAt or events a resident joins when created', async (t) => {
    const p = await freshProject('rt-join-created');
    const before = Date.now();
    await postOk(app, `${api(p)}/residents`, { id: 'a', name: 'A' });
    const after = Date.now();
    const joinedMs = Date.parse((await resident(p, 'a')).joinedAt);
    t.ok(joinedMs >= before && joinedMs <= after, `${joinedMs} within [${before}, ${after}]`);
  });

  t.test('PATCH changes the fields sent and keeps the others', async (t) => {
    const p = await freshProject('rt-patch');
    await postOk(app, `${api(p)}/communities`, { id: 'north', name: 'North' });
    const sent = {
      id: 'a',
      name: 'Ann',
      communityId: 'north',
      participant: true,
      joinedAt: '2025-01-01T00:00:00.000Z',
      consent: 'given',
      attributes: { street: 'Elm' },
    };
    await postOk(app, `${api(p)}/residents`, sent);
    const response = await app.inject({
      method: 'PATCH',
      url: `${api(p)}/residents/a`,
      headers: auth,
      payload: { name: 'Annie' },
    });
    t.equal(response.statusCode, 200);
    const joined = [{ from: '2025-01-01T00:00:00.000Z', to: null }];
    const read = { ...sent, name: 'Annie', presence: joined, participation: joined };
    t.strictSame(response.json(), read);
    t.strictSame(await resident(p, 'a'), read);
  });

  t.test('PATCH with joinedAt null falls back to the first event', async (t) => {
    const p = await freshProject('rt-patch-join');
    await postOk(app, `${api(p)}/residents`, {
      residents: [
        { id: 'a', name: 'A', joinedAt: '2025-01-01T00:00:00Z' },
        { id: 'b', name: 'B', joinedAt: '2025-01-01T00:00:00Z' },
      ],
    });
    await postOk(app, `${api(p)}/events`, {
      id: 'e1',
      type: 'connection',
      at: '2025-02-14T00:00:00Z',
      from: 'a',
      to: 'b',
    });
    const response = await app.inject({
      method: 'PATCH',
      url: `${api(p)}/residents/a`,
      headers: auth,
      payload: { joinedAt: null },
    });
    t.equal(response.statusCode, 200);
    t.equal((response.json() as Resident).joinedAt, '2025-02-14T00:00:00.000Z');
  });

  t.test('an unknown resident answers 404', async (t) => {
    const p = await freshProject('rt-res-404');
    const response = await get(`${api(p)}/residents/nobody`);
    t.equal(response.statusCode, 404);
    t.equal(response.json().error, 'not_found');
  });

  // x, y, z join at their first event. Events: c1 x–y 1 Jan, m1 measure x 3 Jan, c2 y–z 5 Jan,
  // m2 measure y 10 Jan. Erasing x removes c1 and m1 (the two naming x): 4 events → 2.
  async function erasureScenario(name: string): Promise<string> {
    const p = await freshProject(name);
    await postOk(app, `${api(p)}/residents`, {
      residents: [
        { id: 'x', name: 'X' },
        { id: 'y', name: 'Y' },
        { id: 'z', name: 'Z' },
      ],
    });
    await postOk(app, `${api(p)}/events`, {
      events: [
        { id: 'c1', type: 'connection', at: '2025-01-01T00:00:00Z', from: 'x', to: 'y' },
        {
          id: 'm1',
          type: 'measure',
          at: '2025-01-03T00:00:00Z',
          resident: 'x',
          instrument: 'UCLA-3',
          score: 5,
        },
        { id: 'c2', type: 'connection', at: '2025-01-05T00:00:00Z', from: 'y', to: 'z' },
        {
          id: 'm2',
          type: 'measure',
          at: '2025-01-10T00:00:00Z',
          resident: 'y',
          instrument: 'UCLA-3',
          score: 4,
        },
      ],
    });
    return p;
  }

  t.test('DELETE erases the resident and every event naming them', async (t) => {
    const p = await erasureScenario('rt-erase');
    t.same(await countProject(app, p), { residents: 3, groups: 0, events: 4 });
    const response = await app.inject({
      method: 'DELETE',
      url: `${api(p)}/residents/x`,
      headers: auth,
    });
    t.equal(response.statusCode, 204);
    t.same(await countProject(app, p), { residents: 2, groups: 0, events: 2 });
    t.equal((await get(`${api(p)}/residents/x`)).statusCode, 404);
    const graph = (await get(`${api(p)}/graph?at=2025-02-01T00:00:00Z`)).json() as GraphExport;
    t.same(nodeKeys(graph), ['y', 'z']);
    t.same(pairs(graph), ['y–z']);
  });

  t.test(
    "after an erasure another resident's joinedAt moves to their next remaining event",
    async (t) => {
      const p = await erasureScenario('rt-erase-join');
      t.equal((await resident(p, 'y')).joinedAt, '2025-01-01T00:00:00.000Z');
      await app.inject({ method: 'DELETE', url: `${api(p)}/residents/x`, headers: auth });
      // y's remaining events: c2 (5 Jan) and m2 (10 Jan)
      t.equal((await resident(p, 'y')).joinedAt, '2025-01-05T00:00:00.000Z');
      t.equal((await resident(p, 'z')).joinedAt, '2025-01-05T00:00:00.000Z');
    },
  );

  t.test('after an erasure a resident left with no events joins at their creation', async (t) => {
    const p = await freshProject('rt-erase-created');
    const before = Date.now();
    await postOk(app, `${api(p)}/residents`, {
      residents: [
        { id: 'x', name: 'X' },
        { id: 'w', name: 'W' },
      ],
    });
    const after = Date.now();
    // w's only event is the tie with x
    await postOk(app, `${api(p)}/events`, {
      id: 'c1',
      type: 'connection',
      at: '2024-06-01T00:00:00Z',
      from: 'w',
      to: 'x',
    });
    t.equal((await resident(p, 'w')).joinedAt, '2024-06-01T00:00:00.000Z');
    await app.inject({ method: 'DELETE', url: `${api(p)}/residents/x`, headers: auth });
    const joinedMs = Date.parse((await resident(p, 'w')).joinedAt);
    t.ok(joinedMs >= before && joinedMs <= after, `${joinedMs} within [${before}, ${after}]`);
  });

  t.test('erasing an unknown resident answers 404 and removes nothing', async (t) => {
    const p = await erasureScenario('rt-erase-404');
    const response = await app.inject({
      method: 'DELETE',
      url: `${api(p)}/residents/nobody`,
      headers: auth,
    });
    t.equal(response.statusCode, 404);
    t.same(await countProject(app, p), { residents: 3, groups: 0, events: 4 });
  });
});

t.test('groups', async (t) => {
  t.test('groups of all six kinds are created in one batch and listed', async (t) => {
    const p = await freshProject('rt-groups');
    await postOk(app, `${api(p)}/communities`, { id: 'north', name: 'North' });
    const response = await post(`${api(p)}/groups`, {
      groups: [
        { id: 'g-assoc', name: 'Tenants association', kind: 'association', communityId: 'north' },
        { id: 'g-inst', name: 'Primary school', kind: 'institution' },
        { id: 'g-space', name: 'Community garden', kind: 'space' },
        { id: 'g-biz', name: 'Corner shop', kind: 'business' },
        { id: 'g-inf', name: 'Walking buddies', kind: 'informal' },
        { id: 'g-act', name: 'Cooking class', kind: 'activity' },
      ],
    });
    t.equal(response.statusCode, 201);
    t.same(response.json(), { created: 6 });
    t.same(await countProject(app, p), { residents: 0, groups: 6, events: 0 });
    // listed by id
    t.same((await get(`${api(p)}/groups`)).json(), {
      groups: [
        { id: 'g-act', name: 'Cooking class', kind: 'activity', communityId: null },
        { id: 'g-assoc', name: 'Tenants association', kind: 'association', communityId: 'north' },
        { id: 'g-biz', name: 'Corner shop', kind: 'business', communityId: null },
        { id: 'g-inf', name: 'Walking buddies', kind: 'informal', communityId: null },
        { id: 'g-inst', name: 'Primary school', kind: 'institution', communityId: null },
        { id: 'g-space', name: 'Community garden', kind: 'space', communityId: null },
      ],
    });
  });

  t.test('one group sent alone is created', async (t) => {
    const p = await freshProject('rt-group-one');
    const response = await post(`${api(p)}/groups`, {
      id: 'lib',
      name: 'Library',
      kind: 'institution',
    });
    t.equal(response.statusCode, 201);
    t.same(response.json(), { created: 1 });
    t.same((await get(`${api(p)}/groups`)).json(), {
      groups: [{ id: 'lib', name: 'Library', kind: 'institution', communityId: null }],
    });
  });
});

t.test('events', async (t) => {
  // a, b, c, d join on 1 Jan. Before the batch: b–c tied on 1 Feb. The batch holds one event of
  // each type: a→b (2 Feb 10:00, friend, strength 2), c→b ends b–c (3 Feb), a joins the association
  // (2 Feb) and leaves it (4 Feb), d attends the activity (2 Feb), d's wellbeing is measured (2 Feb).
  async function sixTypeScenario(name: string) {
    const p = await freshProject(name);
    const joinedAt = '2025-01-01T00:00:00Z';
    await postOk(app, `${api(p)}/residents`, {
      residents: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase(), joinedAt })),
    });
    await postOk(app, `${api(p)}/groups`, {
      groups: [
        { id: 'assoc', name: 'Residents association', kind: 'association' },
        { id: 'cooking', name: 'Cooking class', kind: 'activity' },
      ],
    });
    await postOk(app, `${api(p)}/events`, {
      id: 'bc',
      type: 'connection',
      at: '2025-02-01T00:00:00Z',
      from: 'b',
      to: 'c',
    });
    const batch = await post(`${api(p)}/events`, {
      events: [
        {
          id: 'ab',
          type: 'connection',
          at: '2025-02-02T10:00:00Z',
          from: 'a',
          to: 'b',
          kind: 'friend',
          strength: 2,
          source: 'survey',
        },
        { id: 'bc-end', type: 'disconnection', at: '2025-02-03T00:00:00Z', from: 'c', to: 'b' },
        {
          id: 'a-joins',
          type: 'membership',
          at: '2025-02-02T00:00:00Z',
          resident: 'a',
          group: 'assoc',
        },
        {
          id: 'a-leaves',
          type: 'departure',
          at: '2025-02-04T00:00:00Z',
          resident: 'a',
          group: 'assoc',
        },
        {
          id: 'd-cooks',
          type: 'attendance',
          at: '2025-02-02T00:00:00Z',
          resident: 'd',
          group: 'cooking',
        },
        {
          id: 'd-score',
          type: 'measure',
          at: '2025-02-02T00:00:00Z',
          resident: 'd',
          instrument: 'wemwbs',
          score: 52,
          wave: 'baseline',
        },
      ],
    });
    return { p, batch };
  }

  t.test('a batch of all six event types is stored whole', async (t) => {
    const { p, batch } = await sixTypeScenario('rt-six');
    t.equal(batch.statusCode, 201);
    t.same(batch.json(), { received: 6, created: 6, duplicates: 0 });
    // 1 earlier connection + 6
    t.same(await countProject(app, p), { residents: 4, groups: 2, events: 7 });
  });

  t.test('the graph after the batch has the new tie and not the ended one', async (t) => {
    const { p } = await sixTypeScenario('rt-six-graph');
    const graph = (await get(`${api(p)}/graph?at=2025-02-05T00:00:00Z`)).json() as GraphExport;
    t.same(nodeKeys(graph), ['a', 'b', 'c', 'd']);
    t.same(pairs(graph), ['a–b']);
    t.match(graph.edges[0].attributes, { kind: 'friend', weight: 2, from: 'a', to: 'b' });
    // on 2 Feb at noon b–c has not ended yet
    const before = (await get(`${api(p)}/graph?at=2025-02-02T12:00:00Z`)).json() as GraphExport;
    t.same(pairs(before), ['a–b', 'b–c']);
  });

  t.test('the metrics after the batch count the ties by hand', async (t) => {
    const { p } = await sixTypeScenario('rt-six-metrics');
    const response = await get(`${api(p)}/metrics?at=2025-02-05T00:00:00Z`);
    t.equal(response.statusCode, 200);
    const { graph, nodes } = response.json();
    // 4 residents, one tie a–b: density 2·1/(4·3) = 1/6, isolates c and d, components {a,b} {c} {d}
    t.match(graph, { nodeCount: 4, edgeCount: 1, isolates: 2, components: 3, averageDegree: 0.5 });
    t.ok(Math.abs(graph.density - 1 / 6) < 1e-12, `density ${graph.density}`);
    t.same(
      Object.fromEntries(
        Object.entries(nodes).map(([id, n]) => [id, (n as { degree: number }).degree]),
      ),
      { a: 1, b: 1, c: 0, d: 0 },
    );
  });

  t.test('the history shows the membership spell from joining to leaving', async (t) => {
    const { p } = await sixTypeScenario('rt-six-history');
    const history = (await get(`${api(p)}/history`)).json();
    t.same(history.memberships, [
      {
        resident: 'a',
        group: 'assoc',
        spells: [{ from: '2025-02-02T00:00:00.000Z', to: '2025-02-04T00:00:00.000Z' }],
      },
    ]);
  });
});
