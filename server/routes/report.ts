// /api/v1/projects/:p/report — the evaluation between a baseline and a follow-up moment, and the
// measurement waves a reader picks those moments from. Definitions: docs/report.md.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, Instant, Text } from '../domain.ts';
import { badRequest } from '../errors.ts';
import { reportInput } from '../analysis/report-input.ts';
import { readFor } from '../privacy/reads.ts';
import { sendSerialised } from './answer-cached.ts';
import { ReportBody, WavesBody } from './report-schema.ts';
import { errors, ProjectParams } from './schemas.ts';

export { ReportBody, WavesBody };

const DAY_MS = 86_400_000;
const days = (description: string) =>
  z.coerce.number().int().min(1).max(3650).optional().describe(description);

const ReportQuery = z.object({
  baseline: Instant,
  followup: Instant,
  community: Id.optional(),
  comparison: Id.optional().describe(
    'a comparison community: the difference-in-differences of `community` against it',
  ),
  baselineWave: Text(40).min(1).optional().describe('pair scores by wave: the baseline wave'),
  followupWave: Text(40).min(1).optional().describe('pair scores by wave: the follow-up wave'),
  scoreWindowDays: days('without waves, a score counts in this many days before each moment (90)'),
  horizonDays: days('a new tie counts towards retention when begun this long before F (90)'),
});
type ReportQuery = z.infer<typeof ReportQuery>;

/** The combinations a single field cannot refuse, each a 400 naming the field to change. */
function checkQuery(q: ReportQuery, waves: readonly string[]): void {
  const problem = (path: string, message: string) => {
    throw badRequest(`${path} ${message}`, [{ path, message }]);
  };
  if (Date.parse(q.followup) < Date.parse(q.baseline))
    problem('followup', 'must not be before baseline');
  if (q.comparison !== undefined && q.community === undefined)
    problem('comparison', 'needs community=, the community compared with it');
  if (q.comparison !== undefined && q.comparison === q.community)
    problem('comparison', 'must be another community than community=');
  if ((q.baselineWave === undefined) !== (q.followupWave === undefined))
    problem(
      q.baselineWave === undefined ? 'baselineWave' : 'followupWave',
      'is needed with the other wave: scores pair by two waves or by none',
    );
  for (const field of ['baselineWave', 'followupWave'] as const) {
    const wave = q[field];
    if (wave !== undefined && !waves.includes(wave))
      problem(field, `names no wave of the project's measures (${waves.join(', ') || 'none'})`);
  }
}

const report: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/report', {
    config: { access: 'read' },
    schema: {
      summary: 'The evaluation report between a baseline and a follow-up moment (JSON)',
      description:
        'Every number follows the conventions of /metrics, on the network at each moment (the time rule); the outcome sections (connections, involvement, butterfly, sustainability) carry their definitions, also in docs/report.md.',
      tags: ['metrics'],
      params: ProjectParams,
      querystring: ReportQuery,
      response: { 200: ReportBody, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const q = request.query;
      const reads = readFor(request);
      const waves = q.baselineWave === undefined ? [] : await reads.waves(p);
      checkQuery(
        q,
        waves.map((w) => w.wave),
      );
      const [baselineMs, followupMs] = [Date.parse(q.baseline), Date.parse(q.followup)];
      const input = await reportInput(reads, app.store, p, followupMs);
      const body = await app.analysis.report(
        {
          ...input,
          baselineMs,
          followupMs,
          communityId: q.community,
          comparisonId: q.comparison,
          rule: {
            windowMs: (q.scoreWindowDays ?? 90) * DAY_MS,
            baselineWave: q.baselineWave,
            followupWave: q.followupWave,
          },
          horizonMs: (q.horizonDays ?? 90) * DAY_MS,
        },
        request,
      );
      // checked against the schema, then written as it is: zod's serialiser drops a record's
      // `__proto__` key, and that is a valid community id or instrument name (metrics/id-keys.ts)
      z.encode(ReportBody, body);
      return sendSerialised(reply, JSON.stringify(body));
    },
  });

  app.get('/projects/:p/report/waves', {
    config: { access: 'read' },
    schema: {
      summary: 'The measurement waves, to pick a baseline and a follow-up from',
      tags: ['metrics'],
      params: ProjectParams,
      response: { 200: WavesBody, ...errors },
    },
    handler: async (request) => {
      const { p } = request.params;
      const waves = await readFor(request).waves(p);
      return {
        waves: waves.map((w) => ({
          wave: w.wave,
          first: new Date(w.firstMs).toISOString(),
          last: new Date(w.lastMs).toISOString(),
          measures: w.measures,
        })),
      };
    },
  });
};

export default report;
