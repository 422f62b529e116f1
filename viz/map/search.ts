// Find a resident by name or id; picking one (click or Enter) selects them on the map.
import type { HistoryResident } from '../shared/api.ts';
import { escapeHtml } from '../shared/html.ts';

const MAX_RESULTS = 12;

export class ResidentSearch {
  private residents: HistoryResident[] = [];

  constructor(
    private readonly input: HTMLInputElement,
    private readonly results: HTMLUListElement,
    private readonly onPick: (id: string) => void,
  ) {
    input.addEventListener('input', () => this.show(this.matches()));
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        const first = this.matches()[0];
        if (first) this.pick(first.id);
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        results.querySelector('button')?.focus();
      }
    });
    results.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest('button');
      if (button?.dataset.id) this.pick(button.dataset.id);
    });
  }

  setResidents(residents: HistoryResident[]): void {
    this.residents = residents;
    this.clear();
  }

  clear(): void {
    this.input.value = '';
    this.show([]);
  }

  private matches(): HistoryResident[] {
    const query = this.input.value.trim().toLowerCase();
    if (query === '') return [];
    const found: HistoryResident[] = [];
    for (const r of this.residents) {
      if (r.id.toLowerCase().includes(query) || (r.name ?? '').toLowerCase().includes(query))
        found.push(r);
      if (found.length === MAX_RESULTS) break;
    }
    return found;
  }

  private show(found: HistoryResident[]): void {
    this.results.hidden = found.length === 0;
    this.results.innerHTML = found
      .map((r) => {
        const label = r.name === null ? r.id : `${r.name} (${r.id})`;
        return `<li><button type="button" role="option" data-id="${escapeHtml(r.id)}">${escapeHtml(label)}</button></li>`;
      })
      .join('');
  }

  private pick(id: string): void {
    this.show([]);
    this.onPick(id);
  }
}
