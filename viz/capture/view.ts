// The Capture view of one project: the session header, the entries typed (newest first, each with
// Undo), the waiting-writes counter and the session's network. The forms live in forms.ts.
import type {
  Community,
  GroupSummary,
  LiveChange,
  PeoplemapApi,
  ProjectSummary,
} from '../shared/api.ts';
import { wireChangeForms } from './change-forms.ts';
import { wireWaveForm } from './wave-form.ts';
import { wireForms, type CaptureForms, type CaptureHost } from './forms.ts';
import { CAPTURE_HTML } from './markup.ts';
import { CaptureNetwork } from './network.ts';
import { OthersList } from './others.ts';
import { sessionTies, undoable } from './session-rules.ts';
import { Outbox } from './outbox.ts';
import {
  loadState,
  saveState,
  type CaptureState,
  type Entry,
  type KnownResident,
  type PendingWrite,
  type Source,
} from './store.ts';
import { eventId } from './ids.ts';
import { instantOf, knownZone, wallClock } from './time.ts';
import { BUILT_IN_INSTRUMENTS, type Instrument } from '../../server/instruments.ts';
import { mountImportPanel } from './import-panel.ts';
import { escapeHtml } from '../shared/html.ts';

export class CaptureView implements CaptureHost {
  readonly state: CaptureState;
  readonly outbox: Outbox;
  /** The project's residents and groups as the API last listed them. */
  residents: KnownResident[] = [];
  projectGroups: GroupSummary[] = [];
  communities: Community[] = [];
  /** What measures may name: the built-ins until the project's own list arrives. */
  instruments: Instrument[] = [...BUILT_IN_INSTRUMENTS];
  timeZone = 'UTC';
  private readonly network: CaptureNetwork;
  private readonly forms: CaptureForms;
  readonly others: OthersList;
  private readonly $ = <T extends HTMLElement>(selector: string) =>
    this.root.querySelector(selector) as T;

