// The parts of the Report view: number formats, definitions, tables with their CSV download, and
// the chart of wellbeing change by exposure class. Every number carries its definition behind one
// button. The headline cards are in cards.ts.
import { directionWords } from '../../server/instruments.ts';
import type { Report } from '../shared/api.ts';
import { escapeHtml } from '../shared/html.ts';

type Interval = { low: number; high: number } | null | undefined;
export type Cell = Record<string, unknown> & { n?: number | null; suppressed?: true };

let definitions = 0;

/** "+1.23" with a sign, "—" for no value. */
export const signed = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined
    ? '—'
    : (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(digits);
export const plain = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits);
export const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
export const interval = (ci: Interval) =>
  ci ? `95% CI ${signed(ci.low)} to ${signed(ci.high)}` : 'no interval (n < 2)';

/** A button that shows and hides the definition below it (printed open). */
export function definition(text: string): string {
  const id = `definition-${++definitions}`;
  return (
    `<button type="button" class="define" aria-expanded="false" aria-controls="${id}">Definition</button>` +
    `<p id="${id}" class="definition" hidden>${escapeHtml(text)}</p>`
  );
}

/** Wires every definition button inside `root`. */
export function wireDefinitions(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button.define');
    if (!button) return;
    const text = document.getElementById(button.getAttribute('aria-controls')!)!;
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    text.hidden = !open;
  });
}

export interface Table {
  id: string;
  title: string;
  definition: string;
  head: string[];
  rows: (string | number | null)[][];
}

/** The tables of a report: the numbers behind every card, each downloadable as CSV. */
export function tables(r: Report): Table[] {
  const wp = r.connections.withinPerson;
  const ci = (c: Interval) => [c?.low ?? null, c?.high ?? null];
  const involvement = [
    'residents',
    'inGroup',
    'inGroupShare',
    'membershipsPerResident',
    'activeAttendees',
    'attendances',
  ] as const;
  const s = r.sustainability;
  return [
    {
      id: 'connections',
      title: 'Connections: within-person change in degree',
      definition: wp.definition,
      head: [
        'group',
        'n',
        'mean change',
        'median change',
        'share increased',
        'share decreased',
        'CI low',
        'CI high',
      ],
      rows: (['all', 'participants', 'nonParticipants'] as const).map((g) => {
        const c = wp[g];
        return [
          g,
          c.n,
          c.meanChange,
          c.medianChange,
          c.shareIncreased,
          c.shareDecreased,
          ...ci(c.ci95),
        ];
      }),
    },
    {
      id: 'involvement',
      title: 'Involvement at baseline and follow-up',
      definition: r.involvement.definition,
      head: ['measure', 'baseline', 'follow-up'],
      rows: involvement.map((k) => [k, r.involvement.baseline[k], r.involvement.followup[k]]),
    },
    {
      id: 'butterfly',
      title: 'Wellbeing change by exposure class',
      definition:
        Object.values(r.butterfly)[0]?.definition ??
        'No instrument has baseline and follow-up scores.',
      head: ['instrument', 'class', 'n', 'mean change', 'CI low', 'CI high'],
      rows: Object.entries(r.butterfly).flatMap(([instrument, b]) => [
        ...(['participants', 'direct', 'indirect', 'unreached'] as const).map((k) => [
          instrument,
          k,
          b[k].n,
          b[k].meanChange,
          ...ci(b[k].ci95),
        ]),
        [
          instrument,
          'direct − unreached (Welch)',
          b.directVsUnreached.n,
          b.directVsUnreached.estimate,
          ...ci(b.directVsUnreached.ci95),
        ],
      ]),
    },
    {
      id: 'sustainability',
      title: 'Sustainability',
      definition: s.definition,
      head: ['measure', 'value'],
      rows: (
        [
          'newPairs',
          'retainedPairs',
          'retention',
          'membershipsStarted',
          'membershipsRetained',
          'membershipRetention',
          'activeGroups',
        ] as const
      ).map((k) => [k, s[k]]),
    },
  ];
}

