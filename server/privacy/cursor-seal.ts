// The event log's cursor travels sealed (AES-256-GCM), for every key: in the clear its fields (time,
// batch, position, event id) would show where hidden events sit — a gap in positions is a measure
// or a pending resident the reader may not see — and a client-chosen event id may spell a name.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { badRequest } from '../errors.ts';
import type { Cursor } from '../store/events.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The cursor key: HKDF-SHA256 of the pseudonym secret, so it needs no secret of its own. */
export const cursorKey = (pseudonymSecret: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', pseudonymSecret, Buffer.alloc(0), 'peoplemap event cursor', 32));

/** Whom a cursor was given to: it opens for the same key and project only. */
export interface CursorHolder {
  keyId: string;
  projectId: string;
}

const boundTo = (holder: CursorHolder) =>
  Buffer.from(JSON.stringify([holder.keyId, holder.projectId]));

export function sealCursor(key: Buffer, holder: CursorHolder, cursor: Cursor): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(boundTo(holder));
  const plain = JSON.stringify([cursor.atMs, cursor.batch, cursor.seq, cursor.id]);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

const notACursor = () =>
  badRequest('`after` is not a cursor from a previous page of this key and project', [
    { path: 'after', message: 'not a cursor from a previous page' },
  ]);

/** The cursor inside a sealed one; a 400 naming `after` when it was not sealed here, for them. */
export function openCursor(key: Buffer, holder: CursorHolder, sealed: string): Cursor {
  let fields: unknown;
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(boundTo(holder));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES));
    fields = JSON.parse(Buffer.concat([plain, decipher.final()]).toString('utf8'));
  } catch {
    throw notACursor();
  }
  const [atMs, batch, seq, id] = fields as unknown[];
  if (typeof atMs !== 'number' || typeof batch !== 'number' || typeof seq !== 'number')
    throw notACursor();
  if (typeof id !== 'string') throw notACursor();
  return { atMs, batch, seq, id };
}
