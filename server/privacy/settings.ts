// The privacy settings from the configuration: the pseudonym secret and the smallest count a
// partner may see.
import { createHmac } from 'node:crypto';
import { DEFAULT_MIN_COUNT, type Config } from '../config.ts';

export interface PrivacySettings {
  /** Keys the HMAC of every pseudonym. */
  pseudonymSecret: Buffer;
  /** Aggregates over fewer residents are suppressed for partners. */
  minCount: number;
}

export type PrivacyConfig = Pick<Config, 'PEOPLEMAP_ADMIN_KEY'> &
  Partial<Pick<Config, 'PEOPLEMAP_PSEUDONYM_SECRET' | 'PRIVACY_MIN_COUNT'>>;

/**
 * Without PEOPLEMAP_PSEUDONYM_SECRET the secret is derived from the admin key (an HMAC with a
 * fixed label, so the admin key itself never keys a pseudonym): a deployment works without one
 * more secret, and pseudonyms stay unguessable to anyone without the admin key. Set it to keep
 * pseudonyms when the admin key is rotated.
 */
export function privacySettings(config: PrivacyConfig): PrivacySettings {
  const pseudonymSecret = config.PEOPLEMAP_PSEUDONYM_SECRET
    ? Buffer.from(config.PEOPLEMAP_PSEUDONYM_SECRET, 'utf8')
    : createHmac('sha256', config.PEOPLEMAP_ADMIN_KEY).update('peoplemap pseudonyms v1').digest();
  return { pseudonymSecret, minCount: config.PRIVACY_MIN_COUNT ?? DEFAULT_MIN_COUNT };
}

declare module 'fastify' {
  interface FastifyInstance {
    privacy: PrivacySettings;
  }
}
