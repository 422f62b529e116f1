// The forms about one person: "Add resident" (a name already recorded is offered instead of a
// second person) and "Wellbeing measure" (the score checked against its instrument first).
import type { NewResident } from '../common/api.ts';
import { ResidentPicker, type Person } from '../common/combobox.ts';
import { escapeHtml } from '../common/html.ts';
import { sameName, scoreProblem } from './entry-checks.ts';
import {
  clear,
  fields,
  formById,
  PICK_RESIDENT,
  problem,
  recordEvent,
  type CaptureHost,
} from './form-kit.ts';
import { readableId } from './ids.ts';

/** Wires "Add resident"; `useInTies` puts an already recorded person in From of "Record ties". */
export function wireResidentForm(host: CaptureHost, useInTies: (person: Person) => void): void {
  const form = formById('resident-form');
  const f = fields(form);
  const matchBox = document.getElementById('resident-match')!;
  const at = () => new Date(host.header.at).toISOString();

  const existingMatch = (name: string): Person | undefined =>
    host.people().find((p) => p.name !== null && sameName(p.name, name));

  function showMatch(person: Person | undefined): void {
    matchBox.innerHTML = person
      ? `<span>${escapeHtml(person.name ?? person.id)} is already recorded (id ${escapeHtml(person.id)}).</span> ` +
        `<button type="button" data-use="${escapeHtml(person.id)}">Use ${escapeHtml(person.name ?? person.id)} in Record ties</button>`
      : '';
  }

  f.name.addEventListener('input', () => showMatch(existingMatch(f.name.value)));
  matchBox.addEventListener('click', (e) => {
    const id = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-use]')?.dataset
      .use;
    const person = host.people().find((p) => p.id === id);
    if (!person) return;
    f.name.value = '';
    f.participant.checked = false;
    showMatch(undefined);
    useInTies(person);
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = f.name.value.trim();
    if (name === '') return problem(form, f.name, "Enter the resident's name.", matchBox);
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
      attributes: { source: host.header.source },
    };
    problem(form, null, '', matchBox);
    host.record(
      { id: person.id, kind: 'resident', label: `Resident: ${name}`, names: [person.id], person },
      { entry: person.id, collection: 'residents', body },
    );
    f.name.value = '';
    f.participant.checked = false;
    f.name.focus();
  });
}

export function wireMeasureForm(host: CaptureHost): void {
  const form = formById('measure-form');
  const f = fields(form);
  const measured = new ResidentPicker(f.resident, () => host.people());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const person = measured.value;
    const instrument = f.instrument.value.trim();
    const score = f.score.value.trim() === '' ? NaN : Number(f.score.value);
    if (!person) return problem(form, f.resident, PICK_RESIDENT);
    if (instrument === '') return problem(form, f.instrument, 'Enter the instrument, e.g. WEMWBS.');
    const wrong = scoreProblem(host.instruments, instrument, score);
    if (wrong) return problem(form, f[wrong.field], wrong.message);
    const wave = f.wave.value.trim();
    clear(form);
    recordEvent(
      host,
      form,
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
}
