// Who is reading: what a caller's key may see (pending residents, names or pseudonyms), and a
// cache key that is equal exactly when two callers may see the same thing.
import { unauthorized } from '../errors.ts';
import { WRITE_ROLES } from '../domain-names.ts';
import type { Role } from '../domain.ts';
import type { Principal } from '../plugins/auth.ts';

export interface Viewer {
  role: Role;
  keyId: string;
  /** Partners see pseudonyms instead of ids, and no names, attributes or individual measures. */
  pseudonymised: boolean;
  /** Residents whose consent is pending are shown to the people who ask for it. */
  seesPending: boolean;
  /**
   * The records of residents who withdrew (an admin's, to erase them or set consent back after a
   * mistake); to everyone else a withdrawn resident is not there, whatever the verb.
   */
  seesWithdrawn: boolean;
  /**
   * Equal for two viewers exactly when every read gives them the same answer: admins and
   * coordinators share one, evaluators another, and each partner key has its own (its pseudonyms).
   */
  cacheKey: string;
}

export function viewerOf(principal: Principal | null): Viewer {
  if (!principal) throw unauthorized();
  const { role, keyId } = principal;
  const pseudonymised = role === 'partner';
  // the roles that record residents see those not asked for consent yet; only an admin sees the
  // withdrawn, to act on their records
  const seesPending = WRITE_ROLES.includes(role);
  const seesWithdrawn = role === 'admin';
  const cacheKey = pseudonymised
    ? `pseudonyms:${keyId}`
    : seesPending
      ? 'names:given+pending'
      : 'names:given';
  return { role, keyId, pseudonymised, seesPending, seesWithdrawn, cacheKey };
}
