// The Report view's tables and definitions: each table's rows and columns in words (labels from
// server/report-words.ts), shares as percentages, a CSV download at full precision, and each
// definition's plain sentence first with its formula under "How it is computed".
import { csvCell } from '../../server/csv-cell.ts';
import { directionWords } from '../../server/instruments.ts';
import {
  DEFINITIONS,
  LABELS,
  SHARES,
  definitionText,
  splitDefinition,
} from '../../server/report-words.ts';
import { ownEntry, type Report } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { className } from './exposure.ts';
import { money, percent, plain, pNumber, points, pValue, signed } from './format.ts';

type Interval = { low: number; high: number; informative?: false } | null | undefined;
export type Cell = Record<string, unknown> & { n?: number | null; suppressed?: true };

/** A number with how to show it; the CSV gets the number itself. */
type Shown = {
  v: number | null | undefined;
  as: 'share' | 'points' | 'signed' | 'money' | 'p';
};
export type Value = string | number | null | undefined | Shown;

let definitions = 0;

/** A definition's text as HTML: the plain sentence, then the formula under its own heading. */
export function definitionBody(text: string): string {
  const { plain, computed, limits } = splitDefinition(text);
  const part = (title: string, words: string) =>
    words ? `<p class="how"><strong>${title}</strong></p><p>${escapeHtml(words)}</p>` : '';
  return `<p>${escapeHtml(plain)}</p>${part('How it is computed', computed)}${part('What it cannot show', limits)}`;
}

