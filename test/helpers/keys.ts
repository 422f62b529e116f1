// Keys with roles for privacy tests: issued through the API by the bootstrap admin key, and the
// pseudonym a partner key should see for a resident, computed from the documented formula.
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ADMIN_KEY, auth } from './server.ts';

export type Role = 'admin' | 'coordinator' | 'evaluator' | 'partner';

export interface TestKey {
  id: string;
  role: Role;
  headers: { authorization: string };
}

/**
 * A key of the role for the given projects; admin is the bootstrap key (key id "admin").
 * `network`: a partner key with the network grant.
 */
export async function issueKey(
  app: FastifyInstance,
  role: Role,
  projects: string[],
  { network = false } = {},
): Promise<TestKey> {
  if (role === 'admin') return { id: 'admin', role, headers: auth };
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/keys',
    headers: auth,
    payload: { role, projects, name: `${role} for a privacy test`, network },
  });
  if (response.statusCode !== 201) throw new Error(`key: ${response.statusCode} ${response.body}`);
  const { id, key } = response.json() as { id: string; key: string };
  return { id, role, headers: { authorization: `Bearer ${key}` } };
}

/** docs/privacy.md: `p_` + the first 20 hex digits of HMAC-SHA256(secret, JSON of the parts). */
export function expectedPseudonym(
  secret: string,
  keyId: string,
  projectId: string,
  residentId: string,
): string {
  const parts = JSON.stringify(['resident', keyId, projectId, residentId]);
  return 'p_' + createHmac('sha256', secret).update(parts).digest('hex').slice(0, 20);
}

export { ADMIN_KEY };
