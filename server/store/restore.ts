// A project rebuilt from its archive in steps, all or nothing: it is created hidden (every other
// read and write answers 404), written a step at a time through the API's own checks, and shown
// only by the last step; if any step fails, or for a dry run, everything written is deleted.
// Steps keep each transaction within Neo4j's time and memory limits for 250k events and beyond.
import type { ManagedTransaction } from 'neo4j-driver';
import type { ArchiveBody } from '../archive.ts';
import { AppError, badRequest, conflict, itemPath } from '../errors.ts';
import { appendEvents } from './events.ts';
import { insertGroups } from './groups.ts';
import { writeInstruments } from './instrument-write.ts';
import { cypher, neo4jInt, rows, type Database } from './neo4j.ts';
import type { Tombstones } from './tombstones.ts';

export interface Restored {
  dryRun: boolean;
  communities: number;
  groups: number;
  residents: number;
  events: number;
  tombstones: number;
  releases: number;
}

/** Where a restore is: after the residents, after each step of events, and when it is shown. */
export interface RestoreProgress {
  step: 'project' | 'events' | 'finished';
  events: number;
  of: number;
}

export interface RestoreOptions {
  dryRun: boolean;
  /** Restores under this project id instead of the archive's. */
  as?: string;
  /** Called after each step is written (never for the last, when the answer follows). */
  progress?: (progress: RestoreProgress) => void;
}

/** Events written per transaction: the import's batch, which a loaded 2-core machine writes in seconds. */
export const RESTORE_STEP_EVENTS = 10_000;
/** Nodes deleted per transaction when a failed or dry restore is cleared. */
const PURGE_STEP = 10_000;
/** A hidden project whose restore has not moved for this long was left by a stopped server. */
export const STALE_RESTORE_MS = 10 * 60_000;

/** What a restore writes before its events: the archive without events, releases and keys. */
export type ArchiveDirectory = Omit<ArchiveBody, 'events' | 'releases' | 'keys'>;

export class RestoreStore {
  constructor(
    private readonly db: Database,
    private readonly tombstones: Tombstones,
  ) {}

  /**
   * Rebuilds the archive's project: 409 when it exists, 400 naming what cannot be written (paths
   * as in the archive). A dry run writes everything, then deletes it.
   */
  async restore(archive: ArchiveBody, options: RestoreOptions): Promise<Restored> {
    const run = await this.begin(archive, options.dryRun, options.as);
    return run.all(async () => {
      const total = archive.events.length;
      options.progress?.({ step: 'project', events: 0, of: total });
      for (let from = 0; from < total; from += RESTORE_STEP_EVENTS) {
        await run.events(archive.events.slice(from, from + RESTORE_STEP_EVENTS));
        options.progress?.({ step: 'events', events: run.written, of: total });
      }
      return run.finish(archive.releases);
    });
  }

  /**
   * Starts a restore: the project created hidden with its directory (communities to residents),
   * in one transaction. The caller sends the events in steps, then finishes; a failure in between
   * must go through `all`, which deletes everything written.
   */
  async begin(archived: ArchiveDirectory, dryRun: boolean, as?: string): Promise<RestoreRun> {
    const from = archived.project.id;
    if (archived.tombstoneKey !== this.tombstones.keyCheck(from))
      throw badRequest(
        'this archive’s erasure tombstones were keyed with another PEOPLEMAP_HASH_SECRET; restore it on an instance with that secret, or erased residents could come back',
        [{ path: 'tombstoneKey', message: 'keyed with another hash secret' }],
      );
    // under another id, each tombstone keeps the id its hash was keyed with (hashes are one-way)
    const directory = as
      ? {
          ...archived,
          project: { ...archived.project, id: as },
          tombstones: archived.tombstones.map((t) => ({ ...t, keyedFor: t.keyedFor ?? from })),
        }
      : archived;
    const projectId = directory.project.id;
    await this.clearStale(projectId);
    await this.db.write((tx) => begin(tx, directory, as ? 'as' : 'project.id'));
    const run = new RestoreRun(this, directory, dryRun);
    await run.all(() => run.step((tx, version) => this.writeDirectory(tx, directory, version)));
    return run;
  }

  /** One write of the hidden project: locked, its version bumped and marked as moving. */
  step<T>(projectId: string, work: (tx: ManagedTransaction, version: number) => Promise<T>) {
    return this.db.write(async (tx) => {
      const [locked] = rows<{ version: number }>(
        (await tx.run(cypher('restore-lock'), { id: projectId, nowMs: Date.now() })).records,
      );
      if (!locked)
        throw conflict(`the restore of "${projectId}" was cleared by another; nothing was kept`);
      return work(tx, locked.version);
    });
  }

  appendStep(tx: ManagedTransaction, projectId: string, events: Events, from: number, v: number) {
    return appendStep(tx, projectId, events, from, v, this.tombstones);
  }

  /** Deletes a hidden project and everything written under it, a step at a time. */
  async purge(projectId: string): Promise<void> {
    for (;;) {
      const [{ deleted }] = await this.db.write(async (tx) =>
        rows<{ deleted: number }>(
          (await tx.run(cypher('restore-purge'), { projectId, limit: neo4jInt(PURGE_STEP) }))
            .records,
        ),
      );
      if (deleted < PURGE_STEP) break;
    }
    await this.db.write((tx) => tx.run(cypher('restore-drop'), { id: projectId }));
  }

  /** A hidden project left by a server stopped midway is cleared before it is restored again. */
  private async clearStale(projectId: string): Promise<void> {
    const stale = await this.db.read(async (tx) =>
      rows(
        (
          await tx.run(cypher('restore-stale'), {
            id: projectId,
            staleBeforeMs: Date.now() - STALE_RESTORE_MS,
          })
        ).records,
      ),
    );
    if (stale.length) await this.purge(projectId);
  }

