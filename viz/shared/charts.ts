// Line charts of network measures over the whole timeline, in plain SVG, with a cursor at the
// slider's moment. Each point is the network at the end of its bucket (the timeline endpoint's rule).
import type { Interval } from '../../server/domain.ts';
import type { Timeline } from './api.ts';
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
        `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)} over time">` +
        `<polyline fill="none" stroke="#0072B2" stroke-width="2" vector-effect="non-scaling-stroke" points="${points.join(' ')}"/>` +
        `<line class="cursor" y1="0" y2="${HEIGHT}" stroke="#D55E00" stroke-width="2" vector-effect="non-scaling-stroke"/></svg>`;
      container.append(chart);
      this.cursors.push(chart.querySelector('line.cursor')!);
    }
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
