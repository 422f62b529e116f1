// The Capture view's forms: each turns what was typed into an entry and its write, stamped with the
// session's moment (and source, where the API keeps one), or says in the form what to fix.
import type { Community, Event, GroupSummary, NewResident } from '../shared/api.ts';
import { ResidentPicker, type Person } from './combobox.ts';
import type { Entry, KnownResident, PendingWrite, SessionHeader } from './store.ts';
import { sameName, scoreProblem } from './entry-checks.ts';
import { eventId, readableId } from './ids.ts';
import { escapeHtml } from '../shared/html.ts';
import type { Instrument } from '../../server/instruments.ts';

export interface CaptureForms {
  /** The session's community became the default of new residents and groups. */
  sessionChanged(): void;
  /** Groups were added: refresh the group and activity choices. */
  refreshChoices(): void;
}

/** What the forms need from the page they sit in (the Capture view): no more, so neither imports the other. */
export interface CaptureHost {
  /** The session's moment, community and source, stamped on what the forms write. */
  readonly header: SessionHeader;
  readonly communities: readonly Community[];
  readonly instruments: readonly Instrument[];
  /** Everyone the pickers offer, and the groups to choose from. */
  people(): KnownResident[];
  groups(): GroupSummary[];
  /** Records an entry and queues its write. */
  record(entry: Omit<Entry, 'state'>, write: PendingWrite): void;
}

/** An event as a form fills it in: the id and moment are the session's. */
type EventBody = Event extends infer E ? (E extends Event ? Omit<E, 'id' | 'at'> : never) : never;

type Fields = HTMLFormControlsCollection & Record<string, HTMLInputElement & HTMLSelectElement>;

