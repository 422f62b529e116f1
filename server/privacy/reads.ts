// The one door every read of people goes through (residents, ties, memberships, measures, events,
// networks, reports): `readFor(request)` reads a project from the store and hands back only what
// the caller may see — no withdrawn residents (nor pending ones, below coordinator), nothing that
// names them, and for a partner pseudonyms instead of ids and names, de-identified as
// partner-input.ts says. Projects, communities and groups name no one: their routes read the store
// directly.
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../errors.ts';
import type { GdsRun } from '../metrics/gds-conventions.ts';
import { residentsAt, type ResidentRecord } from '../metrics/moment.ts';
import type { AttendanceRecord } from '../metrics/outcomes.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { Store } from '../store/index.ts';
import type { Cursor, EventQuery, StoredEvent } from '../store/events.ts';
import {
  tiesUntil,
  toRecord,
  type GroupLayerInput,
  type HistoryInput,
  type MomentInput,
  type ReadOptions,
  type ReplayInput,
} from '../store/network.ts';
import type { VersionedProject } from '../store/projects.ts';
import type { MeasurementWave } from '../store/outcomes.ts';
import type { Resident } from '../store/residents.ts';
import { hiddenResidents, type ResidentParts } from './consent.ts';
import { openCursor, sealCursor } from './cursor-seal.ts';
import { classesUntil, inputUntil, lastMonthEnd, momentFor } from './closed-months.ts';
import { generaliseRecord, type Generalisation, type PrivacyNote } from './generalise.ts';
import { partnerHistory, partnerLayerAt, partnerMoment, partnerReplay } from './partner-input.ts';
import { pseudonymise } from './partner-view.ts';
import { Pseudonyms } from './pseudonyms.ts';
import type { PrivacySettings } from './settings.ts';
import { viewerOf, type Viewer } from './viewer.ts';

/** Whom a viewer may not see in a project, and the pseudonyms a partner sees instead of ids. */
export interface View {
  hidden: ReadonlySet<string>;
  /** The hidden ids as the store's reads take them, sorted. */
  hiddenIds: string[];
  names: Pseudonyms | null;
  /** A partner's k-anonymity (generalise.ts); null for every other role. */
  k: Generalisation | null;
  /** A partner's latest moment, the last month end: nothing later is read; null for the others. */
  untilMs: number | null;
}

/**
 * Views keyed first by the store's cached resident list (the same array while the project's
 * version holds, a new one after any write) and then by the viewer's cache key: callers share a
 * view only when they may see the same thing.
 */
const views = new WeakMap<readonly Resident[], Map<string, View>>();

export class ProjectReads {
  constructor(
    private readonly store: Store,
    private readonly settings: PrivacySettings,
    readonly viewer: Viewer,
    /** The project as the request's route has just read it (answerCached): read no more of it. */
    private readonly known?: VersionedProject,
  ) {}

  /** The store's read options for the viewer: whom to leave out, and the project already read. */
  private options(projectId: string, view: View): ReadOptions {
    return { hidden: view.hiddenIds, known: this.knownOf(projectId) };
  }

  /** The project's time zone, in which a partner's months are read. */
  private async timeZone(projectId: string): Promise<string> {
    return (this.knownOf(projectId) ?? (await this.store.projects.current(projectId))).timeZone;
  }

  private knownOf(projectId: string): VersionedProject | undefined {
    return this.known?.id === projectId ? this.known : undefined;
  }

  /**
   * Whom to leave out, from the resident list alone: the store leaves them out in its queries,
   * so no read loads what the viewer may not see (the live stream filters its changes with it).
   */
  async view(projectId: string): Promise<View> {
    const residents = await this.store.residents.list(projectId, this.knownOf(projectId));
    let byViewer = views.get(residents);
    if (!byViewer) views.set(residents, (byViewer = new Map()));
    // a partner's view holds until the month under way is over (closed-months.ts)
    const untilMs = this.viewer.pseudonymised ? lastMonthEnd(await this.timeZone(projectId)) : null;
    const cacheKey = `${this.viewer.cacheKey}:${untilMs}`;
    const cached = byViewer.get(cacheKey);
    if (cached) return cached;
    const hidden = hiddenResidents(residents, this.viewer);
    let k: Generalisation | null = null;
    if (untilMs !== null) {
      // residents joining after the last month end are not there yet; those no class could hide
      // are left out too
      for (const r of residents) if (Date.parse(r.joinedAt) > untilMs) hidden.add(r.id);
      const options = { hidden: [...hidden].sort(), known: this.knownOf(projectId) };
      const { groups, memberships } = await this.store.network.groupLayer(projectId, options);
      const { ties } = await this.store.network.replayInput(projectId, options);
      const shown = residents.filter((r) => !hidden.has(r.id));
      const timeZone = await this.timeZone(projectId);
      const network = { memberships, ties, groups };
      k = classesUntil(untilMs, shown, network, this.settings.classMin, timeZone);
      for (const id of k.withheld) hidden.add(id);
    }
    const names = this.viewer.pseudonymised
      ? new Pseudonyms(
          this.settings.pseudonymSecret,
          this.viewer.keyId,
          projectId,
          residents.map((r) => r.id),
        )
      : null;
    const view = { hidden, hiddenIds: [...hidden].sort(), names, k, untilMs };
    byViewer.set(cacheKey, view);
    return view;
  }

