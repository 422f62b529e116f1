// /api/v1/projects/:p/archive and /restore: a project taken away whole (server/archive.ts says
// what an archive holds) and rebuilt on any instance whose hash secret keyed its tombstones.
// Archives are personal data: admin only, and both routes are audited.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Archive, checksumOf } from '../archive.ts';
import { badRequest } from '../errors.ts';
import archiveLines from './archive-lines.ts';
import { RestoredBody, RestoreQuery, sendProgress, wantsProgress } from './restore-progress.ts';
import { errors, ProjectParams } from './schemas.ts';

/** The largest archive a restore reads (JSON held in memory while it is checked). */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

const archive: FastifyPluginAsyncZod = async (app) => {
  await app.register(archiveLines);

  app.get('/projects/:p/archive', {
    config: { access: 'admin', audit: true },
    schema: {
      summary: 'The whole project as one versioned JSON document, to back up or move (admin)',
      description:
        'The project, communities, groups, residents with consent, instruments, costs, every event in ' +
        'replay order with retractions, erasure tombstones as keyed hashes, releases, the names of ' +
        'the keys that could use it (no secrets), and a checksum (SHA-256 of the RFC 8785 JSON of ' +
        'the rest). It holds names: keep it as safely as the database (docs/operations.md).',
      tags: ['projects'],
      params: ProjectParams,
      response: { 200: Archive, ...errors },
    },
    handler: async (request, reply) => {
      const body = await app.store.archives.read(request.params.p);
      const serialised = JSON.parse(JSON.stringify(body)) as Omit<Archive, 'checksum'>;
      return reply
        .header('content-disposition', `attachment; filename="${request.params.p}-archive.json"`)
        .send({ ...serialised, checksum: checksumOf(serialised) });
    },
  });

  app.post('/projects/:p/restore', {
    config: { access: 'admin' },
    bodyLimit: MAX_ARCHIVE_BYTES,
    // the checksum is over the document as sent, before validation could change a byte of it
    preValidation: async (request) => {
      const sent = request.body as { checksum?: unknown } | null;
      if (sent && typeof sent === 'object' && sent.checksum !== checksumOf(sent as Archive))
        throw badRequest(
          'the archive’s checksum does not match its contents; nothing was written',
          [{ path: 'checksum', message: 'does not match: the archive was changed or cut short' }],
        );
    },
    schema: {
      summary: 'Rebuild a project from its archive, all or nothing (admin; dry run first)',
      description:
        'Written in steps into a hidden project shown at the end; any failure deletes it all. ' +
        '`dryRun=true` does every step, then deletes it; `as=` restores under another id; ' +
        '`Accept: application/x-ndjson` answers with progress lines (docs/operations.md). A ' +
        'project that exists is a 409; a checksum that does not match, a 400 naming `checksum`; an ' +
        'archive whose tombstones were keyed with another PEOPLEMAP_HASH_SECRET, a 400 naming ' +
        '`tombstoneKey` (restore it where that secret is set). Keys are not restored: issue new ones.',
      tags: ['projects'],
      params: ProjectParams,
      querystring: RestoreQuery,
      body: Archive,
      response: { 200: RestoredBody, 201: RestoredBody, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      if (request.body.project.id !== p)
        throw badRequest(`the archive holds project "${request.body.project.id}", not "${p}"`, [
          { path: 'project.id', message: `restore it at /projects/${request.body.project.id}` },
        ]);
      const { checksum: _checked, ...body } = request.body;
      const { dryRun, as } = request.query;
      if (!wantsProgress(request.headers.accept)) {
        const restored = await app.store.restores.restore(body, { dryRun, as });
        return reply.code(dryRun ? 200 : 201).send(restored);
      }
      return sendProgress(reply, dryRun, (progress) =>
        app.store.restores.restore(body, { dryRun, as, progress }),
      );
    },
  });
};

export default archive;
