// The session's entries: the list (newest first, each with its state and Undo) and the last-entry
// bar above the forms, whose Undo (or Ctrl+Z) withdraws the newest entry, says what it undid and
// leaves the cursor in the form that was being used.
import { escapeHtml } from '../shared/html.ts';
import { eventId } from './ids.ts';
import type { Outbox } from './outbox.ts';
import { RECORD_KINDS, type CaptureState, type Entry } from './store.ts';

const INTERVIEW_KEPT = 'its ties are changed: retract them to correct it';

const live = (e: Entry) => e.state !== 'undone' && e.state !== 'failed';

export class SessionEntries {
  /** The form control last used, where the cursor goes back after an Undo. */
  private lastField: HTMLElement | null = null;
  private readonly list: HTMLElement;
  private readonly said: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly state: CaptureState,
    private readonly outbox: Outbox,
    /** The session's moment: a retraction is stamped with it. */
    private readonly at: () => number,
    private readonly changed: () => void,
  ) {
    this.list = root.querySelector('#entries')!;
    this.said = root.querySelector('#undo-status')!;
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
    if (!this.undoable(newest))
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

  /**
   * Events can always be undone (a retraction), a wave's answer never. A record (resident, group, community) only while
   * its creation still waits in the page and no live entry names it: once stored, only erasure
   * removes a person, and that is an administrator's act, not a typo fix.
   */
  undoable(entry: Entry): boolean {
    // a wave's answer wrote events the server made: no single retraction withdraws it
    if (entry.kind === 'interview') return false;
    if (!RECORD_KINDS.includes(entry.kind)) return true;
    const waiting =
      this.state.pending.some((w) => w.entry === entry.id) &&
      this.outbox.inFlight?.entry !== entry.id;
    const named = this.state.entries.some(
      (e) => e !== entry && live(e) && e.names.includes(entry.id),
    );
    return waiting && !named;
  }

  private undoAndSay(entry: Entry): void {
    if (!live(entry) || !this.undoable(entry)) return;
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
      action = this.undoable(entry)
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
