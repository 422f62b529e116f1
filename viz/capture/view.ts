// The Capture view of one project: the session header, the entries typed (entries.ts: newest
// first, each with Undo, and the other devices'), the waiting-writes counter and the session's
// network. The forms live in forms.ts. Entries typed here arrive through one door, addEntries.
import type {
  Community,
  GroupSummary,
  LiveChange,
  PeoplemapApi,
  ProjectSummary,
} from '../common/api.ts';
import { wireChangeForms } from './change-forms.ts';
import { SessionEntries } from './entries.ts';
import { fillCommunities } from './form-kit.ts';
import { offerWaves, wireWaveForm } from './wave-form.ts';
import { wireForms, type CaptureForms, type CaptureHost } from './forms.ts';
import { KnownTies, type KnownTie } from './known-ties.ts';
import { live, projectCounts, sessionTie, sessionTies } from './session-rules.ts';
import { CAPTURE_HTML, TIE_KINDS } from './markup.ts';
import { CaptureNetwork } from './network.ts';
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
import { instantOf, knownZone, wallClock } from './time.ts';
import { mountImportPanel } from './import-panel.ts';
import { BUILT_IN_INSTRUMENTS, type Instrument } from '../../server/instruments.ts';

export class CaptureView implements CaptureHost {
  readonly state: CaptureState;
  readonly outbox: Outbox;
  /** The project's residents, groups and communities as the API last listed them. */
  residents: KnownResident[] = [];
  projectGroups: GroupSummary[] = [];
  private projectCommunities: Community[] = [];
  /** What measures may name: the built-ins until the project's own list arrives. */
  instruments: Instrument[] = [...BUILT_IN_INSTRUMENTS];
  /** The project's ties now (GET /graph), to say when a pair is named again. */
  private projectTies = new KnownTies();
  timeZone = 'UTC';
  /** The project as the project list gave it (its time zone), to read it again after an import. */
  private summary: ProjectSummary | null = null;
  private readonly network: CaptureNetwork;
  private readonly forms: CaptureForms;
  private readonly entries: SessionEntries;
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
    this.entries = new SessionEntries(
      root,
      this.state,
      this.outbox,
      () => this.header.at,
      () => this.refresh(),
    );
    this.forms = wireForms(this);
    wireChangeForms(this);
    wireWaveForm(this);
    mountImportPanel(this.$('#import-panel'), {
      api,
      projectId: project,
      // Offline, the page keeps what it had; the next load reads the import.
      imported: () => void this.load(this.summary).then(this.onStored, () => {}),
    });
    this.wireHeader();
    this.offerInstruments();
    this.refresh();
    void this.outbox.flush();
  }

  /** Reads the project's residents, groups, communities, ties and time zone; works on without them offline. */
  async load(project: ProjectSummary | null): Promise<void> {
    this.summary = project;
    this.timeZone = knownZone(project?.timeZone);
    const [residents, groups, communities, instruments, graph] = await Promise.all([
      this.api.residents(this.project),
      this.api.groups(this.project),
      this.api.communities(this.project),
      this.api.instruments(this.project),
      this.api.graph(this.project).catch(() => null),
    ]);
    this.residents = residents.residents;
    this.projectGroups = groups.groups;
    this.projectCommunities = communities.communities;
    this.instruments = instruments.instruments;
    if (graph) this.projectTies = KnownTies.fromGraph(graph);
    offerWaves(project?.waves ?? []);
    this.offerInstruments();
    this.wireHeader();
    this.refresh();
  }

  /** Reads the project's ties now again (the header's counts after others' changes). */
  async readTies(): Promise<void> {
    this.projectTies = KnownTies.fromGraph(await this.api.graph(this.project));
  }

  /**
   * A live change: others' entries join their list, and the residents, groups and communities it
   * brings join the pickers and menus, without touching a field being typed in.
   */
  heard(change: LiveChange): void {
    const known = new Set([...this.residents, ...this.projectGroups].map((x) => x.id));
    const names = new Map([...this.people(), ...this.groups()].map((x) => [x.id, x.name]));
    for (const x of [...change.residents, ...change.groups]) names.set(x.id, x.name);
    this.entries.heard(change, known, (id) => names.get(id) ?? id);
    const residents = new Map(this.residents.map((r) => [r.id, r]));
    for (const r of change.residents) residents.set(r.id, r);
    this.residents = [...residents.values()];
    const groups = change.groups.filter((g) => !known.has(g.id));
    this.projectGroups.push(...groups);
    if (groups.length > 0) this.forms.refreshChoices();
    const had = new Set(this.communities.map((c) => c.id));
    this.projectCommunities.push(...change.communities.filter((c) => !had.has(c.id)));
    if (change.communities.some((c) => !had.has(c.id))) this.showCommunities();
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

  /** The project's communities and those added in this session, at once. */
  get communities(): Community[] {
    const known = new Map(this.projectCommunities.map((c) => [c.id, c]));
    for (const e of this.liveEntries()) if (e.community) known.set(e.community.id, e.community);
    return [...known.values()];
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

  /** The tie between a and b as this session left it (named or ended), else the project's. */
  existingTie(a: string, b: string): KnownTie | undefined {
    const said = sessionTie(this.liveEntries(), a, b);
    return said === undefined ? this.projectTies.between(a, b) : (said ?? undefined);
  }

  /** The tie kinds the project uses: the usual four, its ties' now and this session's. */
  tieKinds(): string[] {
    const session = this.liveEntries().flatMap((e) => (e.tie ? [e.tie.kind] : []));
    return [...new Set([...TIE_KINDS, ...this.projectTies.kinds(), ...session])];
  }

  /** The project's residents recorded and ties holding now, as this page knows them. */
  counts(): { residents: number; ties: number } {
    return projectCounts(this.residents, this.projectTies, this.state.entries);
  }

  /** Records an entry typed here and queues its write. */
  record(entry: Omit<Entry, 'state'>, write: PendingWrite): void {
    this.addEntries([{ ...entry, state: 'waiting' }]);
    this.outbox.add(write);
  }

  /**
   * The one door entries come in by: they join the list, and what they create (people, groups,
   * communities, ties) is offered at once by every form.
   */
  addEntries(entries: Entry[]): void {
    this.state.entries.push(...entries);
    if (entries.some((e) => e.community)) this.showCommunities();
    if (entries.some((e) => e.group)) this.forms.refreshChoices();
    this.refresh();
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
    return this.state.entries.filter(live);
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
    this.showCommunities();
  }

  /** Every community choice (the session's, new residents', new groups') offers them all. */
  private showCommunities(): void {
    const session = this.$<HTMLSelectElement>('#session-community');
    fillCommunities(session, this.communities, this.header.communityId);
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
    this.entries.render();
    this.redraw();
  }
}
