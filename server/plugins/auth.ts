// Bearer-key authentication for /api routes. A request's principal carries a role and the projects
// it may touch; until issued keys exist the one key is PEOPLEMAP_ADMIN_KEY (role admin, all projects).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../errors.ts';

export type Role = 'admin' | 'coordinator' | 'evaluator' | 'partner';

/**
 * What a route needs, declared once in its options (`config: { access: 'read' }`) and enforced
 * by the auth hook. Project-scoped needs take the project from the `:p` path parameter.
 * - read: the project's data; every role within its projects (partners pseudonymised)
 * - write: the project's residents, groups, events, imports; admin and coordinator
 * - erase: erasing a resident; admin only
 * - admin: keys, audit, creating projects; admin only, not project-scoped
 * - any: any valid key (lists filtered to the key's projects, import templates)
 */
export type Access = 'read' | 'write' | 'erase' | 'admin' | 'any';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface Principal {
  keyId: string;
  role: Role;
  /** '*' for every project. */
  projects: '*' | string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const digest = (secret: string) => createHash('sha256').update(secret).digest();

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}

/** Throws 403 unless the principal may act on the project with the given need. */
export function assertProjectAccess(
  request: FastifyRequest,
  projectId: string,
  need: 'read' | 'write',
): void {
  const principal = request.principal;
  if (!principal) throw unauthorized();
  if (principal.projects !== '*' && !principal.projects.includes(projectId)) {
    throw forbidden(`this key has no access to project "${projectId}"`);
  }
  if (need === 'write' && (principal.role === 'evaluator' || principal.role === 'partner')) {
    throw forbidden(`a ${principal.role} key cannot write`);
  }
}

export function assertAdmin(request: FastifyRequest): void {
  if (request.principal?.role !== 'admin') throw forbidden('an admin key is required');
}

export default fp(
  async function auth(app: FastifyInstance, options: { adminKey: string }) {
    const adminDigest = digest(options.adminKey);
    app.decorateRequest('principal', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const secret = bearer(request);
      if (!secret || !timingSafeEqual(digest(secret), adminDigest)) throw unauthorized();
      request.principal = { keyId: 'admin', role: 'admin', projects: '*' };
    });
  },
  { name: 'peoplemap-auth' },
);

declare module 'fastify' {
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<void>;
  }
}
