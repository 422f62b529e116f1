// The Report's growth charts: four network measures over the programme's timeline, each in plain
// SVG with a time axis of dates, a y-axis with its unit, and the baseline and follow-up marked
// with their dates. Each point is the network at the end of its week (the timeline's rule).
import { LABELS } from '../../server/report-words.ts';
import type { Report, Timeline } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { dateTicks, tickLabel, valueTicks } from './axes.ts';
import { plain, shortDate } from './format.ts';

type Measure = 'density' | 'averageDegree' | 'isolates' | 'components';

/** What each chart shows, the y-axis's unit, and the factor from the API's value to that unit. */
const SERIES: { key: Measure; unit: string; scale: number }[] = [
  { key: 'density', unit: '% of possible ties', scale: 100 },
  { key: 'averageDegree', unit: 'ties per resident', scale: 1 },
  { key: 'isolates', unit: 'residents', scale: 1 },
  { key: 'components', unit: 'groups', scale: 1 },
];

const [WIDTH, HEIGHT] = [360, 150];
const PLOT = { left: 46, right: WIDTH - 14, top: 32, bottom: HEIGHT - 28 };

export interface Moments {
  baselineMs: number;
  followupMs: number;
}

/** The four charts of one report, as HTML; none when the timeline has no point. */
export function growthCharts(timeline: Timeline, r: Report, moments: Moments): string {
  const points = timeline.points.map((p) => ({ ...p, ms: Date.parse(p.at) }));
  if (points.length === 0) return '<p class="note">No network to chart yet.</p>';
  const from = Math.min(points[0].ms, moments.baselineMs);
  const to = Math.max(points.at(-1)!.ms, moments.followupMs, from + 1);
  const x = (ms: number) => PLOT.left + ((ms - from) / (to - from)) * (PLOT.right - PLOT.left);
  const times = dateTicks(from, to);
  return SERIES.map(({ key, unit, scale }) => {
    const values = points.map((p) => p[key] * scale);
    const ticks = valueTicks(0, Math.max(...values, 0));
    const top = ticks.at(-1)!;
    const y = (v: number) => PLOT.bottom - (v / top) * (PLOT.bottom - PLOT.top);
    const line = points.map((p, i) => `${x(p.ms).toFixed(1)},${y(values[i]).toFixed(1)}`);
    const at = r.graph[key];
    const summary =
      `${LABELS[key]}, in ${unit}, week by week from ${shortDate(from)} to ${shortDate(to)}: ` +
      `${plain(at.baseline * scale)} at the baseline (${shortDate(moments.baselineMs)}), ` +
      `${plain(at.followup * scale)} at the follow-up (${shortDate(moments.followupMs)}).`;
    return (
      `<figure class="growth" data-measure="${key}"><figcaption>${escapeHtml(LABELS[key])}</figcaption>` +
      `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(summary)}">` +
      yAxis(ticks, y, unit) +
      timeAxis(times, x) +
      `<polyline class="series" fill="none" stroke="#0072B2" stroke-width="2" points="${line.join(' ')}"/>` +
      mark(x(moments.baselineMs), 'baseline', `Baseline ${shortDate(moments.baselineMs)}`, 0) +
      mark(x(moments.followupMs), 'follow-up', `Follow-up ${shortDate(moments.followupMs)}`, 1) +
      `</svg></figure>`
    );
  }).join('');
}

/** Grid lines and tick labels at the left, and the unit written up the axis. */
function yAxis(ticks: number[], y: (v: number) => number, unit: string): string {
  const lines = ticks.map(
    (v) =>
      `<line class="grid" x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(v)}" y2="${y(v)}"/>` +
      `<text class="tick" x="${PLOT.left - 5}" y="${y(v) + 4}" text-anchor="end">${tickLabel(v, ticks)}</text>`,
  );
  const middle = (PLOT.top + PLOT.bottom) / 2;
  return (
    `<g class="y-axis">${lines.join('')}` +
    `<text class="unit" transform="translate(11 ${middle}) rotate(-90)" text-anchor="middle">${escapeHtml(unit)}</text></g>`
  );
}

/** The time axis: a baseline rule and a date under each tick, kept inside the chart. */
function timeAxis(ticks: { at: number; label: string }[], x: (ms: number) => number): string {
  const labels = ticks.map(({ at, label }) => {
    const px = x(at);
    const anchor = px < PLOT.left + 24 ? 'start' : px > PLOT.right - 24 ? 'end' : 'middle';
    return (
      `<line class="axis" x1="${px}" x2="${px}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 4}"/>` +
      `<text class="date" x="${px}" y="${PLOT.bottom + 17}" text-anchor="${anchor}">${label}</text>`
    );
  });
  return (
    `<g class="time-axis"><line class="axis" x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}"/>` +
    `${labels.join('')}</g>`
  );
}

/** A moment's dashed line with its name and date above the plot, on its own row. */
function mark(px: number, name: string, text: string, row: number): string {
  const right = px > (PLOT.left + PLOT.right) / 2;
  return (
    `<g class="moment" data-label="${name}">` +
    `<line class="moment" data-label="${name}" x1="${px}" x2="${px}" y1="${PLOT.top - 14 + row * 12}" y2="${PLOT.bottom}" stroke="#1d1d1b" stroke-width="1.5" stroke-dasharray="4 3"/>` +
    `<text x="${right ? px - 4 : px + 4}" y="${PLOT.top - 18 + row * 12}" text-anchor="${right ? 'end' : 'start'}">${escapeHtml(text)}</text></g>`
  );
}
