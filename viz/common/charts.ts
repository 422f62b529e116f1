// Line charts of network measures over the whole timeline, in plain SVG, with a time axis of dates
// under each and a cursor at the slider's moment, and the same numbers as a table for whoever
// cannot see the lines. Each point is the network at the end of its bucket (the timeline's rule).
import type { Interval } from '../../server/domain.ts';
import type { Timeline } from './api.ts';
import { axisHtml, timeTicks } from './chart-axis.ts';
import { escapeHtml } from './html.ts';

const SERIES: { key: 'density' | 'averageDegree' | 'isolates' | 'components'; label: string }[] = [
  { key: 'density', label: 'Density' },
  { key: 'averageDegree', label: 'Average degree' },
  { key: 'isolates', label: 'Isolates' },
  { key: 'components', label: 'Components' },
];
const WIDTH = 300;
const HEIGHT = 60;

export class TimelineCharts {
  private readonly cursors: SVGLineElement[] = [];

  constructor(
    container: HTMLElement,
    timeline: Timeline,
    private readonly from: number,
    private readonly to: number,
  ) {
    container.innerHTML = '';
    const times = timeline.points.map((p) => Date.parse(p.at));
    const ticks = timeTicks(from, to);
    const axis = axisHtml(ticks, (t) => this.x(t) / WIDTH);
    const tickMarks = ticks
      .map((tick) => {
        const x = this.x(tick.at).toFixed(1);
        return `<line class="tick" x1="${x}" x2="${x}" y1="${HEIGHT - 4}" y2="${HEIGHT}" stroke="#5f5f5a" vector-effect="non-scaling-stroke"/>`;
      })
      .join('');
    const span = `from ${dateOf(from)} to ${dateOf(to)}`;
    for (const { key, label } of SERIES) {
      const values = timeline.points.map((p) => p[key]);
      const max = Math.max(...values, 0);
      const points = values.map(
        (v, i) =>
          `${this.x(times[i]).toFixed(1)},${(HEIGHT - (max > 0 ? (v / max) * HEIGHT : 0)).toFixed(1)}`,
      );
      const chart = document.createElement('figure');
      chart.className = 'chart';
      chart.style.margin = '0';
      chart.innerHTML =
        `<figcaption class="label"><span>${escapeHtml(label)}</span><span>max ${format(max)}</span></figcaption>` +
        `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)} over time, ${span}: the table below lists each point">` +
        `<polyline fill="none" stroke="#0072B2" stroke-width="2" vector-effect="non-scaling-stroke" points="${points.join(' ')}"/>` +
        tickMarks +
        `<line class="cursor" y1="0" y2="${HEIGHT}" stroke="#D55E00" stroke-width="2" vector-effect="non-scaling-stroke"/></svg>` +
        axis;
      container.append(chart);
      this.cursors.push(chart.querySelector('line.cursor')!);
    }
    container.append(pointsTable(timeline));
  }

  setCursor(t: number): void {
    const x = this.x(t).toFixed(1);
    for (const cursor of this.cursors) {
      cursor.setAttribute('x1', x);
      cursor.setAttribute('x2', x);
    }
  }

  private x(t: number): number {
    return this.to > this.from ? ((t - this.from) / (this.to - this.from)) * WIDTH : WIDTH;
  }
}

const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The charts' numbers as a table, folded away under a summary until asked for. */
function pointsTable(timeline: Timeline): HTMLElement {
  const details = document.createElement('details');
  details.className = 'chart-table';
  const head = SERIES.map((s) => `<th scope="col">${s.label}</th>`).join('');
  const rows = timeline.points
    .map(
      (p) =>
        `<tr><th scope="row">${dateOf(Date.parse(p.at))}</th>` +
        SERIES.map((s) => `<td>${format(p[s.key])}</td>`).join('') +
        '</tr>',
    )
    .join('');
  details.innerHTML =
    '<summary>Show these curves as a table</summary>' +
    `<div class="chart-table-scroll" tabindex="0" role="region" aria-label="The curves as a table"><table>` +
    `<caption>Each row is the network at the end of that ${timeline.interval} (UTC).</caption>` +
    `<thead><tr><th scope="col">Date</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
  return details;
}

/** A bucket size giving at most a few hundred points over the span. */
export function intervalFor(spanMs: number): Interval {
  const day = 86_400_000;
  if (spanMs <= 400 * day) return 'day';
  if (spanMs <= 400 * 7 * day) return 'week';
  return 'month';
}

export function format(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en-GB');
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
