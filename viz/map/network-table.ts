// The Table view: the network at the slider's moment as a table a screen reader can walk, one row
// per resident present (name as the row's header, community, degree and the people they are tied
// to), sortable by each column with the column's header saying how it is sorted.
import { TIE_HIDDEN, type NetworkMoment, type NetworkTimeline } from '../graph/network-timeline.ts';
import { escapeHtml } from '../common/html.ts';
import { plural } from '../common/words.ts';

type Column = 'name' | 'community' | 'degree';
const COLUMNS: { key: Column; label: string }[] = [
  { key: 'name', label: 'Resident' },
  { key: 'community', label: 'Community' },
  { key: 'degree', label: 'Ties now' },
];
/** Rows drawn at most: a browser table of tens of thousands of rows helps nobody. */
const MAX_ROWS = 1000;

interface Row {
  name: string;
  community: string;
  degree: number;
  tiedTo: string[];
}

export class NetworkTable {
  private sort: { column: Column; ascending: boolean } = { column: 'name', ascending: true };
  private rows: Row[] = [];
  private caption = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly timeline: NetworkTimeline,
  ) {
    container.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-sort]');
      if (!button) return;
      const column = button.dataset.sort as Column;
      const ascending = this.sort.column === column ? !this.sort.ascending : column !== 'degree';
      this.sort = { column, ascending };
      this.draw();
      this.container.querySelector<HTMLButtonElement>(`button[data-sort="${column}"]`)?.focus();
    });
  }

  /** Reads the network at the moment: who is there, their community, degree and ties. */
  show(moment: NetworkMoment, when: string): void {
    const { residents, tieSource, tieTarget, communities } = this.timeline;
    const communityName = new Map(communities.map((c) => [c.id, c.name]));
    const nameOf = (i: number) => residents[i].name ?? residents[i].id;
    const tiedTo: string[][] = residents.map(() => []);
    for (let e = 0; e < tieSource.length; e++) {
      if (moment.tieState[e] === TIE_HIDDEN) continue;
      tiedTo[tieSource[e]].push(nameOf(tieTarget[e]));
      tiedTo[tieTarget[e]].push(nameOf(tieSource[e]));
    }
    this.rows = [];
    residents.forEach((r, i) => {
      if (moment.nodeVisible[i] === 0) return;
      this.rows.push({
        name: nameOf(i),
        community: r.communityId ? (communityName.get(r.communityId) ?? r.communityId) : '—',
        degree: moment.degree[i],
        tiedTo: tiedTo[i].sort((a, b) => a.localeCompare(b)),
      });
    });
    this.caption = `The network at ${when}: ${plural(moment.visibleNodes, 'resident')} and ${plural(moment.visibleEdges, 'tie')}.`;
    this.draw();
  }

  private draw(): void {
    const { column, ascending } = this.sort;
    const direction = ascending ? 1 : -1;
    const sorted = [...this.rows].sort((a, b) => {
      const order = column === 'degree' ? a.degree - b.degree : a[column].localeCompare(b[column]);
      return direction * order || a.name.localeCompare(b.name);
    });
    const shown = sorted.slice(0, MAX_ROWS);
    const more =
      sorted.length > shown.length
        ? ` The first ${plural(shown.length, 'row')} of ${sorted.length.toLocaleString('en')} are listed; sort to see others.`
        : '';
    const head = COLUMNS.map(({ key, label }) => {
      const sorted = key === column ? ` aria-sort="${ascending ? 'ascending' : 'descending'}"` : '';
      return `<th scope="col"${sorted}><button type="button" data-sort="${key}">${label}</button></th>`;
    }).join('');
    const body = shown
      .map(
        (r) =>
          `<tr><th scope="row">${escapeHtml(r.name)}</th><td>${escapeHtml(r.community)}</td>` +
          `<td class="number">${r.degree}</td><td>${escapeHtml(r.tiedTo.join(', ') || 'no tie')}</td></tr>`,
      )
      .join('');
    this.container.innerHTML =
      `<table class="network-table"><caption>${escapeHtml(this.caption + more)} Select a column's name to sort by it.</caption>` +
      `<thead><tr>${head}<th scope="col">Tied to</th></tr></thead><tbody>${body}</tbody></table>`;
  }
}