export function wireForms(view: CaptureHost): CaptureForms {
  const form = (id: string) => document.getElementById(id) as HTMLFormElement;
  const fields = (f: HTMLFormElement) => f.elements as Fields;
  const people = () => view.people();
  const residentForm = form('resident-form');
  const tieForm = form('tie-form');
  const groupForm = form('group-form');
  const membershipForm = form('membership-form');
  const attendanceForm = form('attendance-form');
  const measureForm = form('measure-form');
  const from = new ResidentPicker(fields(tieForm).from, people);
  const to = new ResidentPicker(fields(tieForm).to, people);
  const member = new ResidentPicker(fields(membershipForm).resident, people);
  const attendee = new ResidentPicker(fields(attendanceForm).resident, people);
  const measured = new ResidentPicker(fields(measureForm).resident, people);
  const at = () => new Date(view.header.at).toISOString();
  const matchBox = document.getElementById('resident-match')!;

  /** Shows the problem in the form, marks the field and puts the cursor there. */
  function problem(f: HTMLFormElement, field: HTMLElement | null, message: string): void {
    const box = f.querySelector('.form-error') ?? matchBox;
    box.textContent = message;
    f.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  }
  const clear = (f: HTMLFormElement) => problem(f, null, '');

  function event(f: HTMLFormElement, entry: Omit<Entry, 'state' | 'id'>, body: EventBody): void {
    const id = eventId();
    clear(f);
    view.record(
      { ...entry, id },
      { entry: id, collection: 'events', body: { id, at: at(), ...body } },
    );
  }

  function existingMatch(name: string): Person | undefined {
    return people().find((p) => p.name !== null && sameName(p.name, name));
  }

  function showMatch(person: Person | undefined): void {
    matchBox.innerHTML = person
      ? `<span>${escapeHtml(person.name ?? person.id)} is already recorded (id ${escapeHtml(person.id)}).</span> ` +
        `<button type="button" data-use="${escapeHtml(person.id)}">Use ${escapeHtml(person.name ?? person.id)} in Record ties</button>`
      : '';
  }

  fields(residentForm).name.addEventListener('input', () =>
    showMatch(existingMatch(fields(residentForm).name.value)),
  );
  matchBox.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-use]')?.dataset
      .use;
    const person = people().find((p) => p.id === id);
    if (!person) return;
    from.set(person);
    residentForm.reset();
    sessionChanged();
    showMatch(undefined);
    to.input.focus();
  });

  residentForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(residentForm);
    const name = f.name.value.trim();
    if (name === '') return problem(residentForm, f.name, "Enter the resident's name.");
    const match = existingMatch(name);
    if (match) {
      showMatch(match);
      return matchBox.querySelector('button')!.focus();
    }
    const person = {
      id: readableId(name, 'resident'),
      name,
      communityId: f.community.value || null,
      participant: f.participant.checked,
    };
    const body: NewResident = {
      ...person,
      communityId: person.communityId ?? undefined,
      consent: f.consent.value as NewResident['consent'],
      joinedAt: at(),
      attributes: { source: view.header.source },
    };
    clear(residentForm);
    view.record(
      { id: person.id, kind: 'resident', label: `Resident: ${name}`, names: [person.id], person },
      { entry: person.id, collection: 'residents', body },
    );
    f.name.value = '';
    f.participant.checked = false;
    f.name.focus();
  });

  tieForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(tieForm);
    const a = from.value;
    const b = to.value;
    if (!a)
      return problem(
        tieForm,
        f.from,
        'Pick who named the tie in From: type a name, then choose with the arrow keys and Enter.',
      );
    if (!b)
      return problem(
        tieForm,
        f.to,
        'Pick who they named in To: type a name, then choose with the arrow keys and Enter.',
      );
    if (a.id === b.id)
      return problem(tieForm, f.to, 'From and To must be two different residents.');
    const kind = f.kind.value;
    const strength = Number(f.strength.value);
    event(
      tieForm,
      {
        kind: 'connection',
        label: `Tie: ${a.name ?? a.id} – ${b.name ?? b.id} (${kind}, ${strength})`,
        names: [a.id, b.id],
      },
      { type: 'connection', from: a.id, to: b.id, kind, strength, source: view.header.source },
    );
    to.set(null);
    to.input.focus();
  });

  groupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(groupForm);
    const name = f.name.value.trim();
    if (name === '') return problem(groupForm, f.name, "Enter the group's name.");
    const group: GroupSummary = {
      id: readableId(name, 'group'),
      name,
      kind: f.kind.value as GroupSummary['kind'],
      communityId: view.header.communityId,
    };
    clear(groupForm);
    view.record(
      {
        id: group.id,
        kind: 'group',
        label: `Group: ${name} (${group.kind})`,
        names: [group.id],
        group,
      },
      {
        entry: group.id,
        collection: 'groups',
        body: { ...group, communityId: group.communityId ?? undefined },
      },
    );
    f.name.value = '';
    refreshChoices();
    f.name.focus();
  });

  membershipForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(membershipForm);
    const type =
      (e as SubmitEvent).submitter?.getAttribute('value') === 'departure'
        ? 'departure'
        : 'membership';
    const person = member.value;
    const group = view.groups().find((g) => g.id === f.group.value);
    if (!person)
      return problem(
        membershipForm,
        f.resident,
        'Pick the resident: type a name, then choose with the arrow keys and Enter.',
      );
    if (!group) return problem(membershipForm, f.group, 'Add a group first, then choose it here.');
    const verb = type === 'membership' ? 'joins' : 'leaves';
    event(
      membershipForm,
      {
        kind: type,
        label: `${type === 'membership' ? 'Membership' : 'Departure'}: ${person.name ?? person.id} ${verb} ${group.name}`,
        names: [person.id, group.id],
      },
      { type, resident: person.id, group: group.id },
    );
    member.set(null);
    member.input.focus();
  });

  attendanceForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(attendanceForm);
    const person = attendee.value;
    const group = view.groups().find((g) => g.id === f.group.value && g.kind === 'activity');
    if (!person)
      return problem(
        attendanceForm,
        f.resident,
        'Pick the resident: type a name, then choose with the arrow keys and Enter.',
      );
    if (!group)
      return problem(
        attendanceForm,
        f.group,
        'Attendance is at an activity: add a group of kind activity first.',
      );
    event(
      attendanceForm,
      {
        kind: 'attendance',
        label: `Attendance: ${person.name ?? person.id} at ${group.name}`,
        names: [person.id, group.id],
      },
      { type: 'attendance', resident: person.id, group: group.id },
    );
    attendee.set(null);
    attendee.input.focus();
  });

  measureForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(measureForm);
    const person = measured.value;
    const instrument = f.instrument.value.trim();
    const score = f.score.value.trim() === '' ? NaN : Number(f.score.value);
    if (!person)
      return problem(
        measureForm,
        f.resident,
        'Pick the resident: type a name, then choose with the arrow keys and Enter.',
      );
    if (instrument === '')
      return problem(measureForm, f.instrument, 'Enter the instrument, e.g. WEMWBS.');
    const wrong = scoreProblem(view.instruments, instrument, score);
    if (wrong) return problem(measureForm, f[wrong.field], wrong.message);
    const wave = f.wave.value.trim();
    event(
      measureForm,
      {
        kind: 'measure',
        label: `Measure: ${person.name ?? person.id} ${instrument} ${score}`,
        names: [person.id],
      },
      { type: 'measure', resident: person.id, instrument, score, ...(wave ? { wave } : {}) },
    );
    f.score.value = '';
    measured.set(null);
    measured.input.focus();
  });

  function sessionChanged(): void {
    const select = fields(residentForm).community;
    select.replaceChildren(
      new Option('none', ''),
      ...view.communities.map((c) => new Option(c.name, c.id)),
    );
    select.value = view.header.communityId ?? '';
    refreshChoices();
  }

  function refreshChoices(): void {
    const fill = (select: HTMLSelectElement, groups: GroupSummary[], none: string) => {
      const keep = select.value;
      select.replaceChildren(
        ...(groups.length === 0
          ? [new Option(none, '')]
          : groups.map((g) => new Option(`${g.name} (${g.kind})`, g.id))),
      );
      if (groups.some((g) => g.id === keep)) select.value = keep;
    };
    const groups = view.groups();
    fill(fields(membershipForm).group, groups, 'no group yet');
    fill(
      fields(attendanceForm).group,
      groups.filter((g) => g.kind === 'activity'),
      'no activity yet',
    );
  }

  return { sessionChanged, refreshChoices };
}
