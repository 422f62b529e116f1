// Every /api/v1 route × every role: the routes are enumerated from the app's own route table (an
// onRoute hook on the app as Fastify creates it), so a new route is covered or this test fails.
// Expected outcomes come from the role table below, written from the product's access rules: a
// partner key reads releases and the project's name; with the network grant, the network reads too.
import t from 'tap';
import Fastify from 'fastify';
import {
  requireDeclaredAccess,
  type Access,
  type PartnerAccess,
} from '../../server/plugins/auth.ts';
import { appWithRoutes, type RegisteredRoute } from '../helpers/routes.ts';
import { auth, createProject, postOk, uniqueProject } from '../helpers/server.ts';

type Caller =
  | 'admin'
  | 'coordinator'
  | 'evaluator'
  | 'partner'
  | 'network partner'
  | 'other-project'
  | 'no key';

/** Who may use a route of each access level, for a key scoped to the route's project. */
const ROLE_TABLE: Record<Access, Caller[]> = {
  read: ['admin', 'coordinator', 'evaluator'],
  write: ['admin', 'coordinator'],
  publish: ['admin', 'evaluator'],
  erase: ['admin'],
  admin: ['admin'],
  any: ['admin', 'coordinator', 'evaluator', 'other-project'],
};

/** Which partner keys may use a route beyond its access level's roles. */
const PARTNER_TABLE: Record<PartnerAccess, Caller[]> = {
  none: [],
  network: ['network partner'],
  release: ['partner', 'network partner'],
};

const mayUse = (route: RegisteredRoute, caller: Caller) =>
  ROLE_TABLE[route.access!].includes(caller) || PARTNER_TABLE[route.partner].includes(caller);

/** The access (and partner access, `none` when left out) each route the product names declares. */
const DECLARED: Record<string, [Access, PartnerAccess]> = {
  'POST /api/v1/projects': ['admin', 'none'],
  'GET /api/v1/projects': ['any', 'release'],
  'GET /api/v1/projects/:p': ['read', 'release'],
  'POST /api/v1/projects/:p/communities': ['write', 'none'],
  'GET /api/v1/projects/:p/communities': ['read', 'none'],
  'POST /api/v1/projects/:p/residents': ['write', 'none'],
  'GET /api/v1/projects/:p/residents': ['read', 'none'],
  'GET /api/v1/projects/:p/residents/:id': ['read', 'none'],
  'PATCH /api/v1/projects/:p/residents/:id': ['write', 'none'],
  'DELETE /api/v1/projects/:p/residents/:id': ['erase', 'none'],
  'POST /api/v1/projects/:p/groups': ['write', 'none'],
  'GET /api/v1/projects/:p/groups': ['read', 'none'],
  'POST /api/v1/projects/:p/events': ['write', 'none'],
  'GET /api/v1/projects/:p/events': ['read', 'none'],
  'GET /api/v1/projects/:p/graph': ['read', 'network'],
  'GET /api/v1/projects/:p/metrics': ['read', 'network'],
  'GET /api/v1/projects/:p/timeline': ['read', 'network'],
  'GET /api/v1/projects/:p/history': ['read', 'network'],
  'GET /api/v1/projects/:p/report': ['read', 'none'],
  'GET /api/v1/projects/:p/residents/:id/ego': ['read', 'network'],
  'GET /api/v1/projects/:p/export.gexf': ['read', 'network'],
  'GET /api/v1/projects/:p/export.graphml': ['read', 'network'],
  'GET /api/v1/projects/:p/export.csv': ['read', 'network'],
  'GET /api/v1/projects/:p/export/siena.zip': ['read', 'network'],
  'GET /api/v1/projects/:p/sheets.pdf': ['read', 'none'],
  'GET /api/v1/projects/:p/archive': ['admin', 'none'],
  'POST /api/v1/projects/:p/restore': ['admin', 'none'],
  'POST /api/v1/projects/:p/instruments': ['write', 'none'],
  'GET /api/v1/projects/:p/instruments': ['read', 'none'],
  'POST /api/v1/projects/:p/costs': ['write', 'none'],
  'GET /api/v1/projects/:p/costs': ['read', 'none'],
  'POST /api/v1/keys': ['admin', 'none'],
  'GET /api/v1/keys': ['admin', 'none'],
  'DELETE /api/v1/keys/:id': ['admin', 'none'],
  'GET /api/v1/me': ['any', 'release'],
  'GET /api/v1/audit': ['admin', 'none'],
  'POST /api/v1/projects/:p/releases': ['publish', 'none'],
  'GET /api/v1/projects/:p/releases': ['read', 'release'],
  'GET /api/v1/projects/:p/releases/:id': ['read', 'release'],
  'GET /api/v1/projects/:p/live': ['read', 'none'],
};

const { app, routes: registered } = await appWithRoutes(t);
const project = uniqueProject('access');
const otherProject = uniqueProject('access-other');
const headers: Record<Caller, Record<string, string>> = {
  admin: auth,
  coordinator: {},
  evaluator: {},
  partner: {},
  'network partner': {},
  'other-project': {},
  'no key': {},
};

async function issue(
  role: string,
  projects: string[],
  network = false,
): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: auth,
    payload: { role, projects, name: `access test ${role}`, network },
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
  headers['network partner'] = await issue('partner', [project], true);
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
  const seen = new Map(apiRoutes().map((r) => [`${r.method} ${r.url}`, [r.access, r.partner]]));
  for (const [route, declared] of Object.entries(DECLARED))
    t.same(seen.get(route), declared, route);
});

t.test('no route that changes data is open to read-only keys', async (t) => {
  for (const route of apiRoutes().filter((r) => !['GET', 'HEAD'].includes(r.method)))
    t.notOk(['read', 'any'].includes(route.access!), `${route.method} ${route.url}`);
});

t.test('every route answers each caller as the role table says', async (t) => {
  for (const route of apiRoutes()) {
    for (const caller of Object.keys(headers) as Caller[]) {
      // answered once the status is sent: a stream (the live route) never ends
      const response = await app.inject({
        method: route.method,
        url: concrete(route),
        headers: headers[caller],
        payload: ['POST', 'PATCH'].includes(route.method) ? {} : undefined,
        payloadAsStream: true,
      });
      response.stream().resume();
      const label = `${route.method} ${route.url} as ${caller}: ${response.statusCode}`;
      if (caller === 'no key') t.equal(response.statusCode, 401, label);
      else if (mayUse(route, caller)) t.notOk([401, 403].includes(response.statusCode), label);
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

t.test('a partner refused a project read is told to read its releases', async (t) => {
  const report = await app.inject({
    url: `/api/v1/projects/${project}/report?baseline=2025-01-01T00:00:00Z&followup=2025-06-01T00:00:00Z`,
    headers: headers['network partner'],
  });
  t.equal(report.statusCode, 403);
  t.match(report.json().message, `GET /api/v1/projects/${project}/releases`);
  const graph = await app.inject({
    url: `/api/v1/projects/${project}/graph`,
    headers: headers.partner,
  });
  t.equal(graph.statusCode, 403);
  t.match(graph.json().message, /without the network grant .* releases/);
});

t.test('partner access on a route that writes stops the app from starting', async (t) => {
  const bare = Fastify();
  bare.addHook('onRoute', requireDeclaredAccess);
  t.throws(
    () =>
      bare.post(
        '/projects/:p/things',
        { config: { access: 'write', partner: 'release' } },
        async () => 'open',
      ),
    { message: /opens "write" access to partners/ },
  );
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
        primaryInstrument: 'WEMWBS',
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