  /** What a partner's answers say of their de-identification; null for every other role. */
  async privacy(projectId: string): Promise<PrivacyNote | null> {
    return (await this.view(projectId)).k?.note ?? null;
  }

  /** Parts the store read without the hidden residents, with pseudonyms for a partner. */
  private seen<T extends ResidentParts>(view: View, parts: T): T {
    return view.names ? pseudonymise(parts, view.names) : parts;
  }

  /** Residents and tie events up to `untilMs` (all of them when omitted), as the viewer sees them. */
  async replayInput(projectId: string, untilMs?: number): Promise<ReplayInput> {
    const view = await this.view(projectId);
    const whole = await this.store.network.replayInput(projectId, this.options(projectId, view));
    const input =
      view.names && view.k && view.untilMs !== null
        ? partnerReplay(inputUntil(whole, view.untilMs), view.names, view.k)
        : whole;
    return untilMs === undefined ? input : { ...input, ties: tiesUntil(input.ties, untilMs) };
  }

  /**
   * Residents and tie events up to the moment a read at `atMs` is answered at (momentFor: a
   * partner's is the month end at or before it), and that moment.
   */
  async replayAt(projectId: string, atMs: number): Promise<{ atMs: number; input: ReplayInput }> {
    const whole = await this.replayInput(projectId);
    const at = momentFor(this.viewer, atMs, whole.project.timeZone);
    return { atMs: at, input: { ...whole, ties: tiesUntil(whole.ties, at) } };
  }

  /** The network at a moment from Neo4j's projection (no replay), as the viewer sees it. */
  async moment(projectId: string, atMs: number, communityId?: string): Promise<MomentInput> {
    const view = await this.view(projectId);
    const input = await this.projected(projectId, view, atMs, communityId);
    if (!view.names || !view.k) return input;
    const records = await this.shownRecords(projectId, view);
    const timeZone = await this.timeZone(projectId);
    return partnerMoment({ ...input, records }, view.names, view.k, timeZone);
  }

  private projected(projectId: string, view: View, atMs: number, communityId?: string) {
    return this.store.network.moment(projectId, atMs, {
      ...this.options(projectId, view),
      communityId,
    });
  }

  /** Every resident a partner is shown; a generalised one from their year's or the project's start. */
  private async shownRecords(projectId: string, view: View): Promise<ResidentRecord[]> {
    const residents = await this.store.residents.list(projectId, this.knownOf(projectId));
    return residents.filter((r) => !view.hidden.has(r.id)).map(toRecord);
  }

