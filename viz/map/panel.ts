// The side panel: the network's numbers at the slider's moment, and the selected resident's details.
import type { GraphMetrics, Resident, ResidentMetrics } from '../common/api.ts';
import { format } from '../common/charts.ts';
import { escapeHtml } from '../common/html.ts';
import { holdsAt } from '../../server/metrics/spells.ts';

/** Whether one of the API's participation spells holds at `at` (the server decided them). */
const participantAt = (spells: Resident['participation'], at: number): boolean =>
  spells.some((s) => holdsAt(Date.parse(s.from), s.to === null ? null : Date.parse(s.to), at));

/** Each number says how it was computed (the API's conventions, NetworkX-compatible). */
const GRAPH_ROWS: { key: keyof GraphMetrics; label: string; how: string }[] = [
  {
    key: 'nodeCount',
    label: 'Residents',
    how: 'residents who had joined by this moment and not left',
  },
  {
    key: 'edgeCount',
    label: 'Ties',
    how: 'pairs whose latest connection/disconnection by this moment is a connection',
  },
  { key: 'isolates', label: 'Isolates', how: 'residents with no tie' },
  { key: 'density', label: 'Density', how: '2m / (n(n−1))' },
  { key: 'averageDegree', label: 'Average degree', how: '2m / n' },
  { key: 'components', label: 'Components', how: 'connected components' },
  {
    key: 'largestComponentShare',
    label: 'Largest component',
    how: 'share of residents in the largest component',
  },
  {
    key: 'averageClustering',
    label: 'Avg. clustering',
    how: 'mean local clustering, zeros counted',
  },
  { key: 'transitivity', label: 'Transitivity', how: '3 × triangles / connected triples' },
  {
    key: 'degreeCentralization',
    label: 'Degree centralization',
    how: 'Freeman: Σ(dmax−dᵢ)/((n−1)(n−2))',
  },
  { key: 'modularity', label: 'Modularity', how: 'of the Louvain partition' },
];
const COUNTED_HERE = new Set<keyof GraphMetrics>(['nodeCount', 'edgeCount', 'isolates']);

export class MetricsPanel {
  private readonly cells = new Map<keyof GraphMetrics, HTMLElement>();
  /** The slider's moment, for what the selected resident was then. */
  private at = Date.now();

  constructor(
    list: HTMLElement,
    private readonly momentLabel: HTMLElement,
    private readonly details: HTMLElement,
    /** Community names by id, so details read as people say them. */
    private readonly communityNames: ReadonlyMap<string, string> = new Map(),
  ) {
    list.innerHTML = '';
    for (const row of GRAPH_ROWS) {
      const term = document.createElement('dt');
      term.textContent = row.label;
      term.title = row.how;
      const value = document.createElement('dd');
      value.dataset.metric = row.key;
      value.textContent = '—';
      list.append(term, value);
      this.cells.set(row.key, value);
    }
  }

  /** Counted in the browser at every step, so they follow the slider without waiting for the API. */
  setCounts(at: number, residents: number, ties: number, isolates: number): void {
    this.at = at;
    this.momentLabel.textContent = formatMoment(at);
    this.cells.get('nodeCount')!.textContent = format(residents);
    this.cells.get('edgeCount')!.textContent = format(ties);
    this.cells.get('isolates')!.textContent = format(isolates);
  }

  /** The API's numbers once the slider settles; null while they are being fetched. */
  setGraph(graph: GraphMetrics | null): void {
    for (const [key, cell] of this.cells) {
      if (COUNTED_HERE.has(key)) continue;
      cell.textContent = graph ? format(graph[key]) : '…';
    }
  }

  showResident(
    id: string,
    details:
      | (Pick<Resident, 'name' | 'communityId' | 'participation' | 'joinedAt'> &
          Partial<Omit<Resident, 'participant'>> & { participant?: boolean | null })
      | null,
    metrics: ResidentMetrics | null,
    egoSize: number,
  ): void {
    const name = details?.name ?? null;
    const rows: [string, string][] = [['id', id]];
    if (details) {
      rows.push(
        [
          'community',
          details.communityId
            ? (this.communityNames.get(details.communityId) ?? details.communityId)
            : '—',
        ],
        [
          'participant',
          // null: a partner is not shown it, so that no one stands out (docs/privacy.md)
          details.participant === null
            ? 'not shown'
            : participantAt(details.participation, this.at)
              ? 'yes'
              : 'no',
        ],
        ['joined', formatMoment(Date.parse(details.joinedAt))],
      );
      if (details.consent) rows.push(['consent', details.consent]);
    }
    rows.push(['ties now', String(egoSize)]);
    if (metrics) {
      rows.push(
        ['degree', format(metrics.degree)],
        ['betweenness', format(metrics.betweenness)],
        ['closeness', format(metrics.closeness)],
        ['pagerank', format(metrics.pagerank)],
        ['clustering', format(metrics.clustering)],
        ['cluster', String(metrics.community)],
      );
    }
    this.details.hidden = false;
    this.details.innerHTML =
      `<h2>${escapeHtml(name ?? id)}</h2><dl class="metrics">` +
      rows
        .map(
          ([k, v]) =>
            `<dt>${escapeHtml(k)}</dt><dd data-field="${escapeHtml(k)}">${escapeHtml(v)}</dd>`,
        )
        .join('') +
      `</dl><p>Press Escape to clear.</p>`;
  }

  clearResident(): void {
    this.details.hidden = true;
    this.details.innerHTML = '';
  }
}

export function formatMoment(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
