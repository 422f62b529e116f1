// The privacy settings from the configuration: the pseudonym secret, the smallest count a partner
// may see and the rounding of released numbers.
import { DEFAULT_MIN_COUNT, type Config } from '../config.ts';
import { secretsFrom } from '../store/secrets.ts';
import type { Rounding } from './disclosure/form.ts';
import { cursorKey } from './cursor-seal.ts';

export interface PrivacySettings {
  /** Keys the HMAC of every pseudonym. */
  pseudonymSecret: Buffer;
  /** Seals the event log's cursors (AES-256-GCM), derived from the pseudonym secret. */
  cursorKey: Buffer;
  /** Every resident a partner with the network grant reads is in a class of at least this many. */
  classMin: number;
  /** Released numbers resting on fewer residents are withheld (k). */
  minCount: number;
  /** Released means and shares are rounded to these decimal places. */
  rounding: Rounding;
}

export type PrivacyConfig = Pick<Config, 'PEOPLEMAP_HASH_SECRET' | 'PEOPLEMAP_PSEUDONYM_SECRET'> &
  Partial<
    Pick<
      Config,
      'PRIVACY_MIN_COUNT' | 'PRIVACY_CLASS_MIN' | 'PRIVACY_MEAN_DECIMALS' | 'PRIVACY_SHARE_DECIMALS'
    >
  >;

/**
 * PEOPLEMAP_PSEUDONYM_SECRET is a secret of its own, never derived from the admin key: rotating
 * the admin key must not change every partner's pseudonyms (the database keeps a verifier of it,
 * store/secrets.ts, so a changed one is refused at start).
 */
export function privacySettings(config: PrivacyConfig): PrivacySettings {
  const { pseudonymSecret } = secretsFrom(config);
  return {
    pseudonymSecret,
    cursorKey: cursorKey(pseudonymSecret),
    minCount: config.PRIVACY_MIN_COUNT ?? DEFAULT_MIN_COUNT,
    classMin: config.PRIVACY_CLASS_MIN ?? config.PRIVACY_MIN_COUNT ?? DEFAULT_MIN_COUNT,
    rounding: {
      meanDigits: config.PRIVACY_MEAN_DECIMALS ?? 1,
      shareDigits: config.PRIVACY_SHARE_DECIMALS ?? 2,
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    privacy: PrivacySettings;
  }
}
