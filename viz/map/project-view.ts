// One open project: the map, the time controls' state, the panel and the charts, kept in step.
import { ApiError, ownEntry, type MetricsAt, type PeoplemapApi } from '../common/api.ts';
import { TimelineCharts, intervalFor } from '../common/charts.ts';
import {
  byCluster,
  byCommunity,
  byGroup,
  type ColourMode,
  type Colouring,
} from '../graph/colouring.ts';
import { renderLegend } from './legend.ts';
import { MapView, type SizeMode } from '../graph/map-view.ts';
import type { NetworkTimeline } from '../graph/network-timeline.ts';
import { NetworkTable } from './network-table.ts';
import { MapClock } from './clock.ts';
import { MetricsPanel, formatMoment } from './panel.ts';
import { plural } from '../common/words.ts';

/** Slider positions between the first and the last event. */
export const SLIDER_STEPS = 1000;
/** The API is asked for metrics once the slider has been still this long. */
const SETTLE_MS = 300;

export interface PageElements {
  map: HTMLElement;
  legend: HTMLElement;
  slider: HTMLInputElement;
  sliderLabel: HTMLOutputElement;
  play: HTMLButtonElement;
  /** Follow live: pressed while the map keeps to the newest moment. */
  follow: HTMLButtonElement;
  metrics: HTMLElement;
  momentLabel: HTMLElement;
  details: HTMLElement;
  charts: HTMLElement;
  /** The Table view's place: the network at the moment as a table, instead of the canvas. */
  table: HTMLElement;
}

export class ProjectView {
  readonly map: MapView;
  /** Play and Follow live. */
  readonly clock: MapClock;
  private readonly panel: MetricsPanel;
  private charts: TimelineCharts | null = null;
  /** The Table view, while it is shown. */
  private table: NetworkTable | null = null;
  private metrics: MetricsAt | null = null;
  /** The panel shows the API's numbers for this moment only; NaN when none are shown. */
  private graphShownAt = NaN;
  private metricsRequest: AbortController | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private colourMode: ColourMode = 'community';
  private sizeMode: SizeMode = 'degree';

  constructor(
    private readonly api: PeoplemapApi,
    readonly project: string,
    readonly timeline: NetworkTimeline,
    readonly positions: Float64Array,
    private readonly page: PageElements,
    private readonly onStatus: (message: string, isError?: boolean) => void,
  ) {
    this.map = new MapView(page.map, this.timeline, positions, byCommunity(this.timeline));
    this.clock = new MapClock(this, page);
    this.panel = new MetricsPanel(
      page.metrics,
      page.momentLabel,
      page.details,
      new Map(this.timeline.communities.map((c) => [c.id, c.name])),
    );
    this.map.sigma.on('clickNode', ({ node }) => this.select(this.map.residentOf(node)));
    this.map.sigma.on('clickStage', () => this.select(null));
    this.renderLegend();
    this.loadCharts();
  }

  get at(): number {
    return this.map.moment.at;
  }

  get selected(): string | null {
    return this.map.selected;
  }

  /**
   * Takes up where the view it replaces left off (the project grew): following live at the newest
   * moment, or at its moment in the past; and its selection.
   */
  takeOver(before: ProjectView | null): void {
    this.clock.setFollowing(before?.clock.following ?? true);
    if (before && !before.clock.following) this.setTime(before.at);
    if (before?.selected) this.select(before.selected);
  }

  /**
   * Moves to moment t, rounded to a whole millisecond: the API's instants are whole milliseconds,
   * and the metrics fetched for this moment are only recognised as current when the times match.
   */
  setTime(t: number): void {
    const { from, to } = this.timeline;
    this.map.setTime(Math.round(t));
    const at = this.map.moment.at;
    const { visibleNodes, visibleEdges, isolates } = this.map.moment;
    this.panel.setCounts(at, visibleNodes, visibleEdges, isolates);
    if (!Number.isNaN(this.graphShownAt) && this.graphShownAt !== at) {
      this.panel.setGraph(null);
      this.graphShownAt = NaN;
    }
    this.charts?.setCursor(at);
    this.page.slider.value = String(
      to > from ? Math.round(((at - from) / (to - from)) * SLIDER_STEPS) : SLIDER_STEPS,
    );
    this.page.sliderLabel.value = formatMoment(at);
    this.page.slider.setAttribute('aria-valuetext', spokenMoment(at));
    const counts = `${plural(visibleNodes, 'resident')} and ${plural(visibleEdges, 'tie')}`;
    this.page.map.setAttribute(
      'aria-label',
      `The network on ${spokenMoment(at)}: ${counts}. Table view lists them.`,
    );
    this.clock.moved();
  }

  setSliderPosition(position: number): void {
    const { from, to } = this.timeline;
    this.setTime(from + ((to - from) * position) / SLIDER_STEPS);
  }

  /** Moves by whole slider steps (arrow keys). */
  step(steps: number): void {
    const position = Math.round(Number(this.page.slider.value)) + steps;
    this.setSliderPosition(Math.min(Math.max(position, 0), SLIDER_STEPS));
  }

  /** The moment rests (not playing): the labels, the table and the API's metrics follow it. */
  rested(): void {
    this.scheduleSettle();
  }

