// A type-ahead resident picker following the ARIA combobox pattern (an input with a listbox popup):
// typing filters by name or id, ArrowDown/ArrowUp move through the options, Enter picks the active
// option (or the only one shown), Escape closes. Focus stays in the input throughout; the page says
// what a pick leads to (Capture's From moves on to To, the Map selects the resident).
import { escapeHtml } from '../common/html.ts';

export interface Person {
  id: string;
  name: string | null;
}

const MAX_OPTIONS = 8;
let instances = 0;

export const personLabel = (p: Person): string => (p.name === null ? p.id : `${p.name} (${p.id})`);

export class ResidentPicker {
  private options: Person[] = [];
  private active = -1;
  private chosen: Person | null = null;
  private readonly listbox: HTMLUListElement;

  constructor(
    readonly input: HTMLInputElement,
    private readonly people: () => Person[],
    /** Called after a person is picked from the suggestions (not when set by the page). */
    private readonly onPick: (person: Person) => void = () => {},
  ) {
    const n = ++instances;
    this.listbox = document.createElement('ul');
    this.listbox.id = `picker-${n}-options`;
    this.listbox.className = 'picker-options';
    this.listbox.setAttribute('role', 'listbox');
    this.listbox.setAttribute(
      'aria-label',
      `${input.labels?.[0]?.textContent?.trim() ?? 'Resident'} suggestions`,
    );
    this.listbox.hidden = true;
    input.after(this.listbox);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.listbox.id);
    input.autocomplete = 'off';
    input.addEventListener('input', () => {
      this.chosen = null;
      this.open();
    });
    input.addEventListener('keydown', (event) => this.onKey(event));
    // Closed a moment after focus leaves (a tap on an option lands first), unless it came back.
    input.addEventListener('blur', () =>
      setTimeout(() => document.activeElement !== input && this.close(), 150),
    );
    // pointerdown, not click: picking with a finger or mouse must not blur the input first.
    this.listbox.addEventListener('pointerdown', (event) => {
      const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
      if (!option) return;
      event.preventDefault();
      this.pick(Number(option.dataset.index));
    });
  }

  /** The picked person; else an exact id or name match of what was typed; else null. */
  get value(): Person | null {
    if (this.chosen) return this.chosen;
    const typed = this.input.value.trim().toLowerCase();
    if (typed === '') return null;
    const exact = this.people().filter(
      (p) => p.id.toLowerCase() === typed || (p.name ?? '').toLowerCase() === typed,
    );
    return exact.length === 1 ? exact[0] : null;
  }

  set(person: Person | null): void {
    this.chosen = person;
    this.input.value = person ? personLabel(person) : '';
    this.close();
  }

  private onKey(event: KeyboardEvent): void {
    const expanded = !this.listbox.hidden;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!expanded) this.open();
      if (this.options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.setActive((this.active + step + this.options.length) % this.options.length);
    } else if (
      event.key === 'Enter' &&
      expanded &&
      (this.active !== -1 || this.options.length === 1)
    ) {
      event.preventDefault();
      this.pick(this.active === -1 ? 0 : this.active);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  }

  private open(): void {
    const typed = this.input.value.trim().toLowerCase();
    this.options =
      typed === ''
        ? this.people().slice(0, MAX_OPTIONS)
        : this.people()
            .filter(
              (p) =>
                p.id.toLowerCase().includes(typed) || (p.name ?? '').toLowerCase().includes(typed),
            )
            .slice(0, MAX_OPTIONS);
    this.active = -1;
    this.listbox.innerHTML = this.options
      .map(
        (p, i) =>
          `<li role="option" id="${this.listbox.id}-${i}" data-index="${i}" aria-selected="false">${escapeHtml(personLabel(p))}</li>`,
      )
      .join('');
    const show = this.options.length > 0;
    this.listbox.hidden = !show;
    this.input.setAttribute('aria-expanded', String(show));
    this.input.removeAttribute('aria-activedescendant');
  }

  private setActive(index: number): void {
    this.active = index;
    this.listbox.querySelectorAll('[role="option"]').forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === index));
      option.classList.toggle('active', i === index);
    });
    this.input.setAttribute('aria-activedescendant', `${this.listbox.id}-${index}`);
    this.listbox.children[index]?.scrollIntoView({ block: 'nearest' });
  }

  private pick(index: number): void {
    const person = this.options[index];
    if (!person) return;
    this.set(person);
    this.onPick(person);
  }

  private close(): void {
    this.listbox.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
