// The metric definitions (docs/metrics.md) are served beside the interactive docs and linked from
// the OpenAPI description, so a reader of /docs finds how every number is computed.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { testConfig } from '../helpers/server.ts';

let app: FastifyInstance;

t.before(async () => {
  app = await buildApp(testConfig());
  await app.ready();
});
t.teardown(() => app.close());

t.test('the metric definitions are served as markdown without a key', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/docs/metrics.md' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /text\/markdown/);
  t.match(response.body, /## The network at a moment/);
  t.match(response.body, /Wasserman–Faust/);
});

t.test('the OpenAPI description links the metric definitions', async (t) => {
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    info: { description: string };
  };
  t.match(spec.info.description, /\(\/docs\/metrics\.md\)/);
});

t.test('how each tool reads the exports is served and linked beside them', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/docs/exports.md' });
  t.equal(response.statusCode, 200);
  t.match(response.body, /## R igraph/);
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    info: { description: string };
  };
  t.match(spec.info.description, /\(\/docs\/exports\.md\)/);
});

t.test('the facilitator’s guide is served and linked beside the API', async (t) => {
  const response = await app.inject({ method: 'GET', url: '/docs/guide.md' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], 'text/markdown');
  t.match(response.body, /## The consent script/);
  const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
    info: { description: string };
  };
  t.match(spec.info.description, /\(\/docs\/guide\.md\)/);
});
