// How an analysis route answers through the analysis cache: the project's version when the request
// arrived (one indexed lookup, and the 404 for an unknown project), the caller's visibility and the
// query make the slot; the computation reads through the caller's privacy door.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendSerialised, type AnalysisKey } from '../analysis/cache.ts';
import type { Client } from '../analysis/pool.ts';
import { readFor, type ProjectReads } from '../privacy/reads.ts';
import { requireProject } from '../store/projects.ts';

export async function answerCached(
  request: FastifyRequest,
  reply: FastifyReply,
  slot: { kind: AnalysisKey['kind']; project: string; query: AnalysisKey['query'] },
  compute: (reads: ProjectReads, client: Client) => Promise<unknown>,
): Promise<FastifyReply> {
  const { server } = request;
  const reads = readFor(request);
  const { version } = await server.store.db.read((tx) => requireProject(tx, slot.project));
  const body = await server.analysis.cache.json(
    { ...slot, version, visibility: reads.viewer.cacheKey },
    request,
    (signal) => compute(reads, { signal }),
  );
  return sendSerialised(reply, body);
}
