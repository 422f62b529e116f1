// Access control for /api routes: every route declares what it needs (`config: { access }`), one
// onRequest hook authenticates the bearer key (the bootstrap PEOPLEMAP_ADMIN_KEY or an issued key
// looked up in Neo4j) and enforces that need, and failed key attempts are throttled per address.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, forbidden, unauthorized } from '../errors.ts';
import { PUBLISH_ROLES, WRITE_ROLES } from '../domain-names.ts';
import type { Role } from '../domain.ts';
import type { KeyStore } from '../store/keys.ts';

/**
 * What a route needs, declared once in its options (`config: { access: 'read' }`) and enforced
 * by the auth hook. Project-scoped needs take the project from the `:p` path parameter.
 * - read: the project's data; admin, coordinator, evaluator within their projects (partners: see
 *   `partner` below)
 * - write: the project's residents, groups, events, imports; admin and coordinator
 * - publish: publishing the project's releases; admin and evaluator
 * - erase: erasing a resident; admin only
 * - admin: keys, audit, creating projects; admin only, not project-scoped
 * - any: any valid key (lists filtered to the key's projects, import templates)
 */
export type Access = 'read' | 'write' | 'publish' | 'erase' | 'admin' | 'any';

/**
 * What a partner key may do on a `read` or `any` route, declared beside `access` and closed when
 * left out, so a new route shows nothing to partners until it says so:
 * - none: no partner (the default)
 * - network: partners holding the admin's network grant (de-identified network reads)
 * - release: every partner (releases, the project's name, the key itself)
 */
export type PartnerAccess = 'none' | 'network' | 'release';

const ACCESS: readonly Access[] = ['read', 'write', 'publish', 'erase', 'admin', 'any'];
const PROJECT_SCOPED: readonly Access[] = ['read', 'write', 'publish', 'erase'];
const PARTNER_ACCESS: readonly PartnerAccess[] = ['none', 'network', 'release'];
/** The accesses a partner could hold at all: the others already refuse every partner. */
const PARTNER_READABLE: readonly Access[] = ['read', 'any'];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    partner?: PartnerAccess;
  }
}

/** A route's declared needs, as the hook reads them. */
export interface RouteAccess {
  access: Access;
  partner: PartnerAccess;
}

