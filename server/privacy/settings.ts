// The privacy settings from the configuration: the pseudonym secret, the smallest count a partner
// may see and the rounding of released numbers.
import { createHmac } from 'node:crypto';
import { DEFAULT_MIN_COUNT, type Config } from '../config.ts';
import type { Rounding } from './disclosure/form.ts';

export interface PrivacySettings {
  /** Keys the HMAC of every pseudonym. */
  pseudonymSecret: Buffer;
  /** Released numbers resting on fewer residents are withheld (k). */
  minCount: number;
  /** Released means and shares are rounded to these decimal places. */
  rounding: Rounding;
}

export type PrivacyConfig = Pick<Config, 'PEOPLEMAP_ADMIN_KEY'> &
  Partial<
    Pick<
      Config,
      | 'PEOPLEMAP_PSEUDONYM_SECRET'
      | 'PRIVACY_MIN_COUNT'
      | 'PRIVACY_MEAN_DECIMALS'
      | 'PRIVACY_SHARE_DECIMALS'
    >
  >;

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
  return {
    pseudonymSecret,
    minCount: config.PRIVACY_MIN_COUNT ?? DEFAULT_MIN_COUNT,
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