  setColourMode(mode: ColourMode): void {
    this.colourMode = mode;
    this.map.setColouring(this.colouring());
    this.renderLegend();
    if (mode === 'cluster' && !this.metricsAreCurrent()) this.scheduleSettle();
  }

  setSizeMode(mode: SizeMode): void {
    this.sizeMode = mode;
    this.map.setSize(mode, this.metricsAreCurrent() ? this.metrics : null);
    this.renderLegend();
    if (mode !== 'degree' && !this.metricsAreCurrent()) this.scheduleSettle();
  }

  setLargeText(large: boolean): void {
    this.map.setLargeText(large);
  }

  /** Shows the network at the moment as a table (kept up to date whenever the slider rests). */
  setTableView(shown: boolean): void {
    this.page.table.hidden = !shown;
    this.page.map.classList.toggle('behind-table', shown);
    this.table = shown ? new NetworkTable(this.page.table, this.timeline) : null;
    this.table?.show(this.map.moment, formatMoment(this.at));
  }

  select(id: string | null): void {
    this.map.select(id);
    if (id === null) return this.panel.clearResident();
    const index = this.timeline.residentIndex.get(id);
    if (index !== undefined && this.timeline.joinedAt[index] > this.at)
      this.setTime(this.timeline.joinedAt[index]);
    void this.showDetails(id);
  }

  exportPng(): Promise<Blob> {
    return this.map.exportPng(`${this.project} — ${formatMoment(this.at)}`);
  }

  /** Saves the map at this moment as a PNG file named for the project and the day. */
  async downloadPng(): Promise<void> {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await this.exportPng());
    link.download = `peoplemap-${this.project}-${new Date(this.at).toISOString().slice(0, 10)}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  close(): void {
    this.clock.stop();
    clearTimeout(this.settleTimer);
    this.metricsRequest?.abort();
    this.map.kill();
  }

  private colouring(): Colouring {
    if (this.colourMode === 'group') return byGroup(this.timeline);
    if (this.colourMode === 'cluster')
      return byCluster(this.timeline, this.metricsAreCurrent() ? this.metrics : null);
    return byCommunity(this.timeline);
  }

  private renderLegend(): void {
    const sizeLabel =
      this.sizeMode === 'degree'
        ? 'degree at this moment'
        : `${this.sizeMode} (from the API at this moment)`;
    const freshDays = (this.timeline.to - this.timeline.from) / 60 / 86_400_000;
    renderLegend(this.page.legend, this.map.colouring, sizeLabel, freshDays);
  }

  private metricsAreCurrent(): boolean {
    return this.metrics !== null && Date.parse(this.metrics.at) === this.at;
  }

  private scheduleSettle(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.settle(), SETTLE_MS);
  }

  /** Once the slider is still: place labels, fill the table, then fetch the API's metrics. */
  private async settle(): Promise<void> {
    this.map.redrawAll();
    this.table?.show(this.map.moment, formatMoment(this.at));
    if (this.metricsAreCurrent()) return;
    this.metricsRequest?.abort();
    const request = new AbortController();
    this.metricsRequest = request;
    this.panel.setGraph(null);
    try {
      const metrics = await this.api.metrics(this.project, this.at, request.signal);
      if (request.signal.aborted) return;
      this.metrics = { ...metrics, at: new Date(this.at).toISOString() };
      this.panel.setGraph(metrics.graph);
      this.graphShownAt = this.at;
      if (this.sizeMode !== 'degree') this.map.setSize(this.sizeMode, this.metrics);
      if (this.colourMode === 'cluster') this.map.setColouring(this.colouring());
      this.renderLegend();
      if (this.selected) void this.showDetails(this.selected);
    } catch (error) {
      if (request.signal.aborted) return;
      this.onStatus(`Metrics unavailable: ${describe(error)}`, true);
    }
  }

  private async showDetails(id: string): Promise<void> {
    const index = this.timeline.residentIndex.get(id);
    const fromHistory = index === undefined ? null : this.timeline.residents[index];
    const metrics = this.metricsAreCurrent() ? (ownEntry(this.metrics!.nodes, id) ?? null) : null;
    this.panel.showResident(id, fromHistory, metrics, this.map.egoSize());
    try {
      const details = await this.api.resident(this.project, id);
      if (this.selected === id) this.panel.showResident(id, details, metrics, this.map.egoSize());
    } catch {
      // A partner's key may not see a resident's record: the history's fields stay shown.
    }
  }

  private loadCharts(): void {
    const { from, to } = this.timeline;
    this.api
      .timeline(this.project, intervalFor(to - from))
      .then((timeline) => {
        this.charts = new TimelineCharts(this.page.charts, timeline, from, to);
        this.charts.setCursor(this.at);
      })
      .catch((error) => this.onStatus(`Timeline unavailable: ${describe(error)}`, true));
  }
}

/** A moment as a screen reader says the slider's value: "4 March 2025 at 18:00 UTC". */
export function spokenMoment(ms: number): string {
  const when = new Date(ms).toLocaleString('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${when} UTC`;
}

export function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.status})`;
  return error instanceof Error ? error.message : String(error);
}
