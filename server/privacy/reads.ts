// The one door every read route goes through: `readFor(request)` reads a project from the store
// and hands back only what the caller may see — no withdrawn residents (nor pending ones, below
// coordinator), nothing that names them, and for a partner pseudonyms instead of ids and names.
import type { FastifyRequest } from 'fastify';
import { EventInput, type EventType } from '../domain.ts';
import { notFound } from '../errors.ts';
import type { ResidentRecord } from '../metrics/network.ts';
import type { AttendanceRecord } from '../metrics/outcomes.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { Store } from '../store/index.ts';
import type { Cursor, EventQuery, StoredEvent } from '../store/events.ts';
import {
  tiesUntil,
  type GroupLayerInput,
  type HistoryInput,
  type MomentInput,
  type ReplayInput,
} from '../store/network.ts';
import type { MeasurementWave } from '../store/outcomes.ts';
import type { Resident } from '../store/residents.ts';
import { hiddenResidents, residentsNamedBy, withoutHidden, type ResidentParts } from './consent.ts';
import { openEventId, sealEventId } from './cursor-seal.ts';
import { pseudonymise, pseudonymiseEvent, pseudonymiseSegments } from './partner-view.ts';
import { Pseudonyms } from './pseudonyms.ts';
import type { PrivacySettings } from './settings.ts';
import { suppressCommunityBreakdown, suppressSmallCells } from './suppress.ts';
import { viewerOf, type Viewer } from './viewer.ts';

/** What one viewer may see of a project's whole history, computed once per project version. */
interface View {
  hidden: ReadonlySet<string>;
  names: Pseudonyms | null;
  input: ReplayInput;
}

/**
 * Views keyed first by the store's cached resident list (a new list for each project version, so
 * a view is never stale and goes when the store drops that version) and then by the viewer's
 * cache key: callers share a view only when they may see the same thing.
 */
const views = new WeakMap<readonly Resident[], Map<string, View>>();

const ALL_TYPES = EventInput.options.map((o) => o.shape.type.value);

interface ReportShape {
  baseline: string;
  followup: string;
  eiIndexByCommunity: {
    baseline: { overall: number | null; byValue: Record<string, number | null> };
    followup: { overall: number | null; byValue: Record<string, number | null> };
  };
}

export class ProjectReads {
  constructor(
    private readonly store: Store,
    private readonly settings: PrivacySettings,
    readonly viewer: Viewer,
  ) {}

  private get secret(): Buffer {
    return this.settings.pseudonymSecret;
  }

  private viewOf(whole: ReplayInput): View {
    let byViewer = views.get(whole.residents);
    if (!byViewer) views.set(whole.residents, (byViewer = new Map()));
    const cached = byViewer.get(this.viewer.cacheKey);
    if (cached) return cached;
    const hidden = hiddenResidents(whole.residents, this.viewer);
    const names = this.viewer.pseudonymised
      ? new Pseudonyms(
          this.settings.pseudonymSecret,
          this.viewer.keyId,
          whole.project.id,
          whole.residents.map((r) => r.id),
        )
      : null;
    const shown = withoutHidden(whole, hidden);
    const view = { hidden, names, input: names ? pseudonymise(shown, names) : shown };
    byViewer.set(this.viewer.cacheKey, view);
    return view;
  }

  private async view(projectId: string): Promise<View> {
    return this.viewOf(await this.store.network.replayInput(projectId));
  }

  /** Parts read beside the replay input (memberships, measures) under the same view. */
  private seen<T extends ResidentParts>(view: View, parts: T): T {
    const shown = withoutHidden(parts, view.hidden);
    return view.names ? pseudonymise(shown, view.names) : shown;
  }

  /** Residents and tie events up to `untilMs` (all of them when omitted), as the viewer sees them. */
  async replayInput(projectId: string, untilMs?: number): Promise<ReplayInput> {
    const { input } = await this.view(projectId);
    return untilMs === undefined ? input : { ...input, ties: tiesUntil(input.ties, untilMs) };
  }

  /**
   * Hidden ids and pseudonyms from the resident list alone: reads of the network Neo4j holds
   * (graph, ego) must not load the whole history just to know whom to leave out.
   */
  private async residentView(projectId: string) {
    const residents = await this.store.residents.list(projectId);
    const hidden = hiddenResidents(residents, this.viewer);
    const names = this.viewer.pseudonymised
      ? new Pseudonyms(
          this.settings.pseudonymSecret,
          this.viewer.keyId,
          projectId,
          residents.map((r) => r.id),
        )
      : null;
    return { hidden, names };
  }

  /** The network at a moment from Neo4j's projection (no replay), as the viewer sees it. */
  async moment(projectId: string, atMs: number, communityId?: string): Promise<MomentInput> {
    const { hidden, names } = await this.residentView(projectId);
    const input = await this.store.network.moment(projectId, atMs, {
      communityId,
      hidden: [...hidden],
    });
    if (!names) return input;
    return {
      records: pseudonymise({ records: input.records }, names).records,
      segments: pseudonymiseSegments(input.segments, names),
    };
  }

