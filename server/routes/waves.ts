// /api/v1/projects/:p/waves/:wave/answers — one respondent's complete answer to the name question
// at a wave: the interview and the ties it starts and ends, written as one batch of events
// (server/metrics/waves.ts; docs/time-rule.md, "Waves").
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant, Text } from '../domain.ts';
import { AppendResult } from '../domain-events.ts';
import { AppError, badRequest } from '../errors.ts';
import { holdsAt } from '../metrics/spells.ts';
import { answerEvents } from '../metrics/waves.ts';
import { readFor } from '../privacy/reads.ts';
import { errors, ProjectParams } from './schemas.ts';

export const AnswerBody = z
  .object({
    resident: Id.describe('the respondent'),
    at: Instant.describe("the interview's moment: ties end and start then"),
    named: z
      .array(Id)
      .max(1000)
      .describe('everyone the respondent names, complete: a tie held and not named ends'),
  })
  .strict();

const AnswerResult = AppendResult.extend({
  interview: z.string().describe("the interview event's id"),
  added: z.array(z.string()).describe('residents named who were not tied to the respondent'),
  ended: z.array(z.string()).describe('residents tied to the respondent and not named'),
});

const digest = (...parts: string[]) =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);

/** A 400 from the batch, its paths moved to the body's fields (`events.3.to` → `named.1`). */
function bodyPaths(error: unknown, pathOf: (index: number, field: string) => string): unknown {
  if (!(error instanceof AppError) || !error.details) return error;
  const details = error.details.map((d) => {
    const m = /^events\.(\d+)\.(\w+)$/.exec(d.path);
    return m ? { ...d, path: pathOf(Number(m[1]), m[2]) } : d;
  });
  return new AppError(error.status, error.code, error.message, details);
}

const waves: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/waves/:wave/answers', {
    config: { access: 'write' },
    schema: {
      summary: "Record one respondent's complete answer to the name question at a wave",
      description:
        'Writes an `interview` event (source of truth that the respondent was asked at this wave), a `connection` ' +
        '(source `wave`) to each person named who was not tied to them at `at`, and a `disconnection` at `at` of each ' +
        'tie they held and did not name. Ties between two residents neither of whom answered are kept, unconfirmed. ' +
        'One answer per respondent and wave: sending it again changes nothing (retract its events to correct it).',
      tags: ['events'],
      params: ProjectParams.extend({ wave: Text(40).min(1).describe("the wave's name") }),
      body: AnswerBody,
      response: { 200: AnswerResult, 201: AnswerResult, ...errors },
    },
    handler: async (request, reply) => {
      const { p, wave } = request.params;
      const { resident, at, named } = request.body;
      const key = digest(p, wave, resident);
      const interview = `wave-${key}`;
      const reads = readFor(request);
      const atMs = Date.parse(at);
      const { segments } = await reads.moment(p, atMs);
      const held = new Set(
        segments
          .filter((s) => holdsAt(s.since, s.until, atMs))
          .flatMap((s) =>
            s.source === resident ? [s.target] : s.target === resident ? [s.source] : [],
          ),
      );
      const asked = await reads
        .events(p, {
          fromMs: -Number.MAX_SAFE_INTEGER,
          toMs: Number.MAX_SAFE_INTEGER,
          types: ['interview'],
          residentId: resident,
          after: null,
          limit: 10_000,
        })
        .catch((error: unknown) => {
          // the project was found above: a 404 here is the respondent's
          if (!(error instanceof AppError) || error.status !== 404) throw error;
          throw badRequest(`no resident "${resident}" in this project; nothing was written`, [
            { path: 'resident', message: 'no resident with this id in the project' },
          ]);
        });
      const again = asked.events.some((e) => e.id === interview);
      const events = again
        ? []
        : answerEvents({ wave, resident, at, named }, held, {
            interview,
            connection: (other) => `wave-${key}-c-${digest(other).slice(0, 12)}`,
            disconnection: (other) => `wave-${key}-d-${digest(other).slice(0, 12)}`,
          });
      const pathOf = (index: number, field: string) => {
        const event = events[index];
        if (event?.type === 'connection' && field === 'to')
          return `named.${named.indexOf(event.to)}`;
        return field === 'at' ? 'at' : 'resident';
      };
      const result = again
        ? { received: 0, created: 0, duplicates: 1 }
        : await app.store.events.append(p, events, 'events').catch((error: unknown) => {
            throw bodyPaths(error, pathOf);
          });
      reply.code(result.created > 0 ? 201 : 200);
      const ofType = (type: string) =>
        events.filter((e) => e.type === type).map((e) => ('to' in e ? e.to : ''));
      return {
        ...result,
        interview,
        added: ofType('connection'),
        ended: ofType('disconnection'),
      };
    },
  });
};

export default waves;
