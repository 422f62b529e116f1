// Test helpers: the app on the real Neo4j that `npm test` started (NEO4J_URI), a fresh project per
// test with what it holds, and counts read straight from the database.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import type { Event, NewGroup, NewResident } from '../../server/contract.ts';
import { buildApp } from '../../server/app.ts';
import { generateDemoProgramme } from '../../fixtures/demo-programme.ts';
import { loadProgramme } from '../../fixtures/load-programme.ts';

export const ADMIN_KEY = 'test-admin-key-' + randomBytes(8).toString('hex');
/** Fixed across test files: the tests' database keeps one verifier of each (store/secrets.ts). */
export const TEST_SECRETS = {
  PEOPLEMAP_HASH_SECRET: 'test-hash-secret-of-the-shared-test-database',
  PEOPLEMAP_PSEUDONYM_SECRET: 'test-pseudonym-secret-of-the-shared-test-database',
};

export function testConfig(overrides: Partial<Parameters<typeof buildApp>[0]> = {}) {
  const uri = process.env.NEO4J_URI;
  if (!uri)
    throw new Error('NEO4J_URI is not set: run the tests with `npm test`, which starts Neo4j');
  return {
    PEOPLEMAP_ADMIN_KEY: ADMIN_KEY,
    ...TEST_SECRETS,
    NEO4J_URI: uri,
    NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '',
    NEO4J_DATABASE: process.env.NEO4J_DATABASE,
    LOG_LEVEL: 'silent' as const,
    RATE_LIMIT_PER_MINUTE: 100_000,
    AUTH_FAILURES_PER_MINUTE: 100_000,
    BODY_LIMIT_BYTES: 32 * 1024 * 1024,
    ...overrides,
  };
}

export const auth = { authorization: `Bearer ${ADMIN_KEY}` };

/** A project id no other test uses. */
export const uniqueProject = (name: string) => `${name}-${randomBytes(4).toString('hex')}`;

export async function createProject(app: FastifyInstance, id: string): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: auth,
    payload: { id, name: id },
  });
  if (response.statusCode !== 201)
    throw new Error(`project: ${response.statusCode} ${response.body}`);
}

/** POSTs with the admin key and throws unless the answer is 201 (setting up a scenario). */
export async function postOk(app: FastifyInstance, url: string, payload: unknown): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: auth,
    payload: payload as object,
  });
  if (response.statusCode !== 201)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
}

/** The app on the test Neo4j (with `overrides` to its configuration), closed when `t` ends. */
export async function testApp(
  t: Test,
  overrides: Parameters<typeof testConfig>[0] = {},
): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(overrides));
  t.teardown(() => app.close());
  return app;
}

/** What a test's project holds, sent one request per collection in this order. */
export interface ProjectContents {
  communities?: { id: string; name: string }[];
  residents?: NewResident[];
  groups?: NewGroup[];
  events?: Event[];
}

/** A fresh project (its id starts with `name`) holding `contents`; `api` is its URL. */
export async function projectWith(
  app: FastifyInstance,
  name: string,
  contents: ProjectContents = {},
): Promise<{ p: string; api: string }> {
  const p = uniqueProject(name);
  const api = `/api/v1/projects/${p}`;
  await createProject(app, p);
  for (const collection of ['communities', 'residents', 'groups', 'events'] as const) {
    const items = contents[collection];
    if (items && items.length > 0)
      await postOk(app, `${api}/${collection}`, { [collection]: items });
  }
  return { p, api };
}

/** Communities named after their ids, capitalised: `north` is North. */
export const communities = (...ids: string[]) =>
  ids.map((id) => ({ id, name: id[0].toUpperCase() + id.slice(1) }));

/** Two groups for the privacy tests' memberships and attendances: a space and an activity. */
export const GARDEN_AND_CHOIR: NewGroup[] = [
  { id: 'garden', name: 'Community garden', kind: 'space' },
  { id: 'choir', name: 'Choir', kind: 'activity' },
];

/** Residents who joined on 1 January 2025, before anything in a test happens; named A for `a`. */
export const joinedEarly = (...ids: string[]): NewResident[] =>
  ids.map((id) => ({ id, name: id.toUpperCase(), joinedAt: '2025-01-01T00:00:00Z' }));

/** Residents, groups and events of a project, counted in Neo4j itself. */
export function countProject(app: FastifyInstance, projectId: string) {
  return app.store.projects.counts(projectId);
}

/** The app listening on a free loopback port (for the browser tests). */
export async function startTestServer(): Promise<{
  baseUrl: string;
  adminKey: string;
  app: FastifyInstance;
  close(): Promise<void>;
}> {
  const app = await buildApp(testConfig());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    adminKey: ADMIN_KEY,
    app,
    close: () => app.close(),
  };
}

/** Loads the seeded demo programme through the API under the given project id. */
export async function loadDemo(
  baseUrl: string,
  adminKey: string,
  projectId: string,
): Promise<void> {
  const demo = generateDemoProgramme();
  await loadProgramme(baseUrl, adminKey, {
    ...demo,
    project: { id: projectId, name: demo.project.name },
  });
}
