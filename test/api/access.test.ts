// Every /api/v1 route × every role: the routes are enumerated from the app's own route table (an
// onRoute hook on the app as Fastify creates it), so a new route is covered or this test fails.
// Expected outcomes come from the role table below, written from the product's access rules.
import t from 'tap';
import Fastify from 'fastify';
import { requireDeclaredAccess, type Access } from '../../server/plugins/auth.ts';
import { appWithRoutes, type RegisteredRoute } from '../helpers/routes.ts';
import { auth, createProject, postOk, uniqueProject } from '../helpers/server.ts';

type Caller = 'admin' | 'coordinator' | 'evaluator' | 'partner' | 'other-project' | 'no key';

/** Who may use a route of each access level, for a key scoped to the route's project. */
const ROLE_TABLE: Record<Access, Caller[]> = {
  read: ['admin', 'coordinator', 'evaluator', 'partner'],
  write: ['admin', 'coordinator'],
  erase: ['admin'],
  admin: ['admin'],
  any: ['admin', 'coordinator', 'evaluator', 'partner', 'other-project'],
};

/** The access each route the product names must declare. */
const DECLARED: Record<string, Access> = {
  'POST /api/v1/projects': 'admin',
  'GET /api/v1/projects': 'any',
  'GET /api/v1/projects/:p': 'read',
  'POST /api/v1/projects/:p/communities': 'write',
  'GET /api/v1/projects/:p/communities': 'read',
  'POST /api/v1/projects/:p/residents': 'write',
  'GET /api/v1/projects/:p/residents': 'read',
  'GET /api/v1/projects/:p/residents/:id': 'read',
  'PATCH /api/v1/projects/:p/residents/:id': 'write',
  'DELETE /api/v1/projects/:p/residents/:id': 'erase',
  'POST /api/v1/projects/:p/groups': 'write',
  'GET /api/v1/projects/:p/groups': 'read',
  'POST /api/v1/projects/:p/events': 'write',
  'GET /api/v1/projects/:p/events': 'read',
  'GET /api/v1/projects/:p/graph': 'read',
  'GET /api/v1/projects/:p/metrics': 'read',
  'GET /api/v1/projects/:p/timeline': 'read',
  'GET /api/v1/projects/:p/history': 'read',
  'GET /api/v1/projects/:p/report': 'read',
  'GET /api/v1/projects/:p/residents/:id/ego': 'read',
  'GET /api/v1/projects/:p/export.gexf': 'read',
  'GET /api/v1/projects/:p/export.graphml': 'read',
  'GET /api/v1/projects/:p/export.csv': 'read',
  'GET /api/v1/projects/:p/sheets.pdf': 'read',
  'POST /api/v1/keys': 'admin',
  'GET /api/v1/keys': 'admin',
  'DELETE /api/v1/keys/:id': 'admin',
  'GET /api/v1/me': 'any',
  'GET /api/v1/audit': 'admin',
};

const { app, routes: registered } = await appWithRoutes(t);
const project = uniqueProject('access');
const otherProject = uniqueProject('access-other');
const headers: Record<Caller, Record<string, string>> = {
  admin: auth,
  coordinator: {},
  evaluator: {},
  partner: {},
  'other-project': {},
  'no key': {},
};

async function issue(role: string, projects: string[]): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: auth,
    payload: { role, projects, name: `access test ${role}` },
  });
  if (response.statusCode !== 201) throw new Error(`key: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().key}` };
}

t.before(async () => {
  await createProject(app, project);
  await createProject(app, otherProject);
  await postOk(app, `/api/v1/projects/${project}/residents`, { id: 'r1', name: 'Ruth One' });
  headers.coordinator = await issue('coordinator', [project]);
  headers.evaluator = await issue('evaluator', [project]);
  headers.partner = await issue('partner', [project]);
  headers['other-project'] = await issue('coordinator', [otherProject]);
});

const apiRoutes = () => registered.filter((r) => r.url.startsWith('/api/v1/'));

/** A concrete URL: the test project, and a resident that exists for reads but not for writes. */
const concrete = (route: RegisteredRoute) =>
  route.url
    .replace(':p', project)
    .replace(':id', ['GET', 'HEAD'].includes(route.method) ? 'r1' : 'nobody');

t.test('every /api/v1 route declares one of the access levels', async (t) => {
  t.ok(apiRoutes().length >= 28, `${apiRoutes().length} routes`);
  for (const route of apiRoutes())
    t.ok(route.access && route.access in ROLE_TABLE, `${route.method} ${route.url}`);
});

t.test('the routes the product names declare the access the role table gives them', async (t) => {
  const seen = new Map(apiRoutes().map((r) => [`${r.method} ${r.url}`, r.access]));
  for (const [route, access] of Object.entries(DECLARED)) t.equal(seen.get(route), access, route);
});

t.test('no route that changes data is open to read-only keys', async (t) => {
  for (const route of apiRoutes().filter((r) => !['GET', 'HEAD'].includes(r.method)))
    t.notOk(['read', 'any'].includes(route.access!), `${route.method} ${route.url}`);
});

t.test('every route answers each caller as the role table says', async (t) => {
  for (const route of apiRoutes()) {
    for (const caller of Object.keys(headers) as Caller[]) {
      const response = await app.inject({
        method: route.method,
        url: concrete(route),
        headers: headers[caller],
        payload: ['POST', 'PATCH'].includes(route.method) ? {} : undefined,
      });
      const label = `${route.method} ${route.url} as ${caller}: ${response.statusCode}`;
      if (caller === 'no key') t.equal(response.statusCode, 401, label);
      else if (ROLE_TABLE[route.access!].includes(caller))
        t.notOk([401, 403].includes(response.statusCode), label);
      else t.equal(response.statusCode, 403, label);
    }
  }
});

t.test('a refused request is refused before its body is read', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${project}/events`,
    headers: headers.evaluator,
    payload: { not: 'an event' },
  });
  t.equal(response.statusCode, 403);
  t.equal(response.json().error, 'forbidden');
});

t.test('a key lists only its own projects', async (t) => {
  const response = await app.inject({ url: '/api/v1/projects', headers: headers.partner });
  t.same(response.json(), {
    projects: [
      {
        id: project,
        name: project,
        timeZone: 'UTC',
        template: null,
        consentText: null,
        groupKinds: [],
        waves: [],
      },
    ],
  });
});

t.test('the admin key lists every project', async (t) => {
  const ids = (await app.inject({ url: '/api/v1/projects', headers: auth }))
    .json()
    .projects.map((p: { id: string }) => p.id);
  t.ok(ids.includes(project) && ids.includes(otherProject));
});

t.test('a coordinator may write to its project', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${project}/residents`,
    headers: headers.coordinator,
    payload: { id: 'r2', name: 'Rita Two' },
  });
  t.equal(response.statusCode, 201);
});

t.test('a route without a declared access stops the app from starting', async (t) => {
  const bare = Fastify();
  bare.addHook('onRoute', requireDeclaredAccess);
  t.throws(() => bare.get('/projects/:p/undeclared', async () => 'open'), {
    message: /declares no config.access/,
  });
});

t.test('a project-scoped access on a path without :p stops the app from starting', async (t) => {
  const bare = Fastify();
  bare.addHook('onRoute', requireDeclaredAccess);
  t.throws(() => bare.get('/everything', { config: { access: 'read' } }, async () => 'open'), {
    message: /has no :p/,
  });
});
