// /api/v1/projects/:p/archive.jsonl and /restore.jsonl: the archive as JSON lines
// (server/archive-lines.ts), written as Neo4j reads it and restored a step at a time as it
// arrives, so neither end holds a big project whole; gzip optional both ways. Admin, audited.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LinesReader, LinesWriter, type ParsedLine } from '../archive-lines.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, type ArchiveBody } from '../archive.ts';
import { badRequest } from '../errors.ts';
import type { Restored, RestoreOptions, RestoreProgress, RestoreStore } from '../store/restore.ts';
import { RESTORE_STEP_EVENTS, type ArchiveDirectory } from '../store/restore.ts';
import {
  PROGRESS_TYPE,
  RestoredBody,
  RestoreQuery,
  sendProgress,
  wantsProgress,
} from './restore-progress.ts';
import { errors, flag, ProjectParams } from './schemas.ts';

const Lines = z.any().describe('the archive as JSON lines (application/x-ndjson), streamed');

const archiveLines: FastifyPluginAsyncZod = async (app) => {
  // the body of a restore from lines is read as it arrives, not parsed whole
  app.addContentTypeParser(PROGRESS_TYPE, (_request, payload, done) => done(null, payload));

  app.get('/projects/:p/archive.jsonl', {
    config: { access: 'admin', audit: true },
    schema: {
      summary: 'The whole project as JSON lines, streamed, for big projects (admin)',
      description:
        'The archive’s content one item per line (docs/operations.md): a header, then ' +
        'communities, instruments, groups, costs, tombstones, residents, keys’ names, events in ' +
        'replay order and releases, then an end line with the line count and a SHA-256 of every ' +
        'byte before it. `gzip=true` compresses it.',
      tags: ['projects'],
      params: ProjectParams,
      querystring: z.object({ gzip: flag.describe('true: gzip-compressed (.jsonl.gz)') }),
      response: { 200: Lines, ...errors },
    },
    handler: async (request, reply) => {
      const { p } = request.params;
      const out = new PassThrough();
      const writer = new LinesWriter();
      let headerSent!: () => void;
      const started = new Promise<'started'>((resolve) => (headerSent = () => resolve('started')));
      const reading = app.store.archives.lines(p, async (line) => {
        headerSent();
        if (!out.write(writer.line(line))) await once(out, 'drain');
      });
      // a project that does not exist is a 404 before the first line
      await Promise.race([started, reading]);
      reading.then(
        () => out.end(writer.end()),
        (error: unknown) => {
          request.log.error({ err: { message: (error as Error).message } }, 'archive cut short');
          out.destroy(error as Error);
        },
      );
      const gzip = request.query.gzip;
      return reply
        .type(gzip ? 'application/gzip' : `${PROGRESS_TYPE}; charset=utf-8`)
        .header(
          'content-disposition',
          `attachment; filename="${p}-archive.jsonl${gzip ? '.gz' : ''}"`,
        )
        .send(gzip ? out.pipe(createGzip()) : out);
    },
  });

  app.post('/projects/:p/restore.jsonl', {
    config: { access: 'admin' },
    schema: {
      summary: 'Rebuild a project from its archive in JSON lines, as it arrives (admin)',
      description:
        'The body is an archive.jsonl (`content-type: application/x-ndjson`, with ' +
        '`content-encoding: gzip` when compressed), restored as `/restore` restores the document: ' +
        'all or nothing, events in steps, `Accept: application/x-ndjson` for progress lines. A line ' +
        'that is not right is a 400 naming `line.N`; an end line that does not match, or none, ' +
        'a 400 naming `checksum`; either way nothing is kept.',
      tags: ['projects'],
      params: ProjectParams,
      querystring: RestoreQuery,
      response: { 200: RestoredBody, 201: RestoredBody, ...errors },
    },
    handler: async (request, reply) => {
      const body = request.body as Readable | undefined;
      if (!body || typeof body.pipe !== 'function')
        throw badRequest('send the archive’s lines as application/x-ndjson', [
          { path: 'content-type', message: `expected ${PROGRESS_TYPE}` },
        ]);
      const gzipped = request.headers['content-encoding'] === 'gzip';
      const input = gzipped ? body.pipe(createGunzip()) : body;
      const { dryRun, as } = request.query;
      const run = (progress?: (p: RestoreProgress) => void) =>
        restoreLines(app.store.restores, request.params.p, input, { dryRun, as, progress });
      if (!wantsProgress(request.headers.accept))
        return reply.code(dryRun ? 200 : 201).send(await run());
      return sendProgress(reply, dryRun, run);
    },
  });
};

/** The archive's lines, each checked as it arrives (blank lines skipped). */
async function* parsed(input: Readable, reader: LinesReader): AsyncGenerator<ParsedLine> {
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    const line = reader.read(text);
    if (line) yield line;
  }
  reader.close();
}

/** Reads lines, keeps the directory until the first event, then writes events a step at a time. */
async function restoreLines(
  store: RestoreStore,
  p: string,
  input: Readable,
  { dryRun, as, progress }: RestoreOptions,
): Promise<Restored> {
  const lines = parsed(input, new LinesReader());
  const d = {
    communities: [],
    instruments: [],
    groups: [],
    costs: [],
    tombstones: [],
    residents: [],
  };
  const into: Partial<Record<ParsedLine['kind'], unknown[]>> = {
    community: d.communities,
    instrument: d.instruments,
    group: d.groups,
    cost: d.costs,
    tombstone: d.tombstones,
    resident: d.residents,
    key: [],
  };
  // the header and the directory: every line before the first event, release or the end
  const first = await lines.next();
  if (first.done || first.value.kind !== 'header')
    throw badRequest('the archive’s first line is not its header; nothing was kept', [
      { path: 'line.1', message: 'the header expected' },
    ]);
  const { events: total, format: _f, version: _v, ...header } = first.value.value;
  if (header.project.id !== p)
    throw badRequest(`the archive holds project "${header.project.id}", not "${p}"`, [
      { path: 'project.id', message: `restore it at /projects/${header.project.id}` },
    ]);
  let next = await lines.next();
  for (; !next.done && next.value.kind in into; next = await lines.next())
    into[next.value.kind]!.push((next.value as { value: unknown }).value);
  const directory = { ...header, format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, ...d };
  const restoring = await store.begin(directory as ArchiveDirectory, dryRun, as);
  return restoring.all(async () => {
    progress?.({ step: 'project', events: 0, of: total });
    let events: ArchiveBody['events'] = [];
    const releases: ArchiveBody['releases'] = [];
    const flush = async () => {
      await restoring.events(events);
      events = [];
      progress?.({ step: 'events', events: restoring.written, of: total });
    };
    // the reader has checked the order: only events, releases and the end line are left
    for (; !next.done; next = await lines.next()) {
      const line = next.value as { kind: string; value: never };
      if (line.kind === 'event') events.push(line.value);
      else if (line.kind === 'release') releases.push(line.value);
      if (events.length === RESTORE_STEP_EVENTS) await flush();
    }
    if (events.length) await flush();
    return restoring.finish(releases);
  });
}

export default archiveLines;