  /** The group layer holding at a moment (projection), as the viewer sees it. */
  async groupLayerAt(projectId: string, atMs: number) {
    const { hidden, names } = await this.residentView(projectId);
    const layer = await this.store.network.groupLayerAt(projectId, atMs, { hidden: [...hidden] });
    if (!names) return layer;
    const memberships = layer.memberships.map((m) => ({ ...m, resident: names.of(m.resident) }));
    return { groups: layer.groups, memberships };
  }

  async history(projectId: string): Promise<HistoryInput> {
    const whole = await this.store.network.history(projectId);
    const view = this.viewOf(whole);
    return { ...whole, ...view.input, memberships: this.seen(view, whole).memberships };
  }

  async groupLayer(projectId: string): Promise<GroupLayerInput> {
    const view = await this.view(projectId);
    const layer = await this.store.network.groupLayer(projectId);
    return { groups: layer.groups, memberships: this.seen(view, layer).memberships };
  }

  /** Measures for aggregates only: no route shows a partner anyone's own score. */
  async measures(projectId: string): Promise<MeasureRecord[]> {
    const view = await this.view(projectId);
    const measures = await this.store.network.measures(projectId);
    return this.seen(view, { measures }).measures;
  }

  /** Attendance events (for the report's involvement and sustainability) under the same view. */
  async attendances(projectId: string): Promise<AttendanceRecord[]> {
    const view = await this.view(projectId);
    const attendances = await this.store.outcomes.attendances(projectId, [...view.hidden]);
    return this.seen(view, { attendances }).attendances;
  }

  /** The measurement waves, counting only measures of residents the viewer may see. */
  async waves(projectId: string): Promise<MeasurementWave[]> {
    const { hidden } = await this.view(projectId);
    return this.store.outcomes.waves(projectId, [...hidden]);
  }

  /** The residents list: an admin also sees withdrawn residents, to act on their records. */
  async residents(projectId: string): Promise<Resident[]> {
    const whole = await this.store.network.replayInput(projectId);
    if (this.viewer.role === 'admin') return whole.residents;
    return this.viewOf(whole).input.residents;
  }

  /** One resident by the id the viewer knows them by (a partner: the pseudonym). */
  async resident(projectId: string, seenId: string): Promise<Resident> {
    const found = (await this.residents(projectId)).find((r) => r.id === seenId);
    if (!found) throw notFound(`resident "${seenId}"`);
    return found;
  }

  /**
   * A page of the event log without events that name a hidden resident; a partner's page has no
   * measures and pseudonymised resident and event ids. A page can hold fewer events than `limit`
   * (events naming hidden residents leave after the page is read); `next` still continues it.
   * A partner's `next` carries the last event's id sealed, never in the clear.
   */
  async events(
    projectId: string,
    query: EventQuery,
  ): Promise<{ events: StoredEvent[]; next: Cursor | null }> {
    const { hidden, names } = await this.view(projectId);
    const empty = { events: [], next: null };
    let residentId = query.residentId;
    if (residentId !== null) {
      const id = names ? names.idOf(residentId) : residentId;
      if (id === null || hidden.has(id)) return empty;
      residentId = id;
    }
    let types: EventType[] | null = query.types;
    let after = query.after;
    if (names) {
      types = (types ?? ALL_TYPES).filter((t) => t !== 'measure');
      if (types.length === 0) return empty;
      if (after) after = { ...after, id: openEventId(this.secret, this.viewer.keyId, after.id) };
    }
    const page = await this.store.events.page(projectId, { ...query, residentId, types, after });
    const events = page.events.filter((e) => residentsNamedBy(e).every((id) => !hidden.has(id)));
    if (!names) return { events, next: page.next };
    const next = page.next && {
      ...page.next,
      id: sealEventId(this.secret, this.viewer.keyId, page.next.id),
    };
    return { events: events.map((e) => pseudonymiseEvent(e, names)), next };
  }

  /**
   * The report as the viewer may see it: for a partner, wellbeing groups and any other cell over
   * fewer than PRIVACY_MIN_COUNT residents, and communities that small, are suppressed.
   */
  report<T extends ReportShape>(report: T, records: readonly ResidentRecord[]): T {
    if (!this.viewer.pseudonymised) return report;
    const k = this.settings.minCount;
    const ei = report.eiIndexByCommunity;
    const at = (iso: string) => Date.parse(iso);
    const withCommunities = {
      ...report,
      eiIndexByCommunity: {
        baseline: suppressCommunityBreakdown(ei.baseline, records, at(report.baseline), k),
        followup: suppressCommunityBreakdown(ei.followup, records, at(report.followup), k),
      },
    };
    return suppressSmallCells(withCommunities, k);
  }
}

/** The reads of the calling key: every read route starts here. */
export function readFor(request: FastifyRequest): ProjectReads {
  return new ProjectReads(
    request.server.store,
    request.server.privacy,
    viewerOf(request.principal),
  );
}
