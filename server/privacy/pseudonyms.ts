// Partner pseudonyms: `p_` + a keyed HMAC of (key id, project, resident id), so one key sees the
// same pseudonym on every call and two keys cannot link their extracts. Event ids, which clients
// choose and may spell a name, get `e_` pseudonyms the same way, and groups `g_` ones (a group's id
// or name can say what its members share: a church, a health condition).
import { createHmac } from 'node:crypto';

/**
 * 20 hex characters (80 bits): among 100,000 residents the chance that any two share a
 * pseudonym is about n²/2⁸¹ ≈ 4·10⁻¹⁵.
 */
export const PSEUDONYM_HEX_LENGTH = 20;

function keyedHash(secret: Buffer, parts: string[]): string {
  return createHmac('sha256', secret)
    .update(JSON.stringify(parts))
    .digest('hex')
    .slice(0, PSEUDONYM_HEX_LENGTH);
}

export function residentPseudonym(
  secret: Buffer,
  keyId: string,
  projectId: string,
  residentId: string,
): string {
  return `p_${keyedHash(secret, ['resident', keyId, projectId, residentId])}`;
}

export function eventPseudonym(
  secret: Buffer,
  keyId: string,
  projectId: string,
  eventId: string,
): string {
  return `e_${keyedHash(secret, ['event', keyId, projectId, eventId])}`;
}

export function groupPseudonym(
  secret: Buffer,
  keyId: string,
  projectId: string,
  groupId: string,
): string {
  return `g_${keyedHash(secret, ['group', keyId, projectId, groupId])}`;
}

/** One key's pseudonyms in one project, both ways for the residents it was built with. */
export class Pseudonyms {
  private readonly toPseudonym = new Map<string, string>();
  private readonly toId = new Map<string, string>();

  constructor(
    private readonly secret: Buffer,
    private readonly keyId: string,
    private readonly projectId: string,
    residentIds: Iterable<string>,
  ) {
    for (const id of residentIds) {
      const pseudonym = residentPseudonym(secret, keyId, projectId, id);
      this.toPseudonym.set(id, pseudonym);
      this.toId.set(pseudonym, id);
    }
  }

  /** The pseudonym of a resident id. */
  of(id: string): string {
    return (
      this.toPseudonym.get(id) ?? residentPseudonym(this.secret, this.keyId, this.projectId, id)
    );
  }

  /** The resident id behind a pseudonym, or null when it is none of this project's residents. */
  idOf(pseudonym: string): string | null {
    return this.toId.get(pseudonym) ?? null;
  }

  event(id: string): string {
    return eventPseudonym(this.secret, this.keyId, this.projectId, id);
  }

  group(id: string): string {
    return groupPseudonym(this.secret, this.keyId, this.projectId, id);
  }
}
