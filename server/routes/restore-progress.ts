// A restore's progress as JSON lines (`Accept: application/x-ndjson`): what is refused before
// anything is written (checksum, an existing project, the directory's checks) still answers with
// its own status; from the first step on, the answer is 200/201 with one line per step written and
// a last line that is either the result or the error that undid everything.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Id } from '../domain.ts';
import { AppError } from '../errors.ts';
import { flag } from './schemas.ts';
import type { Restored, RestoreProgress } from '../store/restore.ts';

export const PROGRESS_TYPE = 'application/x-ndjson';

/** A restore's query: a dry run, and the id to restore under when it is not the archive's. */
export const RestoreQuery = z.object({
  dryRun: flag.describe('true: check and write everything, then delete it: nothing is kept'),
  as: Id.optional().describe(
    'restore under this project id (to hand a copy to the next programme on the same instance)',
  ),
});

/** What a restore answers without progress lines, and its progress lines' last line holds. */
export const RestoredBody = z.object({
  dryRun: z.boolean().describe('true: everything was checked and written, then deleted'),
  communities: z.number().int(),
  groups: z.number().int(),
  residents: z.number().int(),
  events: z.number().int(),
  tombstones: z.number().int(),
  releases: z.number().int(),
});

export const wantsProgress = (accept: string | undefined) => (accept ?? '').includes(PROGRESS_TYPE);

/** `{progress}` lines, then `{restored}` or `{error: {status, error, message, details}}`. */
export async function sendProgress(
  reply: FastifyReply,
  dryRun: boolean,
  run: (progress: (p: RestoreProgress) => void) => Promise<Restored>,
): Promise<FastifyReply> {
  const lines = new PassThrough();
  const write = (line: unknown) => lines.write(`${JSON.stringify(line)}\n`);
  let started!: () => void;
  const firstStep = new Promise<'started'>((resolve) => (started = () => resolve('started')));
  const restoring = run((progress) => {
    started();
    write({ progress });
  });
  // a refusal before the first step is written throws here, as a plain answer with its status
  const first = await Promise.race([firstStep, restoring]);
  if (first !== 'started') return reply.code(dryRun ? 200 : 201).send(first);
  restoring.then(
    (restored) => lines.end(`${JSON.stringify({ restored })}\n`),
    (error: unknown) => {
      const failed =
        error instanceof AppError
          ? {
              status: error.status,
              error: error.code,
              message: error.message,
              details: error.details,
            }
          : {
              status: 500,
              error: 'internal',
              message: 'an internal error occurred; nothing was kept',
            };
      if (!(error instanceof AppError))
        reply.log.error({ err: { message: (error as Error).message } }, 'restore failed');
      lines.end(`${JSON.stringify({ error: failed })}\n`);
    },
  );
  return reply
    .code(dryRun ? 200 : 201)
    .type(PROGRESS_TYPE)
    .send(lines);
}