  constructor(
    private readonly root: HTMLElement,
    private readonly api: PeoplemapApi,
    readonly project: string,
    /** Called after each stored write, so other views know the project changed. */
    private readonly onStored: () => void,
  ) {
    root.innerHTML = CAPTURE_HTML;
    this.state = loadState(project, () => ({
      at: Math.floor(Date.now() / 60_000) * 60_000,
      communityId: null,
      source: 'workshop',
    }));
    this.network = new CaptureNetwork(this.$('#capture-map'));
    this.outbox = new Outbox(api, project, {
      pending: this.state.pending,
      stored: (write) => this.settle(write, 'stored'),
      refused: (write, message) => this.settle(write, 'failed', message),
      changed: () => this.refresh(),
    });
    this.forms = wireForms(this);
    this.others = new OthersList(this.$('#others'), this.$('#this-device'));
    wireChangeForms(this);
    wireWaveForm(this);
    mountImportPanel(this.$('#import-panel'), { api, projectId: project });
    this.wireHeader();
    this.offerInstruments();
    this.$('#entries').addEventListener('click', (event) => {
      const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-undo]');
      if (button) this.undo(button.dataset.undo!);
    });
    this.refresh();
    void this.outbox.flush();
  }

  /** Reads the project's residents, groups, communities and time zone; works on without them offline. */
  async load(project: ProjectSummary | null): Promise<void> {
    this.timeZone = knownZone(project?.timeZone);
    const [residents, groups, communities, instruments] = await Promise.all([
      this.api.residents(this.project),
      this.api.groups(this.project),
      this.api.communities(this.project),
      this.api.instruments(this.project),
    ]);
    this.residents = residents.residents;
    this.projectGroups = groups.groups;
    this.communities = communities.communities;
    this.instruments = instruments.instruments;
    this.offerInstruments();
    this.wireHeader();
    this.refresh();
  }

  /**
   * A live change: others' entries join their list, and the residents, groups and communities it
   * brings join the pickers and menus (a menu is rebuilt only when a community is new).
   */
  heard(change: LiveChange): void {
    const mine = new Set(this.state.entries.map((e) => e.id));
    const known = new Set([...this.residents, ...this.projectGroups].map((x) => x.id));
    const names = new Map([...this.people(), ...this.groups()].map((x) => [x.id, x.name]));
    for (const r of change.residents) names.set(r.id, r.name);
    for (const g of change.groups) names.set(g.id, g.name);
    this.others.add(change, mine, known, (id) => names.get(id) ?? id);
    const byId = new Map(this.residents.map((r) => [r.id, r]));
    for (const r of change.residents) byId.set(r.id, r);
    this.residents = [...byId.values()];
    this.projectGroups.push(...change.groups.filter((g) => !known.has(g.id)));
    const fresh = change.communities.filter((c) => !this.communities.some((k) => k.id === c.id));
    if (fresh.length === 0) return;
    this.communities.push(...fresh);
    this.wireHeader();
  }

  /** The instrument field's suggestions: each instrument's id, with its name and range beside it. */
  private offerInstruments(): void {
    this.$('#instruments').replaceChildren(
      ...this.instruments.map((i) => new Option(`${i.name} (${i.min}–${i.max})`, i.id)),
    );
  }

  get header() {
    return this.state.header;
  }

  /** Everyone the pickers offer: the project's residents and those added in this session. */
  people(): KnownResident[] {
    const known = new Map(this.residents.map((r) => [r.id, r]));
    for (const e of this.liveEntries()) if (e.person) known.set(e.person.id, e.person);
    return [...known.values()];
  }

  groups(): GroupSummary[] {
    const known = new Map(this.projectGroups.map((g) => [g.id, g]));
    for (const e of this.liveEntries()) if (e.group) known.set(e.group.id, e.group);
    return [...known.values()];
  }

  /** Records an entry and queues its write. */
  record(entry: Omit<Entry, 'state'>, write: PendingWrite): void {
    this.state.entries.push({ ...entry, state: 'waiting' });
    this.outbox.add(write);
  }

  /** Sets writes as disabled, with the reason read out on each button (a read-only role). */
  setReadOnly(reason: string | null): void {
    const note = this.$<HTMLParagraphElement>('#write-note');
    note.hidden = reason === null;
    note.textContent = reason ?? '';
    note.id = 'write-note';
    this.root.querySelectorAll<HTMLButtonElement>('button.write').forEach((button) => {
      button.disabled = reason !== null;
      if (reason) button.setAttribute('aria-describedby', 'write-note');
      else button.removeAttribute('aria-describedby');
    });
  }

  /** Draws the session's network; `force` after the view was hidden (the canvas needs its size). */
  redraw(force = false): void {
    const live = this.liveEntries();
    const people = new Map(this.people().map((p) => [p.id, p]));
    const named = new Set(live.flatMap((e) => e.names.filter((id) => people.has(id))));
    this.network.draw(
      {
        at: this.header.at,
        communities: this.communities,
        residents: [...named].map((id) => people.get(id)!),
        ties: sessionTies(live),
      },
      force,
    );
  }

  private liveEntries(): Entry[] {
    return this.state.entries.filter((e) => e.state !== 'undone' && e.state !== 'failed');
  }

  get drawn() {
    return this.network.drawn;
  }

  close(): void {
    this.outbox.close();
    this.network.kill();
  }

  private wireHeader(): void {
    const at = this.$<HTMLInputElement>('#session-at');
    const community = this.$<HTMLSelectElement>('#session-community');
    const source = this.$<HTMLSelectElement>('#session-source');
    at.value = wallClock(this.header.at, this.timeZone);
    this.$('#session-zone').textContent = `Time zone: ${this.timeZone}`;
    const choices = [
      new Option('none', ''),
      ...this.communities.map((c) => new Option(c.name, c.id)),
    ];
    community.replaceChildren(...choices);
    community.value = this.header.communityId ?? '';
    source.value = this.header.source;
    at.onchange = () => {
      const ms = instantOf(at.value, this.timeZone);
      if (!Number.isNaN(ms)) this.header.at = ms;
      this.save();
    };
    community.onchange = () => {
      this.header.communityId = community.value || null;
      this.forms.sessionChanged();
      this.save();
    };
    source.onchange = () => {
      this.header.source = source.value as Source;
      this.save();
    };
    this.forms.sessionChanged();
  }

  private settle(write: PendingWrite, state: Entry['state'], message?: string): void {
    const entry = this.state.entries.find((e) => e.id === write.entry);
    if (!entry) return;
    if (write.collection === 'events' && write.body.type === 'retraction') {
      // The entry already shows as undone; if the API refused the retraction, it is still there.
      if (state === 'failed')
        Object.assign(entry, { state: 'stored', message: `Undo was refused: ${message}` });
    } else if (entry.state !== 'undone') {
      Object.assign(entry, { state, message });
    }
    if (state === 'stored') this.onStored();
  }

  /** Events are withdrawn by a retraction; a write still waiting is simply not sent. */
  private undo(entryId: string): void {
    const entry = this.state.entries.find((e) => e.id === entryId);
    if (!entry || !undoable(entry, this)) return;
    const waiting = this.state.pending.findIndex((w) => w.entry === entryId);
    if (waiting !== -1 && this.outbox.inFlight?.entry !== entryId) {
      this.state.pending.splice(waiting, 1);
    } else {
      this.outbox.add({
        entry: entryId,
        collection: 'events',
        body: {
          id: eventId(),
          type: 'retraction',
          at: new Date(this.header.at).toISOString(),
          event: entryId,
        },
      });
    }
    entry.state = 'undone';
    this.refresh();
  }

  private save(): void {
    saveState(this.project, this.state);
  }

  private refresh(): void {
    this.save();
    const waiting = this.state.pending.length;
    const status = this.$('#queue-status');
    status.textContent =
      waiting === 0
        ? 'Every entry is stored.'
        : this.outbox.waitingOnNetwork
          ? `${waiting} ${waiting === 1 ? 'entry waits' : 'entries wait'} to be sent: the service cannot be reached. They are kept in this browser and sent when it answers.`
          : `Sending ${waiting} ${waiting === 1 ? 'entry' : 'entries'}…`;
    status.classList.toggle('waiting', waiting > 0 && this.outbox.waitingOnNetwork);
    this.$('#entries').innerHTML = [...this.state.entries]
      .reverse()
      .map((e) => this.entryHtml(e))
      .join('');
    this.redraw();
  }

  private entryHtml(entry: Entry): string {
    const state = {
      waiting: 'waiting to be sent',
      stored: entry.message ? `stored; ${entry.message}` : 'stored',
      failed: `not stored: ${entry.message ?? ''}`,
      undone: 'undone',
    }[entry.state];
    let action = '';
    if (entry.state !== 'undone' && entry.state !== 'failed') {
      action = undoable(entry, this)
        ? `<button type="button" data-undo="${escapeHtml(entry.id)}" aria-label="Undo ${escapeHtml(entry.label)}">Undo</button>`
        : `<span class="muted">${entry.kind === 'interview' ? 'its ties are changed: retract them to correct it' : entry.kind === 'resident' || entry.kind === 'group' ? 'kept once stored or named' : ''}</span>`;
    }
    return (
      `<li class="entry ${entry.state}" data-entry="${escapeHtml(entry.id)}">` +
      `<span class="what">${escapeHtml(entry.label)}</span>` +
      `<span class="state">${escapeHtml(state)}</span>${action}</li>`
    );
  }
}
