// A partner's event-log cursor must not carry a real event id (clients choose event ids and may
// spell a name in one): the id travels sealed (AES-256-GCM), and only this service can open it.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { badRequest } from '../errors.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** One key per partner key, so a cursor opens only for the key it was given to. */
const keyFor = (secret: Buffer, keyId: string) =>
  createHmac('sha256', secret)
    .update(JSON.stringify(['cursor', keyId]))
    .digest();

export function sealEventId(secret: Buffer, keyId: string, id: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, keyId), iv);
  const sealed = Buffer.concat([cipher.update(id, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The event id inside a sealed cursor id; a 400 naming `after` when it was not sealed here. */
export function openEventId(secret: Buffer, keyId: string, sealed: string): string {
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(secret, keyId),
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const id = decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES));
    return Buffer.concat([id, decipher.final()]).toString('utf8');
  } catch {
    throw badRequest('`after` is not a cursor from a previous page of this key', [
      { path: 'after', message: 'not a cursor from a previous page' },
    ]);
  }
}
