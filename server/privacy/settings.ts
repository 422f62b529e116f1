// The privacy settings from the configuration: the pseudonym secret and the smallest count a
// partner may see.
import { DEFAULT_MIN_COUNT, type Config } from '../config.ts';
import { secretsFrom } from '../store/secrets.ts';

export interface PrivacySettings {
  /** Keys the HMAC of every pseudonym. */
  pseudonymSecret: Buffer;
  /** Aggregates over fewer residents are suppressed for partners. */
  minCount: number;
}

export type PrivacyConfig = Pick<Config, 'PEOPLEMAP_HASH_SECRET' | 'PEOPLEMAP_PSEUDONYM_SECRET'> &
  Partial<Pick<Config, 'PRIVACY_MIN_COUNT'>>;

/**
 * PEOPLEMAP_PSEUDONYM_SECRET is a secret of its own, never derived from the admin key: rotating
 * the admin key must not change every partner's pseudonyms (the database keeps a verifier of it,
 * store/secrets.ts, so a changed one is refused at start).
 */
export function privacySettings(config: PrivacyConfig): PrivacySettings {
  return {
    pseudonymSecret: secretsFrom(config).pseudonymSecret,
    minCount: config.PRIVACY_MIN_COUNT ?? DEFAULT_MIN_COUNT,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    privacy: PrivacySettings;
  }
}
