// Reads of "now" (no `at`) through the analysis cache: after the project's last change the network
// is the same at every moment, so such reads share one answer; a write moves the last change on and
// the very next read sees it; an event dated in the future keeps "now" reads exact until it comes.
import t from 'tap';
import { tie } from '../helpers/events.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

let app: FastifyInstance;
const p = uniqueProject('now');
const api = `/api/v1/projects/${p}`;
const DAY = 86_400_000;
const past = (days: number) => new Date(Date.now() - days * DAY).toISOString();

interface Graph {
  attributes: { at: string };
  edges: { source: string; target: string }[];
}

const graph = async (query = ''): Promise<Graph> => {
  const response = await app.inject({ url: `${api}/graph${query}`, headers: auth });
  t.equal(response.statusCode, 200, response.body);
  return response.json();
};
const metrics = async () => {
  const response = await app.inject({ url: `${api}/metrics`, headers: auth });
  return response.json() as { at: string; graph: { edgeCount: number } };
};

t.before(async () => {
  app = await buildApp(testConfig());
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: ['ana', 'bo', 'cy'].map((id) => ({
      id,
      name: id,
      consent: 'given',
      joinedAt: past(30),
    })),
  });
  await postOk(app, `${api}/events`, { events: [tie('e1', 'ana', 'bo', past(10))] });
});
t.teardown(() => app.close());

t.test('two reads of now after the last change share one answer', async (t) => {
  const first = await graph();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await graph();
  t.equal(second.attributes.at, first.attributes.at, 'the same answer, computed once');
  t.ok(Date.parse(first.attributes.at) <= Date.now());
  t.equal(first.edges.length, 1);
  const [m1, m2] = [await metrics(), await metrics()];
  t.equal(m2.at, m1.at);
});

t.test('a read of now right after a write sees it', async (t) => {
  const before = await graph();
  await postOk(app, `${api}/events`, { events: [tie('e2', 'bo', 'cy', past(1))] });
  const after = await graph();
  t.equal(after.edges.length, 2);
  t.ok(Date.parse(after.attributes.at) > Date.parse(before.attributes.at), 'computed anew');
  t.equal((await metrics()).graph.edgeCount, 2);
});

t.test('a read at a named moment answers for that moment, not the shared now', async (t) => {
  const at = past(5);
  const body = await graph(`?at=${at}`);
  t.equal(body.attributes.at, at);
  t.equal(body.edges.length, 1, 'only the tie formed ten days ago');
});

t.test('an event dated in the future keeps reads of now exact until it comes', async (t) => {
  await postOk(app, `${api}/events`, {
    events: [tie('e3', 'ana', 'cy', new Date(Date.now() + 365 * DAY).toISOString())],
  });
  const first = await graph();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = await graph();
  t.not(second.attributes.at, first.attributes.at, 'each read is computed for its own now');
  t.equal(second.edges.length, 2, 'the future tie is not there yet');
});
