// How an analysis route answers through the analysis cache: the project's version when the request
// arrived (one indexed lookup, shared by requests arriving together, and the 404 for an unknown
// project), the caller's visibility and the query make the slot; the computation reads through the
// caller's privacy door.
//
// A read of "now" (no `at`) after the project's last change shares one slot: the network is the
// same at every moment after it, so the answer is the same but for its `at`, the moment it was
// computed for (no later than the request, no earlier than the last change).
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Body, Client } from '../analysis/answer.ts';
import type { AnalysisKey } from '../analysis/cache.ts';
import { readFor, type ProjectReads } from '../privacy/reads.ts';
import { viewerOf } from '../privacy/viewer.ts';
import { afterLastChange } from '../store/projects.ts';

export async function answerCached(
  request: FastifyRequest,
  reply: FastifyReply,
  slot: {
    kind: AnalysisKey['kind'];
    project: string;
    query: AnalysisKey['query'];
    /** The moment asked for, and whether it is "now" because the request named none. */
    moment?: { atMs: number; now: boolean };
  },
  compute: (reads: ProjectReads, client: Client) => Promise<unknown>,
): Promise<FastifyReply> {
  const { server } = request;
  const project = await server.store.projects.current(slot.project);
  const { version } = project;
  const { moment, ...key } = slot;
  const settled = moment?.now === true && afterLastChange(project, moment.atMs);
  const query = { ...key.query, at: settled ? 'after the last change' : (moment?.atMs ?? null) };
  const body = await server.analysisCache.json(
    { ...key, query, version, visibility: viewerOf(request.principal).cacheKey },
    request,
    // a run other readers queued for may be labelled later than this project: it reads afresh
    (signal, label) =>
      compute(readFor(request, label === version ? project : undefined), { signal }),
  );
  return sendSerialised(reply, body);
}

/**
 * Sends a body the cache already serialised: Fastify passes a string with a JSON content type
 * through as it is, so the route's response schema is not applied twice; chunks are streamed with
 * their length given.
 */
export function sendSerialised(reply: FastifyReply, body: Body): FastifyReply {
  reply.type('application/json; charset=utf-8');
  if (typeof body === 'string') return reply.send(body);
  let length = 0;
  for (const chunk of body) length += chunk.length;
  return reply.header('content-length', length).send(Readable.from(body, { objectMode: false }));
}