/** A button that shows and hides the definition below it. */
export function definition(text: string): string {
  const id = `definition-${++definitions}`;
  return (
    `<button type="button" class="define" aria-expanded="false" aria-controls="${id}">Definition</button>` +
    `<div id="${id}" class="definition" hidden>${definitionBody(text)}</div>`
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
  rows: Value[][];
  /** A sentence under the table (the permutation test beside the t intervals). */
  note?: string;
  /** Too many columns, or too long a label, to share the page's width with another table. */
  wide?: true;
}

export const share = (v: number | null | undefined): Shown => ({ v, as: 'share' });
/** An interval's two ends; over values that do not vary, words instead of two equal ends. */
export const ci = (c: Interval): Value[] =>
  c?.informative === false
    ? ['no variation', 'no variation']
    : [
        { v: c?.low, as: 'signed' },
        { v: c?.high, as: 'signed' },
      ];
/** A field's value, as a share when it is one. */
const field = (key: string, v: number | null | undefined): Value =>
  SHARES.has(key) ? share(v) : v;

/** An instrument as the report names it: its name in words and which way is better. */
export function instrumentLabel(r: Report, id: string): string {
  const facts = ownEntry(r.instruments, id);
  if (!facts || facts.higherIsBetter === null) return facts?.name ?? id;
  return `${facts.name} (${directionWords(facts.higherIsBetter)})`;
}

/** The permutation test's result, as the end of a sentence. */
function permutationNote(p: { p: number | null; permutations: number | null; exact: boolean }) {
  const how = p.exact ? `all ${plain(p.permutations)}` : `${plain(p.permutations)} random`;
  return `permutation ${pValue(p.p)} (network held fixed; ${how} shufflings).`;
}

/** The tables of a report: the numbers behind every card, each downloadable as CSV. */
export function tables(r: Report): Table[] {
  const wp = r.connections.withinPerson;
  const s = r.sustainability;
  const v = r.valueForMoney;
  const cost = (amount: number | null): Shown => ({ v: amount, as: 'money' });
  return [
    {
      id: 'connections',
      title: "Connections: change in each resident's number of ties",
      definition: wp.definition,
      head: [
        'Residents',
        'n',
        LABELS.meanChange,
        LABELS.medianChange,
        LABELS.shareIncreased,
        LABELS.shareDecreased,
        '95% CI low',
        '95% CI high',
      ],
      rows: (['all', 'participants', 'nonParticipants'] as const).map((g) => {
        const c = wp[g];
        return [
          LABELS[g],
          c.n,
          { v: c.meanChange, as: 'signed' },
          c.medianChange,
          share(c.shareIncreased),
          share(c.shareDecreased),
          ...ci(c.ci95),
        ];
      }),
      note:
        wp.permutation.p === null
          ? undefined
          : `Participants' mean change − other residents': ${signed(wp.permutation.difference)}; ${permutationNote(wp.permutation)}`,
      wide: true,
    },
    {
      id: 'network',
      title: 'The network at the baseline and the follow-up',
      definition: definitionText(DEFINITIONS.network),
      head: ['Measure', 'Baseline', 'Follow-up', 'Change'],
      rows: Object.entries(r.graph).map(([key, c]) => [
        LABELS[key],
        field(key, c.baseline),
        field(key, c.followup),
        SHARES.has(key) ? { v: c.delta, as: 'points' } : { v: c.delta, as: 'signed' },
      ]),
      wide: true,
    },
    {
      id: 'involvement',
      title: 'Involvement at the baseline and the follow-up',
      definition: r.involvement.definition,
      head: ['Measure', 'Baseline', 'Follow-up'],
      rows: (
        [
          'residents',
          'inGroup',
          'inGroupShare',
          'membershipsPerResident',
          'activeAttendees',
          'attendances',
        ] as const
      ).map((k) => [
        LABELS[k],
        field(k, r.involvement.baseline[k]),
        field(k, r.involvement.followup[k]),
      ]),
    },
    ...Object.entries(r.butterfly).map(([instrument, b]) => ({
      id: `butterfly-${instrument}`,
      title: `Change in score by exposure: ${instrumentLabel(r, instrument)}`,
      definition: b.definition,
      head: ['Residents', 'n', LABELS.meanChange, '95% CI low', '95% CI high'],
      rows: [
        ...(['participants', 'direct', 'indirect', 'unreached'] as const).map((k) => [
          className(k),
          b[k].n,
          { v: b[k].meanChange, as: 'signed' } as Shown,
          ...ci(b[k].ci95),
        ]),
        [
          LABELS.directVsUnreached,
          b.directVsUnreached.n,
          { v: b.directVsUnreached.estimate, as: 'signed' } as Shown,
          ...ci(b.directVsUnreached.ci95),
        ],
      ],
      note: b.directVsUnreached.permutation
        ? `${LABELS.directVsUnreached}: Welch's interval; ${permutationNote(b.directVsUnreached.permutation)}`
        : undefined,
    })),
    {
      id: 'sustainability',
      title: 'Sustainability',
      definition: s.definition,
      head: ['Measure', 'Value'],
      rows: [
        ...(
          [
            'newPairs',
            'retainedPairs',
            'confirmedPairs',
            'retention',
            'recentPairs',
            'membershipsStarted',
            'membershipsRetained',
            'membershipRetention',
          ] as const
        ).map((k) => [LABELS[k], field(k, s[k])]),
        [`${LABELS.activeGroups}, at the baseline`, s.activeGroups.baseline],
        [`${LABELS.activeGroups}, at the follow-up`, s.activeGroups.followup],
      ],
    },
    {
      id: 'value-for-money',
      title: `Value for money${v.currency ? ` (${v.currency})` : ''}`,
      definition: v.definition,
      head: ['Measure', 'Value'],
      rows: [
        [LABELS.totalCost, cost(v.totalCost)],
        [LABELS.costs, v.costs],
        [LABELS.participants, v.participants],
        [LABELS.costPerParticipant, cost(v.costPerParticipant)],
        [LABELS.newTies, v.newTies],
        [LABELS.costPerNewTie, cost(v.costPerNewTie)],
        [LABELS.scoredParticipants, v.scoredParticipants],
        [`${LABELS.wellbeingPointsGained} (${v.instrument})`, v.wellbeingPointsGained],
        [LABELS.costPerWellbeingPoint, cost(v.costPerWellbeingPoint)],
      ],
    },
  ];
}

/** A value as the table shows it. */
function shown(value: Value, currency: string | null): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return plain(value);
  if (value.as === 'share') return percent(value.v);
  if (value.as === 'points') return points(value.v);
  if (value.as === 'money') return escapeHtml(money(value.v, currency));
  if (value.as === 'p') return escapeHtml(pNumber(value.v));
  return signed(value.v);
}

export function tableHtml(t: Table, scope: string, currency: string | null): string {
  const isText = (v: Value) => typeof v === 'string';
  return (
    `<section class="table-block${t.wide ? ' wide' : ''}"><table id="${escapeHtml(scope)}-${t.id}"><caption>${escapeHtml(t.title)}</caption>` +
    `<thead><tr>${t.head.map((h, i) => `<th scope="col"${isText(t.rows[0]?.[i]) ? ' class="text"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
    t.rows
      .map(
        (row) =>
          `<tr>${row.map((v, i) => (i === 0 ? `<th scope="row">${shown(v, currency)}</th>` : `<td${isText(v) ? ' class="text"' : ''}>${shown(v, currency)}</td>`)).join('')}</tr>`,
      )
      .join('') +
    `</tbody></table>${t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : ''}${definition(t.definition)}` +
    `<button type="button" class="csv" data-key="${escapeHtml(scope)}-${t.id}" aria-label="Download CSV: ${escapeHtml(t.title)}">Download CSV</button></section>`
  );
}

/**
 * RFC 4180 CSV of a table, full precision (shares as fractions of 1, money as amounts), with the
 * exports' formula rule (server/csv-cell.ts).
 */
export function toCsv(t: Table): string {
  const cell = (value: Value) => {
    const v = value !== null && typeof value === 'object' ? value.v : value;
    return csvCell(v ?? null);
  };
  return [t.head, ...t.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
