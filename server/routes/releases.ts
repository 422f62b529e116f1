// /api/v1/projects/:p/releases — checked, frozen releases: what partners read (docs/privacy.md).
// An admin or evaluator publishes; every key of the project reads, partners included (a key with
// the network grant, those checked against its read).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendSerialised } from './answer-cached.ts';
import { Id, Instant, Text } from '../domain.ts';
import { publishRelease } from '../releases/publish.ts';
import { ReleaseInterval, ReleaseBody, ReleaseSummary } from '../releases/schema.ts';
import { ErrorBody, errors, ProjectParams } from './schemas.ts';
import { forbidden } from '../errors.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A key with the network grant reads only the releases checked against what it reads: set beside
 * its own read of the network, any other could tell whose joining or leaving was generalised.
 */
const checkedForGrant = (body: string) =>
  (JSON.parse(body) as { disclosure?: { networkGrant?: boolean } }).disclosure?.networkGrant ===
  true;
const NOT_CHECKED =
  'this release was published while no partner key with the network grant could read this ' +
  'project, so it was not checked against what your key reads; ask the project’s evaluator to ' +
  'publish it again';

const releases: FastifyPluginAsyncZod = async (app) => {
  app.post('/projects/:p/releases', {
    config: { access: 'publish' },
    schema: {
      summary: 'Publish a release: the report, metrics and timeline between two moments, checked',
      description:
        'Computed once, for every community together and for each community, then put through disclosure control (docs/privacy.md): numbers resting on fewer than PRIVACY_MIN_COUNT residents, numbers that would give one of those by subtraction, and cells that differ from an earlier release by too few residents are withheld; means are rounded to one decimal place and shares to whole percent. Stored frozen.',
      tags: ['releases'],
      params: ProjectParams,
      body: z
        .object({
          name: Text(200).min(1).describe('what partners see it as, e.g. "Year one"'),
          baseline: Instant.describe('moved to the end of its month or quarter'),
          followup: Instant.describe('moved to the end of its month or quarter'),
          interval: ReleaseInterval.describe(
            'the timeline points, and where the moments are moved to',
          ),
        })
        .strict(),
      response: {
        201: ReleaseBody,
        ...errors,
        422: ErrorBody.describe('a network too large for exact metrics (ANALYSIS_MAX_PATH_WORK)'),
      },
    },
    handler: async (request, reply) => {
      const body = await publishRelease(request, request.params.p, request.body);
      request.auditDetail = { release: (JSON.parse(body) as { id: string }).id };
      return sendSerialised(reply.code(201), body);
    },
  });

  app.get('/projects/:p/releases', {
    config: { access: 'read', partner: 'release' },
    schema: {
      summary: "The project's releases, oldest first, without their contents",
      tags: ['releases'],
      params: ProjectParams,
      response: { 200: z.object({ releases: z.array(ReleaseSummary) }), ...errors },
    },
    handler: async (request) => {
      const { p } = request.params;
      let found = await app.store.releases.list(p);
      if (request.principal?.network) {
        const bodies = await Promise.all(found.map((r) => app.store.releases.body(p, r.id)));
        found = found.filter((_, i) => checkedForGrant(bodies[i]));
      }
      return {
        releases: found.map((r) => ({
          id: r.id,
          name: r.name,
          baseline: iso(r.baselineMs),
          followup: iso(r.followupMs),
          interval: r.interval as ReleaseInterval,
          publishedAt: iso(r.publishedAtMs),
        })),
      };
    },
  });

  app.get('/projects/:p/releases/:id', {
    config: { access: 'read', partner: 'release', audit: true },
    schema: {
      summary: 'One release, as it was published (the same bytes on every replica)',
      tags: ['releases'],
      params: ProjectParams.extend({ id: Id.describe('release id') }),
      response: { 200: ReleaseBody, ...errors },
    },
    handler: async (request, reply) => {
      const body = await app.store.releases.body(request.params.p, request.params.id);
      request.auditDetail = { release: request.params.id };
      if (request.principal?.network && !checkedForGrant(body)) throw forbidden(NOT_CHECKED);
      return sendSerialised(reply, body);
    },
  });
};

export default releases;
