// The session's entries: the list (newest first, each with its state and Undo), the last-entry
// bar above the forms, whose Undo (or Ctrl+Z) withdraws the newest entry, says what it undid and
// leaves the cursor in the form that was being used, and the other devices' entries beside them.
import type { LiveChange } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { eventId } from './ids.ts';
import { OthersList } from './others.ts';
import type { Outbox } from './outbox.ts';
import { live, undoable } from './session-rules.ts';
import type { CaptureState, Entry } from './store.ts';

const INTERVIEW_KEPT = 'its ties are changed: retract them to correct it';

export class SessionEntries {
  /** What the project's other devices record, as the live stream brings it. */
  readonly others: OthersList;
  /** The form control last used, where the cursor goes back after an Undo. */
  private lastField: HTMLElement | null = null;
  private readonly list: HTMLElement;
  private readonly said: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    readonly state: CaptureState,
    readonly outbox: Outbox,
    /** The session's moment: a retraction is stamped with it. */
    private readonly at: () => number,
    private readonly changed: () => void,
  ) {
    this.list = root.querySelector('#entries')!;
    this.said = root.querySelector('#undo-status')!;
    this.others = new OthersList(
      root.querySelector('#others')!,
      root.querySelector('#this-device')!,
    );
    this.list.addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-undo]');
      const entry = this.state.entries.find((e) => e.id === button?.dataset.undo);
      if (entry) this.undoAndSay(entry);
    });
    root.querySelector('#undo-last')!.addEventListener('click', () => this.undoLast());
    root.querySelector('.capture-forms')!.addEventListener('focusin', (event) => {
      const target = event.target as HTMLElement;
      if (target.closest('form')) this.lastField = target;
    });
    root.addEventListener('keydown', (event) => {
      if (!isUndoKey(event) || typingUndo(event.target)) return;
      event.preventDefault();
      this.undoLast();
    });
  }

  /** Withdraws the newest live entry of the session, or says why it cannot. */
  undoLast(): void {
    const newest = [...this.state.entries].reverse().find(live);
    if (!newest) return this.say('Nothing to undo in this session yet.');
    if (newest.kind === 'interview')
      return this.say(`${newest.label}: ${INTERVIEW_KEPT}. Nothing was undone.`);
    if (!undoable(newest, this))
      return this.say(
        `${newest.label} is kept: a person, group or community stays once stored or named. Nothing was undone.`,
      );
    this.undoAndSay(newest);
  }

  render(): void {
    this.list.innerHTML = [...this.state.entries]
      .reverse()
      .map((e) => this.entryHtml(e))
      .join('');
    const newest = [...this.state.entries].reverse().find(live);
    this.root.querySelector('#last-entry')!.textContent = newest
      ? `Last entry: ${newest.label}`
      : 'Nothing recorded yet in this session.';
  }

  /** Lists what a live change holds that this page did not record itself. */
  heard(change: LiveChange, known: Set<string>, nameOf: (id: string) => string): void {
    const mine = new Set(this.state.entries.map((e) => e.id));
    this.others.add(change, mine, known, nameOf);
  }

  private undoAndSay(entry: Entry): void {
    if (!live(entry) || !undoable(entry, this)) return;
    this.undo(entry);
    this.say(`Undone: ${entry.label}.`);
    (this.lastField ?? this.root.querySelector<HTMLElement>('#tie-to'))?.focus();
  }

  /** Events are withdrawn by a retraction; a write still waiting is simply not sent. */
  private undo(entry: Entry): void {
    const waiting = this.state.pending.findIndex((w) => w.entry === entry.id);
    if (waiting !== -1 && this.outbox.inFlight?.entry !== entry.id) {
      this.state.pending.splice(waiting, 1);
    } else {
      this.outbox.add({
        entry: entry.id,
        collection: 'events',
        body: {
          id: eventId(),
          type: 'retraction',
          at: new Date(this.at()).toISOString(),
          event: entry.id,
        },
      });
    }
    entry.state = 'undone';
    this.changed();
  }

  private say(message: string): void {
    this.said.textContent = message;
  }

  private entryHtml(entry: Entry): string {
    const state = {
      waiting: 'waiting to be sent',
      stored: entry.message ? `stored; ${entry.message}` : 'stored',
      failed: `not stored: ${entry.message ?? ''}`,
      undone: 'undone',
    }[entry.state];
    let action = '';
    if (live(entry)) {
      action = undoable(entry, this)
        ? `<button type="button" data-undo="${escapeHtml(entry.id)}" aria-label="Undo ${escapeHtml(entry.label)}">Undo</button>`
        : `<span class="muted">${entry.kind === 'interview' ? INTERVIEW_KEPT : 'kept once stored or named'}</span>`;
    }
    return (
      `<li class="entry ${entry.state}" data-entry="${escapeHtml(entry.id)}">` +
      `<span class="what">${escapeHtml(entry.label)}</span>` +
      `<span class="state">${escapeHtml(state)}</span>${action}</li>`
    );
  }
}

const isUndoKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) &&
  !event.shiftKey &&
  !event.altKey &&
  event.key.toLowerCase() === 'z';

/** Ctrl+Z in a text field holding text is the browser's own text undo, not an entry's. */
function typingUndo(target: EventTarget | null): boolean {
  const textual =
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement &&
      ['text', 'search', 'number', ''].includes(target.getAttribute('type') ?? ''));
  return textual && (target as HTMLInputElement).value !== '';
}
