// The app with every route it registered, read from Fastify's own route table as it is built (an
// onRoute hook on the instance as Fastify creates it), so a test over "every route" covers a new
// one without being told.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance, HTTPMethods, RouteOptions } from 'fastify';
import type { Test } from 'tap';
import type { Access, PartnerAccess } from '../../server/plugins/auth.ts';
import { testApp, testConfig } from './server.ts';

export interface RegisteredRoute {
  method: HTTPMethods;
  url: string;
  access: Access | undefined;
  /** What a partner key may do with it (`none` when the route leaves it out). */
  partner: PartnerAccess;
}

/** The app (closed when `t` ends, ready) and every route it registered, one per method. */
export async function appWithRoutes(
  t: Test,
  overrides: Parameters<typeof testConfig>[0] = {},
): Promise<{ app: FastifyInstance; routes: RegisteredRoute[] }> {
  const routes: RegisteredRoute[] = [];
  const onCreate = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods)
        routes.push({
          method,
          url: route.url,
          access: route.config?.access,
          partner: route.config?.partner ?? 'none',
        });
    });
  };
  subscribe('fastify.initialization', onCreate);
  let app: FastifyInstance;
  try {
    app = await testApp(t, overrides);
  } finally {
    unsubscribe('fastify.initialization', onCreate);
  }
  await app.ready();
  return { app, routes };
}
