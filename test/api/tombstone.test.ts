// Erasure leaves a tombstone (a keyed hash of project and id): the id cannot be re-created or named
// by events (409 "erased", naming the field, nothing written), and reads drop the person at once.
import t from 'tap';
import { tie } from '../helpers/events.ts';
import {
  auth,
  countProject,
  createProject,
  projectWith,
  testApp,
  uniqueProject,
} from '../helpers/server.ts';

const app = await testApp(t);
const { p: project } = await projectWith(app, 'tombstone', {
  residents: [
    { id: 'erin', name: 'Erin Erased' },
    { id: 'kate', name: 'Kate Kept' },
    { id: 'lena', name: 'Lena Kept' },
  ],
  events: [
    tie('e1', 'erin', 'kate', '2025-01-01T10:00:00Z'),
    tie('e2', 'kate', 'lena', '2025-01-02T10:00:00Z'),
  ],
});

t.before(async () => {
  const graph = await app.inject({ url: `/api/v1/projects/${project}/graph`, headers: auth });
  if (!graph.body.includes('Erin Erased')) throw new Error('the graph should show erin before');
  const erased = await app.inject({
    method: 'DELETE',
    url: `/api/v1/projects/${project}/residents/erin`,
    headers: auth,
  });
  if (erased.statusCode !== 204) throw new Error(`erase: ${erased.statusCode}`);
});

const post = (what: string, payload: object) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/projects/${project}/${what}`,
    headers: auth,
    payload,
  });

t.test('re-creating an erased id is a 409 "erased" naming the field', async (t) => {
  const response = await post('residents', {
    residents: [
      { id: 'nina', name: 'Nina New' },
      { id: 'erin', name: 'Erin Again' },
    ],
  });
  t.equal(response.statusCode, 409);
  t.equal(response.json().error, 'erased');
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['residents.1.id'],
  );
});

t.test('re-creating one erased resident sent alone names id', async (t) => {
  const response = await post('residents', { id: 'erin', name: 'Erin Again' });
  t.equal(response.statusCode, 409);
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['id'],
  );
});

t.test('events naming an erased resident are a 409 "erased" naming each field', async (t) => {
  const response = await post('events', {
    events: [
      { id: 'e3', type: 'connection', from: 'kate', to: 'lena', at: '2025-02-01T10:00:00Z' },
      { id: 'e4', type: 'connection', from: 'lena', to: 'erin', at: '2025-02-01T10:00:00Z' },
      {
        id: 'e5',
        type: 'measure',
        resident: 'erin',
        instrument: 'SWEMWBS',
        score: 20,
        at: '2025-02-01T10:00:00Z',
      },
    ],
  });
  t.equal(response.statusCode, 409);
  t.equal(response.json().error, 'erased');
  t.same(
    response.json().details.map((d: { path: string }) => d.path),
    ['events.1.to', 'events.2.resident'],
  );
});

t.test('a refused batch writes nothing', async (t) => {
  t.same(await countProject(app, project), { residents: 2, groups: 0, events: 1 });
});

t.test('the same id may still be used in another project', async (t) => {
  const other = uniqueProject('tombstone-other');
  await createProject(app, other);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${other}/residents`,
    headers: auth,
    payload: { id: 'erin', name: 'Another Erin' },
  });
  t.equal(response.statusCode, 201);
});

t.test('the graph read right after the erasure no longer shows the person', async (t) => {
  const graph = await app.inject({ url: `/api/v1/projects/${project}/graph`, headers: auth });
  t.equal(graph.statusCode, 200);
  t.notMatch(graph.body, /erin|Erin Erased/);
});

t.test('the tombstone does not hold the erased id', async (t) => {
  const stored = await app.store.db.read(async (tx) =>
    (
      await tx.run('MATCH (t:Tombstone {projectId: $projectId}) RETURN properties(t) AS p', {
        projectId: project,
      })
    ).records.map((r) => r.get('p')),
  );
  t.equal(stored.length, 1);
  t.notMatch(JSON.stringify(stored), 'erin');
});
