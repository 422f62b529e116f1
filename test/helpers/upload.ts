// Builds multipart/form-data bodies for import tests, as a browser or curl would send them, and
// sends them to a project's import.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ImportReport } from '../../server/contract.ts';
import { auth } from './server.ts';

export interface Part {
  /** The form field's name (`file`, or a sheet name such as `ties`). */
  field: string;
  /** A file name for a file part; none for a plain field. */
  filename?: string;
  content: string | Buffer;
}

export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----peoplemap' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.field}"; filename="${part.filename}"`
      : `form-data; name="${part.field}"`;
    const type = part.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A CSV file part named after its sheet. */
export const csv = (filename: string, lines: string[]): Part => ({
  field: 'file',
  filename,
  content: lines.join('\r\n') + '\r\n',
});

/** Sends the parts to the project's import (for real unless the query says dryRun=true). */
export async function upload(
  app: FastifyInstance,
  p: string,
  parts: Part[],
  query = 'dryRun=false',
): Promise<{ status: number; report: ImportReport }> {
  const { payload, headers } = multipart(parts);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${p}/import?${query}`,
    headers: { ...auth, ...headers },
    payload,
  });
  return { status: response.statusCode, report: response.json() as ImportReport };
}