export interface Principal {
  /** The issued key's id, or 'admin' for PEOPLEMAP_ADMIN_KEY. */
  keyId: string;
  name: string;
  role: Role;
  /** '*' for every project. */
  projects: '*' | string[];
  /** A partner key's network grant (false for every other key). */
  network: boolean;
  /** When the key stops working (ISO); null: never (the admin key, or a key issued without one). */
  expiresAt: string | null;
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

const releasesOf = (projectId: string | undefined) =>
  `GET /api/v1/projects/${projectId ?? ':p'}/releases`;

/** Throws 403 unless a partner key may use a route that its projects allow. */
function permitPartner(principal: Principal, partner: PartnerAccess, projectId?: string): void {
  if (partner === 'release') return;
  if (partner === 'network' && principal.network) return;
  if (partner === 'network')
    throw forbidden(
      `a partner key without the network grant reads this project through its releases: ${releasesOf(projectId)}; an admin can issue a key with the network grant`,
    );
  throw forbidden(
    `a partner key reads this through the project's releases: ${releasesOf(projectId)}`,
  );
}

/** Throws 403 unless the principal's role and projects meet the route's declared access. */
export function permit(principal: Principal, route: RouteAccess, projectId?: string): void {
  const { access } = route;
  if (access === 'admin' || access === 'erase') {
    if (principal.role !== 'admin') throw forbidden(`a ${principal.role} key cannot do this`);
    return;
  }
  if (
    access !== 'any' &&
    principal.projects !== '*' &&
    (projectId === undefined || !principal.projects.includes(projectId))
  ) {
    throw forbidden(`this key has no access to project "${projectId}"`);
  }
  if (access === 'write' && !WRITE_ROLES.includes(principal.role)) {
    throw forbidden(`a ${principal.role} key cannot write`);
  }
  if (access === 'publish' && !PUBLISH_ROLES.includes(principal.role)) {
    throw forbidden(`a ${principal.role} key cannot publish releases; an evaluator or admin can`);
  }
  if (principal.role === 'partner') permitPartner(principal, route.partner, projectId);
}

/**
 * An onRoute hook for the API scope: refuses to register a route that declares no access, or a
 * project-scoped access on a path without `:p`, so such a route stops the app from starting.
 */
export function requireDeclaredAccess(route: RouteOptions): void {
  const access = route.config?.access;
  const where = `${route.method} ${route.url}`;
  if (!access || !ACCESS.includes(access))
    throw new Error(`peoplemap/auth: ${where} declares no config.access`);
  if (PROJECT_SCOPED.includes(access) && !route.url.includes('/:p'))
    throw new Error(`peoplemap/auth: ${where} declares "${access}" access but has no :p`);
  const partner = route.config?.partner;
  if (partner !== undefined && !PARTNER_ACCESS.includes(partner))
    throw new Error(`peoplemap/auth: ${where} declares an unknown partner access "${partner}"`);
  if (partner !== undefined && partner !== 'none' && !PARTNER_READABLE.includes(access))
    throw new Error(`peoplemap/auth: ${where} opens "${access}" access to partners`);
}

/** Failed key attempts per client address in fixed one-minute windows. */
export class FailedAttempts {
  private readonly byAddress = new Map<string, { startMs: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds until the address may try again; 0 when it may try now. */
  retryAfter(address: string, nowMs = Date.now()): number {
    const window = this.byAddress.get(address);
    if (!window || nowMs - window.startMs >= this.windowMs || window.count < this.limit) return 0;
    return Math.ceil((window.startMs + this.windowMs - nowMs) / 1000);
  }

  record(address: string, nowMs = Date.now()): void {
    const window = this.byAddress.get(address);
    if (window && nowMs - window.startMs < this.windowMs) {
      window.count += 1;
      return;
    }
    // Expired windows are dropped as the map grows, so a scan from many addresses cannot fill memory
    if (this.byAddress.size >= 10_000) {
      for (const [key, w] of this.byAddress)
        if (nowMs - w.startMs >= this.windowMs) this.byAddress.delete(key);
    }
    this.byAddress.set(address, { startMs: nowMs, count: 1 });
  }
}

export interface AuthOptions {
  adminKey: string;
  keys: KeyStore;
  /** 401s an address may collect per minute before it gets 429s. */
  failuresPerMinute: number;
}

export default fp(
  async function auth(app: FastifyInstance, options: AuthOptions) {
    const adminDigest = digest(options.adminKey);
    const failures = new FailedAttempts(options.failuresPerMinute);
    app.decorateRequest('principal', null);

    const identify = async (secret: string): Promise<Principal | null> => {
      if (timingSafeEqual(digest(secret), adminDigest))
        return {
          keyId: 'admin',
          name: 'PEOPLEMAP_ADMIN_KEY',
          role: 'admin',
          projects: '*',
          network: false,
          expiresAt: null,
        };
      const holder = await options.keys.holder(secret);
      if (!holder) return null;
      const { id: keyId, name, role, projects, network, expiresAt } = holder;
      return { keyId, name, role, projects, network, expiresAt };
    };

    app.decorate('authorize', async (request: FastifyRequest, reply: FastifyReply) => {
      const secret = bearer(request);
      const principal = secret ? await identify(secret) : null;
      // the key is checked before the address's failures count: a valid key is never locked out
      // by others' failures from the same address (a proxy, a shared office)
      if (!principal) {
        const wait = failures.retryAfter(request.ip);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new AppError(
            429,
            'too_many_failed_keys',
            `too many requests with a missing or invalid key from this address; retry in ${wait} s`,
          );
        }
        failures.record(request.ip);
        throw unauthorized();
      }
      request.principal = principal;
      const params = request.params as { p?: string } | undefined;
      const { access = 'admin', partner = 'none' } = request.routeOptions.config;
      permit(principal, { access, partner }, params?.p);
    });
  },
  { name: 'peoplemap-auth' },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** The API scope's onRequest hook: authenticates, then enforces the route's declared access. */
    authorize(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}
