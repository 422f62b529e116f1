// How an analysis route answers through the analysis cache: the project's version when the request
// arrived (one indexed lookup, shared by requests arriving together, and the 404 for an unknown
// project), the caller's visibility and the query make the slot; the computation reads through the
// caller's privacy door.
//
// A read of "now" (no `at`) after the project's last change shares one slot: the network is the
// same at every moment after it, so the answer is the same but for its `at`, the moment it was
// computed for (no later than the request, no earlier than the last change).
//
// A partner's moment is the last month end at or before the one asked for, in the project's time
// zone (docs/privacy.md): reads 1 ms apart are one read, and share one slot.
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Serialised, type Body, type Client } from '../analysis/answer.ts';
import type { AnalysisKey } from '../analysis/cache.ts';
import { lastMonthEnd, momentFor } from '../privacy/closed-months.ts';
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
  /** `atMs`: the moment to compute for (a partner's, moved to a month end); NaN without one. */
  compute: (reads: ProjectReads, client: Client, atMs: number) => Promise<unknown>,
): Promise<FastifyReply> {
  const { server } = request;
  const project = await server.store.projects.current(slot.project);
  const { version } = project;
  const viewer = viewerOf(request.principal);
  const moment =
    slot.moment && viewer.pseudonymised
      ? { atMs: momentFor(viewer, slot.moment.atMs, project.timeZone), now: false }
      : slot.moment;
  const { moment: _asked, ...key } = slot;
  const settled = moment?.now === true && afterLastChange(project, moment.atMs);
  // a partner's answers hold until the month under way is over (closed-months.ts)
  const until = viewer.pseudonymised ? lastMonthEnd(project.timeZone) : null;
  const query = {
    ...key.query,
    at: settled ? 'after the last change' : (moment?.atMs ?? null),
    until,
  };
  const body = await server.analysisCache.json(
    { ...key, query, version, visibility: viewer.cacheKey },
    request,
    // a run other readers queued for may be labelled later than this project: it reads afresh
    async (signal, label) => {
      const reads = readFor(request, label === version ? project : undefined);
      const answer = await compute(reads, { signal }, moment?.atMs ?? NaN);
      const privacy = await reads.privacy(slot.project);
      return privacy ? withField(answer, 'privacy', privacy) : answer;
    },
  );
  return sendSerialised(reply, body);
}

/** An answer (an object, or JSON text ending with its closing brace) with one more field. */
function withField(answer: unknown, name: string, value: unknown): unknown {
  if (!(answer instanceof Serialised)) return { ...(answer as object), [name]: value };
  const field = Buffer.from(`,${JSON.stringify(name)}:${JSON.stringify(value)}}`);
  const { json } = answer;
  if (typeof json === 'string') return new Serialised(json.slice(0, -1) + field.toString());
  const last = json.at(-1)!;
  return new Serialised([...json.slice(0, -1), last.subarray(0, last.length - 1), field]);
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