export function tableHtml(t: Table, scope: string): string {
  const cell = (v: string | number | null) =>
    typeof v === 'number' ? plain(v, 3) : escapeHtml(v ?? '—');
  return (
    `<section class="table-block"><table id="${escapeHtml(scope)}-${t.id}"><caption>${escapeHtml(t.title)}</caption>` +
    `<thead><tr>${t.head.map((h, i) => `<th scope="col"${typeof t.rows[0]?.[i] === 'string' ? ' class="text"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
    t.rows
      .map(
        (row) =>
          `<tr>${row.map((v, i) => (i === 0 ? `<th scope="row">${cell(v)}</th>` : `<td${typeof v === 'string' ? ' class="text"' : ''}>${cell(v)}</td>`)).join('')}</tr>`,
      )
      .join('') +
    `</tbody></table>${definition(t.definition)}` +
    `<button type="button" class="csv" data-key="${escapeHtml(scope)}-${t.id}" aria-label="Download CSV: ${escapeHtml(t.title)}">Download CSV</button></section>`
  );
}

/** RFC 4180 CSV of a table, full precision. */
export function toCsv(t: Table): string {
  const quote = (v: string | number | null) => {
    const text = v === null ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [t.head, ...t.rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

const CLASS_COLOURS = {
  participants: '#0072B2',
  direct: '#007A5E',
  indirect: '#9A5A00',
  unreached: '#5F5F5A',
};

/** An instrument as the report names it: its name in words and which way is better. */
export function instrumentLabel(r: Report, id: string): string {
  const facts = r.instruments[id];
  if (!facts || facts.higherIsBetter === null) return facts?.name ?? id;
  return `${facts.name} (${directionWords(facts.higherIsBetter)})`;
}

/** Mean change per exposure class with its interval as an error bar, one chart per instrument. */
export function exposureChart(instrument: string, b: Report['butterfly'][string]): string {
  const classes = Object.keys(CLASS_COLOURS) as (keyof typeof CLASS_COLOURS)[];
  const values = classes
    .flatMap((k) => [b[k].meanChange, b[k].ci95?.low, b[k].ci95?.high])
    .filter((v): v is number => typeof v === 'number');
  const [lowest, highest] = [Math.min(0, -0.5, ...values), Math.max(0, 0.5, ...values)];
  const [width, height, top, bottom] = [420, 200, 14, 44];
  const y = (v: number) => top + ((highest - v) / (highest - lowest)) * (height - top - bottom);
  const slot = width / classes.length;
  const parts = classes.map((k, i) => {
    const cell = b[k];
    const x = i * slot + slot / 2;
    const m = cell.meanChange;
    const bar =
      typeof m === 'number'
        ? `<rect x="${x - 22}" width="44" y="${Math.min(y(m), y(0))}" height="${Math.abs(y(m) - y(0))}" fill="${CLASS_COLOURS[k]}"/>`
        : '';
    const ci = cell.ci95
      ? `<line x1="${x}" x2="${x}" y1="${y(cell.ci95.low)}" y2="${y(cell.ci95.high)}" stroke="#1d1d1b" stroke-width="2"/>` +
        [cell.ci95.low, cell.ci95.high]
          .map(
            (v) =>
              `<line x1="${x - 8}" x2="${x + 8}" y1="${y(v)}" y2="${y(v)}" stroke="#1d1d1b" stroke-width="2"/>`,
          )
          .join('')
      : '';
    const label = `<text x="${x}" y="${height - 26}" text-anchor="middle">${k}</text><text x="${x}" y="${height - 10}" text-anchor="middle">${signed(m)} (n ${cell.n ?? '—'})</text>`;
    return bar + ci + label;
  });
  const summary = classes
    .map((k) => `${k} ${signed(b[k].meanChange)}, ${interval(b[k].ci95)}, n ${b[k].n ?? '—'}`)
    .join('; ');
  return (
    `<figure class="exposure"><figcaption>${escapeHtml(instrument)}: mean change by exposure class, with 95% intervals</figcaption>` +
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${instrument} change by exposure class: ${summary}`)}">` +
    `<line x1="0" x2="${width}" y1="${y(0)}" y2="${y(0)}" stroke="#5f5f5a"/>${parts.join('')}</svg></figure>`
  );
}