  /** Communities, instruments, groups, costs, tombstones and residents (withdrawn ones last). */
  private async writeDirectory(tx: ManagedTransaction, a: ArchiveDirectory, version: number) {
    const projectId = a.project.id;
    await tx.run(cypher('community-create'), { projectId, version, communities: a.communities });
    if (a.instruments.length) await writeInstruments(tx, projectId, a.instruments);
    if (a.groups.length)
      await insertGroups(
        tx,
        projectId,
        a.groups.map((g) => ({ ...g, communityId: g.communityId ?? undefined })),
        'groups',
        version,
      );
    if (a.costs.length)
      await tx.run(cypher('cost-create'), {
        projectId,
        costs: a.costs.map((c) => ({ ...c, atMs: Date.parse(c.at) })),
      });
    // tombstones first: a resident or event naming an erased id is refused as on any write
    for (const t of a.tombstones)
      await tx.run(cypher('tombstone-create'), { projectId, ...t, keyedFor: t.keyedFor ?? null });
    await this.tombstones.refuse(
      tx,
      projectId,
      a.residents.map((r, i) => ({ path: itemPath('residents', i, 'id'), id: r.id })),
    );
    // withdrawn after their events are written: events naming a withdrawn resident are refused
    await tx.run(cypher('restore-residents'), {
      projectId,
      version,
      residents: a.residents.map((r) =>
        r.consent === 'withdrawn' ? { ...r, consent: 'given' } : r,
      ),
    });
  }
}

type Events = ArchiveBody['events'];

/** A restore under way: its events sent in steps, then finished; any failure undoes it all. */
export class RestoreRun {
  /** Events sent so far (their place in the archive starts here). */
  written = 0;
  private created = 0;
  private readonly projectId: string;

  constructor(
    private readonly store: RestoreStore,
    private readonly directory: ArchiveDirectory,
    private readonly dryRun: boolean,
  ) {
    this.projectId = directory.project.id;
  }

  /** Runs work; if it fails, everything written is deleted and the failure thrown. */
  async all<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      // a purge that fails too (the database went away) leaves a hidden project: cleared as stale
      await this.store.purge(this.projectId).catch(() => {});
      throw error;
    }
  }

  step<T>(work: (tx: ManagedTransaction, version: number) => Promise<T>): Promise<T> {
    return this.store.step(this.projectId, work);
  }

  /** One step of events (at most RESTORE_STEP_EVENTS), in the archive's order. */
  async events(events: Events): Promise<void> {
    const from = this.written;
    this.written += events.length;
    this.created += await this.step((tx, version) =>
      this.store.appendStep(tx, this.projectId, events, from, version),
    );
  }

  /** The last step: withdrawals and releases, and the project shown (a dry run is deleted). */
  async finish(releases: ArchiveBody['releases']): Promise<Restored> {
    if (this.created !== this.written)
      throw badRequest('the archive repeats an event id; nothing was written', [
        { path: 'events', message: `${this.written - this.created} repeated ids` },
      ]);
    await this.step((tx) => finish(tx, this.directory, releases, !this.dryRun));
    if (this.dryRun) await this.store.purge(this.projectId);
    const d = this.directory;
    return {
      dryRun: this.dryRun,
      communities: d.communities.length,
      groups: d.groups.length,
      residents: d.residents.length,
      events: this.written,
      tombstones: d.tombstones.length,
      releases: releases.length,
    };
  }
}

async function begin(tx: ManagedTransaction, a: ArchiveDirectory, path: string): Promise<void> {
  const created = await tx.run(cypher('restore-begin'), {
    ...a.project,
    groupKindsJson: a.project.groupKinds.length ? JSON.stringify(a.project.groupKinds) : null,
    wavesJson: a.project.waves.length ? JSON.stringify(a.project.waves) : null,
    primaryInstrument: a.project.primaryInstrument ?? null,
    createdAtMs: Date.now(),
    nowMs: Date.now(),
  });
  if (created.records.length === 0)
    throw conflict(`project "${a.project.id}" exists on this instance; nothing was written`, [
      { path, message: 'exists' },
    ]);
}

/** One step of events; a refusal names the event by its place in the whole archive. */
async function appendStep(
  tx: ManagedTransaction,
  projectId: string,
  events: ArchiveBody['events'],
  from: number,
  version: number,
  tombstones: Tombstones,
): Promise<number> {
  try {
    return (await appendEvents(tx, projectId, events, 'events', version, tombstones)).created;
  } catch (error) {
    if (!(error instanceof AppError) || !error.details || from === 0) throw error;
    const details = error.details.map((d) => ({
      ...d,
      path: d.path.replace(/^events\.(\d+)\./, (_m, i: string) => `events.${Number(i) + from}.`),
    }));
    throw new AppError(error.status, error.code, error.message, details, error.retryAfterSeconds);
  }
}

/** The last step: withdrawals, releases, and the project shown (not for a dry run). */
async function finish(
  tx: ManagedTransaction,
  a: ArchiveDirectory,
  releases: ArchiveBody['releases'],
  show: boolean,
): Promise<void> {
  const projectId = a.project.id;
  const withdrawn = a.residents.filter((r) => r.consent === 'withdrawn').map((r) => r.id);
  if (withdrawn.length) await tx.run(cypher('restore-withdraw'), { projectId, ids: withdrawn });
  for (const release of releases)
    await tx.run(cypher('release-create'), { release: { ...release, projectId } });
  if (show) await tx.run(cypher('restore-finish'), { id: projectId });
}