  /**
   * Neo4j GDS's numbers on the network at a moment, projected without the residents the viewer
   * may not see; a partner's are keyed by pseudonym.
   */
  async gdsMetrics(
    projectId: string,
    atMs: number,
    communityId: string | undefined,
    options: { betweenness: boolean; timeoutMs?: number },
    signal: AbortSignal,
  ): Promise<GdsRun> {
    const view = await this.view(projectId);
    const { names, k } = view;
    // who is in the network is moment.ts's rule alone: the projection takes exactly those residents;
    // a partner's those moment() shows, as k-anonymity releases them (generalise.ts)
    const seen = k
      ? (await this.shownRecords(projectId, view)).map((r) => generaliseRecord(r, k))
      : (await this.projected(projectId, view, atMs, communityId)).records;
    const present = residentsAt(seen, atMs, { communityId }).map((r) => r.id);
    const run = await this.store.gds.metricsAt({ projectId, atMs, present }, options, signal);
    if (!names) return run;
    // in the order of the pseudonyms: GDS's is the store's, the same for every key (partner-view.ts)
    const keyed = Object.entries(run.nodes).map(([id, n]) => [names.of(id), n] as const);
    const nodes = Object.fromEntries(keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { ...run, nodes };
  }

  /** The group layer holding at a moment (projection), as the viewer sees it. */
  async groupLayerAt(projectId: string, atMs: number) {
    const { hiddenIds, names, k } = await this.view(projectId);
    const layer = await this.store.network.groupLayerAt(projectId, atMs, { hidden: hiddenIds });
    if (!names || !k) return layer;
    return partnerLayerAt(layer, names, k, await this.timeZone(projectId));
  }

  async history(projectId: string): Promise<HistoryInput> {
    const view = await this.view(projectId);
    const whole = await this.store.network.history(projectId, this.options(projectId, view));
    if (!view.names || !view.k || view.untilMs === null) return whole;
    return partnerHistory(inputUntil(whole, view.untilMs), view.names, view.k);
  }

  /**
   * Refuses a partner the reads that name people event by event: the event log (interviews,
   * attendance, measures…), anyone's scores and attendance, and groups by name. No partner route
   * makes them (the report, the event log and the live stream are not theirs); refusing here too
   * keeps a route opened to partners later from showing them.
   */
  private notForPartners(what: string): void {
    if (this.viewer.pseudonymised)
      throw forbidden(
        `a partner key does not read ${what}; the project's releases hold its numbers`,
      );
  }

  /** Groups with their names, and memberships: the report's (releases are computed as an evaluator reads). */
  async groupLayer(projectId: string): Promise<GroupLayerInput> {
    this.notForPartners('groups by name');
    const view = await this.view(projectId);
    return this.store.network.groupLayer(projectId, this.options(projectId, view));
  }

  /** Measures, for aggregates only. */
  async measures(projectId: string): Promise<MeasureRecord[]> {
    this.notForPartners("anyone's scores");
    const view = await this.view(projectId);
    return this.store.network.measures(projectId, { hidden: view.hiddenIds });
  }

  /** Attendance events (for the report's involvement and sustainability) under the same view. */
  async attendances(projectId: string): Promise<AttendanceRecord[]> {
    this.notForPartners("anyone's attendance");
    const view = await this.view(projectId);
    return this.store.outcomes.attendances(projectId, view.hiddenIds);
  }

  /** The measurement waves, counting only measures of residents the viewer may see. */
  async waves(projectId: string): Promise<MeasurementWave[]> {
    const { hiddenIds } = await this.view(projectId);
    return this.store.outcomes.waves(projectId, hiddenIds);
  }

  /** The residents list: an admin also sees withdrawn residents, to act on their records. */
  async residents(projectId: string): Promise<Resident[]> {
    const residents = await this.store.residents.list(projectId, this.knownOf(projectId));
    // a copy: the list is the store's kept one, shared by every read at this version
    if (this.viewer.seesWithdrawn) return [...residents];
    const view = await this.view(projectId);
    const shown = residents.filter((r) => !view.hidden.has(r.id));
    return this.seen(view, { residents: shown }).residents;
  }

  /** One resident by the id the viewer knows them by (a partner: the pseudonym). */
  async resident(projectId: string, seenId: string): Promise<Resident> {
    const found = (await this.residents(projectId)).find((r) => r.id === seenId);
    if (!found) throw notFound(`resident "${seenId}"`);
    return found;
  }

  /**
   * A page of the event log without events that name a hidden resident (left out by the store's
   * query, so a page is full whenever more follow); never a partner's. `after` and `next` are
   * cursors sealed for this key and project (cursor-seal.ts): nothing of them can be read or
   * changed outside the service.
   */
  async events(
    projectId: string,
    query: Omit<EventQuery, 'after'> & { after: string | null },
  ): Promise<{ events: StoredEvent[]; next: string | null }> {
    this.notForPartners('the event log');
    const holder = { keyId: this.viewer.keyId, projectId };
    const key = this.settings.cursorKey;
    const after = query.after === null ? null : openCursor(key, holder, query.after);
    const page = await this.eventPage(projectId, { ...query, after });
    return { events: page.events, next: page.next && sealCursor(key, holder, page.next) };
  }

  private async eventPage(
    projectId: string,
    query: EventQuery,
  ): Promise<{ events: StoredEvent[]; next: Cursor | null }> {
    const { hidden, hiddenIds } = await this.view(projectId);
    const { residentId } = query;
    if (residentId !== null) {
      // 404 exactly as for GET residents/:id: a withdrawn resident is not there to anyone but an
      // admin, who reads their record (and an empty log: their events stay hidden)
      const residents = await this.store.residents.list(projectId, this.knownOf(projectId));
      const shown = this.viewer.seesWithdrawn || !hidden.has(residentId);
      if (!shown || !residents.some((r) => r.id === residentId))
        throw notFound(`resident "${residentId}"`);
    }
    return this.store.events.page(projectId, query, { hidden: hiddenIds });
  }
}

/**
 * The reads of the calling key: every read route starts here. `known`: the project as the route
 * has just read it, so that what is kept at its version is not read again.
 */
export function readFor(request: FastifyRequest, known?: VersionedProject): ProjectReads {
  return new ProjectReads(
    request.server.store,
    request.server.privacy,
    viewerOf(request.principal),
    known,
  );
}
