// /api/v1/projects/:p/live — the project's changes as Server-Sent Events, as the key may see them
// (@fastify/sse negotiates and writes the headers; the hub, live/hub.ts, writes the messages).
import sse from '@fastify/sse';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readFor } from '../privacy/reads.ts';
import { changeOut } from '../live/messages.ts';
import { seenChange } from '../privacy/live-view.ts';
import { errors, ProjectParams } from './schemas.ts';

const LastEventId = z
  .string()
  .regex(/^\d{1,15}$/, 'must be the id of a message of this stream (a project version)')
  .transform(Number);

const live: FastifyPluginAsyncZod = async (app) => {
  // the hub sends heartbeats itself, to every stream at once and within its bound on unread bytes
  await app.register(sse, { heartbeatInterval: 0 });

  app.get('/projects/:p/live', {
    sse: 'only',
    // a HEAD would hold a stream open with nothing to send
    exposeHeadRoute: false,
    // the stream carries the event log, which no partner reads
    config: { access: 'read', partner: 'none' },
    schema: {
      summary: "Follow the project's changes as they are stored (Server-Sent Events)",
      description:
        'A `text/event-stream` that stays open. It opens with `event: ready` `{version}`. After each ' +
        'write to the project (through any API process) comes `id: <version>`, `event: change`, ' +
        '`data: {version, events, residents, groups, communities}`: what the write stored that this ' +
        'key may see (nothing is sent when it may see none of it). `event: reset` `{version, reason}` ' +
        'says to read the project again (an erasure, or more changed than a stream sends). A comment ' +
        'line every 15 s keeps the connection up. Reconnect with `Last-Event-ID` to be sent what was ' +
        'missed. A stream ends after 10 minutes (LIVE_STREAM_MAX_MS): reconnect, and the key is checked again.',
      tags: ['live'],
      params: ProjectParams,
      headers: z.looseObject({ 'last-event-id': LastEventId.optional() }),
      response: {
        200: {
          description: 'ready, change and reset messages (each `data` is one line of JSON)',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        ...errors,
      },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const reads = readFor(request);
      app.live.admit();
      const { version } = await app.store.projects.current(p);
      const lastEventId = request.headers['last-event-id'] ?? null;
      reply.sse.keepAlive();
      reply.sse.sendHeaders();
      const raw = reply.raw;
      const listener = app.live.open(
        {
          projectId: p,
          viewerKey: reads.viewer.cacheKey,
          see: async (change) => {
            const seen = await seenChange(reads, p, change);
            return seen && changeOut(seen);
          },
          outlet: {
            write: (text) => raw.write(text),
            unread: () => raw.writableLength,
            end: () => reply.sse.close(),
            destroy: () => raw.destroy(),
          },
        },
        version,
        lastEventId,
      );
      reply.sse.onClose(() => app.live.forget(listener));
    },
  });
};

export default live;
