// Reads a multipart upload into files, enforcing the size limit. A part's sheet is its field name
// when that names a sheet (`-F ties=@paper.csv`), else a `sheet` field sent just before it.
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../errors.ts';
import type { Upload } from './read.ts';
import { sheetNamed } from './sheets.ts';

/** The largest upload (all files together), and the most rows it may hold. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 200_000;

export const tooLarge = (what: string) =>
  new AppError(
    413,
    'payload_too_large',
    `${what}; split the upload and send the parts one by one`,
    [{ path: 'body', message: what }],
  );

const SIZE = `the upload is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;

export async function readUploads(request: FastifyRequest): Promise<Upload[]> {
  const uploads: Upload[] = [];
  let sheet: string | null = null;
  let total = 0;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'sheet') sheet = String(part.value);
        continue;
      }
      const data = await part.toBuffer();
      total += data.length;
      if (total > MAX_UPLOAD_BYTES) throw tooLarge(SIZE);
      const named = sheetNamed(part.fieldname) ? part.fieldname : sheet;
      uploads.push({ name: part.filename || part.fieldname, sheet: named, data });
      sheet = null;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(SIZE);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw tooLarge('the upload has too many parts');
    throw error;
  }
  return uploads;
}
