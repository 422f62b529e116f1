// /api/v1/projects/:p/sheets.pdf — the workshop sheets to print for a room without tablets
// (server/export/sheets-pdf.ts). Names are printed for the roles that record residents (admin,
// coordinator); any other key gets the same sheets with a blank roster.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id } from '../domain.ts';
import { GROUP_KINDS, WRITE_ROLES } from '../domain-names.ts';
import { notFound } from '../errors.ts';
import { workshopSheets, type RosterEntry } from '../export/sheets-pdf.ts';
import { readFor } from '../privacy/reads.ts';
import { errors, ProjectParams } from './schemas.ts';

/** The day a sheet is printed, in the project's own time zone (as its workshops are dated). */
const today = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(new Date());

const sheets: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:p/sheets.pdf', {
    config: { access: 'read', audit: true },
    schema: {
      summary:
        'A4 workshop sheets: the consent script, a roster with a tick grid, blank import rows',
      description:
        'A roster of the community’s residents (their names and ids, for admins and coordinators ' +
        'only; blank for other roles; never a withdrawn resident) with boxes for how well the ' +
        'person filling it in knows each, then blank rows for every import sheet with its columns ' +
        'in the import’s order (residents, groups, ties, memberships, attendance, measures).',
      tags: ['export'],
      params: ProjectParams,
      querystring: z.object({
        community: Id.optional().describe(
          'the community whose residents are listed (default: all)',
        ),
      }),
      response: { 200: z.any().describe('a PDF (application/pdf), A4'), ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const reads = readFor(request);
      const [project, communities, instruments] = await Promise.all([
        app.store.projects.get(p),
        app.store.projects.listCommunities(p),
        app.store.instruments.list(p),
      ]);
      const wanted = request.query.community;
      const community = wanted ? communities.find((c) => c.id === wanted) : null;
      if (wanted && !community) throw notFound(`community "${wanted}"`);
      let roster: RosterEntry[] | null = null;
      if (WRITE_ROLES.includes(reads.viewer.role)) {
        const residents = await reads.residents(p);
        roster = residents
          .filter(
            (r) => r.consent !== 'withdrawn' && (!community || r.communityId === community.id),
          )
          .map((r) => ({ id: r.id, name: r.name ?? r.id, askConsent: r.consent === 'pending' }))
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      }
      const body = await workshopSheets({
        project: project.name,
        community: community ?? null,
        roster,
        instruments,
        groupKinds:
          project.groupKinds.length > 0
            ? project.groupKinds
            : GROUP_KINDS.map((kind) => ({ kind, description: '' })),
        waves: project.waves,
        consentText: project.consentText,
        printedAt: today(project.timeZone),
      });
      const name = community ? `${p}-${community.id}-sheets.pdf` : `${p}-sheets.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    },
  });
};

export default sheets;
