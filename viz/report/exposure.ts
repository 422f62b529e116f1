// The Report's chart of wellbeing change by exposure class: one bar per class (participants, their
// direct and indirect contacts, the residents not reached) with its 95% interval as an error bar,
// on a y-axis of points on the instrument's scale.
import { LABELS } from '../../server/report-words.ts';
import type { Report } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { tickLabel, valueTicks } from './axes.ts';
import { interval, signed } from './format.ts';

export const CLASS_COLOURS = {
  participants: '#0072B2',
  direct: '#007A5E',
  indirect: '#9A5A00',
  unreached: '#5F5F5A',
};
type ExposureClass = keyof typeof CLASS_COLOURS;

/** A class's name without its explanation: "Direct contacts" (the table gives the rest). */
export const className = (k: ExposureClass) => LABELS[k].replace(/ \(.*\)$/, '');

const [WIDTH, HEIGHT] = [320, 200];
const PLOT = { left: 46, right: WIDTH - 4, top: 8, bottom: HEIGHT - 58 };

/** A class's name on two lines at its first space, so four fit side by side. */
const twoLines = (name: string, x: number) =>
  name
    .replace(' ', '\n')
    .split('\n')
    .map((line, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : 12}">${line}</tspan>`)
    .join('');

/** Mean change per exposure class with its interval, for the instrument named `title`. */
export function exposureChart(title: string, b: Report['butterfly'][string]): string {
  const classes = Object.keys(CLASS_COLOURS) as ExposureClass[];
  const values = classes
    .flatMap((k) => [b[k].meanChange, b[k].ci95?.low, b[k].ci95?.high])
    .filter((v): v is number => typeof v === 'number');
  const ticks = valueTicks(Math.min(0, ...values), Math.max(0.5, ...values));
  const [lowest, highest] = [ticks[0], ticks.at(-1)!];
  const y = (v: number) =>
    PLOT.top + ((highest - v) / (highest - lowest)) * (PLOT.bottom - PLOT.top);
  const slot = (PLOT.right - PLOT.left) / classes.length;
  const bars = classes.map((k, i) => {
    const cell = b[k];
    const x = PLOT.left + i * slot + slot / 2;
    const m = cell.meanChange;
    const bar =
      typeof m === 'number'
        ? `<rect x="${x - 16}" width="32" y="${Math.min(y(m), y(0))}" height="${Math.abs(y(m) - y(0))}" fill="${CLASS_COLOURS[k]}"/>`
        : '';
    const whisker = cell.ci95
      ? [
          `<line x1="${x}" x2="${x}" y1="${y(cell.ci95.low)}" y2="${y(cell.ci95.high)}"/>`,
          ...[cell.ci95.low, cell.ci95.high].map(
            (v) => `<line x1="${x - 7}" x2="${x + 7}" y1="${y(v)}" y2="${y(v)}"/>`,
          ),
        ].join('')
      : '';
    return (
      `${bar}<g class="whisker">${whisker}</g>` +
      `<text class="class" x="${x}" y="${PLOT.bottom + 14}" text-anchor="middle">${twoLines(className(k), x)}</text>` +
      `<text x="${x}" y="${PLOT.bottom + 40}" text-anchor="middle">${signed(m)}</text>` +
      `<text x="${x}" y="${PLOT.bottom + 52}" text-anchor="middle">n ${cell.n ?? '—'}</text>`
    );
  });
  const grid = ticks.map(
    (v) =>
      `<line class="${v === 0 ? 'zero' : 'grid'}" x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(v)}" y2="${y(v)}"/>` +
      `<text class="tick" x="${PLOT.left - 5}" y="${y(v) + 4}" text-anchor="end">${tickLabel(v, ticks)}</text>`,
  );
  const unit = `<text class="unit" transform="translate(11 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">change in score (points)</text>`;
  const summary = classes
    .map(
      (k) =>
        `${className(k)} ${signed(b[k].meanChange)}, ${interval(b[k].ci95)}, n ${b[k].n ?? '—'}`,
    )
    .join('; ');
  return (
    `<figure class="exposure"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(`${title}, change in score by exposure: ${summary}`)}">` +
    `<g class="y-axis">${grid.join('')}${unit}</g>${bars.join('')}</svg></figure>`
  );
}
