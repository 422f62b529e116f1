// Every /api/v1 route needs a valid bearer key; health and docs need none; the OpenAPI document
// lists every /api/v1 route and declares bearer security. Routes are enumerated as the app
// registers them (an onRoute hook on the app as Fastify creates it), so a new route cannot slip by.
import t from 'tap';
import { appWithRoutes } from '../helpers/routes.ts';
import { uniqueProject } from '../helpers/server.ts';

const { app, routes: registered } = await appWithRoutes(t);

const apiRoutes = () => registered.filter((r) => r.url.startsWith('/api/v1/'));

/** A concrete URL for a route pattern (`:p` and `:id` filled in). */
const concrete = (url: string) =>
  url.replace(':p', uniqueProject('auth')).replace(':id', 'someone');

t.test('the enumeration sees the routes the API documents', async (t) => {
  const seen = new Set(apiRoutes().map((r) => `${r.method} ${r.url}`));
  for (const expected of [
    'POST /api/v1/projects',
    'GET /api/v1/projects',
    'POST /api/v1/projects/:p/communities',
    'POST /api/v1/projects/:p/residents',
    'GET /api/v1/projects/:p/residents',
    'GET /api/v1/projects/:p/residents/:id',
    'PATCH /api/v1/projects/:p/residents/:id',
    'DELETE /api/v1/projects/:p/residents/:id',
    'POST /api/v1/projects/:p/groups',
    'GET /api/v1/projects/:p/groups',
    'POST /api/v1/projects/:p/events',
    'GET /api/v1/projects/:p/graph',
    'GET /api/v1/projects/:p/metrics',
    'GET /api/v1/projects/:p/timeline',
    'GET /api/v1/projects/:p/residents/:id/ego',
  ]) {
    t.ok(seen.has(expected), expected);
  }
});

t.test('every /api/v1 route answers 401 without a key', async (t) => {
  for (const route of apiRoutes()) {
    const response = await app.inject({
      method: route.method,
      url: concrete(route.url),
      payload: ['POST', 'PATCH'].includes(route.method) ? {} : undefined,
    });
    t.equal(response.statusCode, 401, `${route.method} ${route.url}`);
    if (route.method !== 'HEAD') t.equal(response.json().error, 'unauthorized');
  }
});

t.test('every /api/v1 route answers 401 with a wrong key', async (t) => {
  for (const route of apiRoutes()) {
    for (const authorization of ['Bearer not-the-key', 'Basic YWRtaW46YWRtaW4=', 'Bearer ']) {
      const response = await app.inject({
        method: route.method,
        url: concrete(route.url),
        headers: { authorization },
        payload: ['POST', 'PATCH'].includes(route.method) ? {} : undefined,
      });
      t.equal(response.statusCode, 401, `${route.method} ${route.url} with "${authorization}"`);
    }
  }
});

t.test('liveness answers without a key', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/health/live' });
  t.equal(response.statusCode, 200);
  t.same(response.json(), { status: 'live' });
});

t.test('readiness answers without a key when Neo4j is up', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/health/ready' });
  t.equal(response.statusCode, 200);
  t.same(
    response.json(),
    { status: 'ready', gds: '2.13.9' },
    'with the GDS the local runner installs',
  );
});

t.test('the OpenAPI document lists every /api/v1 route', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(response.statusCode, 200);
  const spec = response.json() as { paths: Record<string, Record<string, unknown>> };
  // HEAD routes are Fastify's automatic twins of GET routes; OpenAPI documents the GET
  const documented = apiRoutes().filter((r) => r.method !== 'HEAD');
  t.ok(documented.length >= 15, `${documented.length} routes`);
  for (const route of documented) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    t.ok(spec.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path} documented`);
  }
});

t.test('the OpenAPI document declares bearer security for the API', async (t) => {
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    security: Record<string, string[]>[];
  };
  t.same(spec.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
  t.same(spec.security, [{ bearer: [] }]);
});

t.test('the docs page answers without a key', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/docs' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /text\/html/);
});
