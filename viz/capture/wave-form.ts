// The Capture form of a wave interview (docs/time-rule.md, "Waves"): one respondent's complete
// answer to the name question at a wave, sent as POST …/waves/:wave/answers at the session's
// moment. Everyone they held a tie with and do not name is no longer tied to them from then.
import { escapeHtml } from '../common/html.ts';
import { ResidentPicker, type Person } from '../common/combobox.ts';
import type { CaptureHost } from './forms.ts';
import { eventId } from './ids.ts';

export const WAVE_HTML = `
    <section aria-labelledby="wave-heading">
      <h2 id="wave-heading">Wave interview</h2>
      <form id="wave-form" class="row" aria-labelledby="wave-heading" novalidate>
        <div class="picker"><label for="wave-resident">Respondent</label><input id="wave-resident" name="resident" placeholder="name or id" /></div>
        <label>Wave <input name="wave" maxlength="40" placeholder="e.g. midpoint" list="wave-names" autocomplete="off" /></label>
        <datalist id="wave-names"></datalist>
        <div class="picker"><label for="wave-named">Names</label><input id="wave-named" name="named" placeholder="name or id" /></div>
        <button type="submit" class="write" value="add">Add name</button>
        <button type="submit" class="write" value="send">Send answer</button>
        <ul class="wave-named" aria-label="Named in this answer"></ul>
        <p id="wave-note" class="muted">Add everyone the respondent names, then Send answer: their ties to anyone not named end at the session's moment.</p>
        <p class="form-error" role="alert"></p>
      </form>
    </section>`;

/** The waves the project plans (a template's baseline and follow-up), offered in both Wave fields. */
export function offerWaves(waves: readonly string[]): void {
  document
    .getElementById('wave-names')!
    .replaceChildren(
      ...waves.map((value) => Object.assign(document.createElement('option'), { value })),
    );
}

const PICK = 'type a name, then choose with the arrow keys and Enter.';
const nameOf = (p: Person) => p.name ?? p.id;

export function wireWaveForm(host: CaptureHost): void {
  const form = document.getElementById('wave-form') as HTMLFormElement;
  const fields = form.elements as HTMLFormControlsCollection & Record<string, HTMLInputElement>;
  const list = form.querySelector<HTMLUListElement>('.wave-named')!;
  const respondent = new ResidentPicker(fields.resident, () => host.people());
  const naming = new ResidentPicker(fields.named, () => host.people());
  let named: Person[] = [];

  function problem(field: HTMLElement | null, message: string): void {
    form.querySelector('.form-error')!.textContent = message;
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    if (!field) return;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }

  function draw(): void {
    list.innerHTML = named
      .map(
        (p) =>
          `<li>${escapeHtml(nameOf(p))} <button type="button" data-remove="${escapeHtml(p.id)}" aria-label="Remove ${escapeHtml(nameOf(p))}">Remove</button></li>`,
      )
      .join('');
  }

  list.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('[data-remove]');
    if (!button) return;
    named = named.filter((p) => p.id !== button.dataset.remove);
    draw();
    naming.input.focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const send = (event as SubmitEvent).submitter?.getAttribute('value') === 'send';
    if (!send) {
      const person = naming.value;
      if (!person) return problem(fields.named, `Pick the person named: ${PICK}`);
      if (!named.some((p) => p.id === person.id)) named.push(person);
      problem(null, '');
      draw();
      naming.set(null);
      naming.input.focus();
      return;
    }
    const who = respondent.value;
    if (!who) return problem(fields.resident, `Pick the respondent: ${PICK}`);
    const wave = fields.wave.value.trim();
    if (wave === '') return problem(fields.wave, 'Give the wave a name, e.g. midpoint.');
    if (named.some((p) => p.id === who.id))
      return problem(fields.named, 'The respondent is among the names: remove them.');
    problem(null, '');
    const id = eventId();
    const label = `Wave ${wave}: ${nameOf(who)} names ${named.length === 0 ? 'nobody' : named.map(nameOf).join(', ')}`;
    host.record(
      { id, kind: 'interview', label, names: [who.id, ...named.map((p) => p.id)] },
      {
        entry: id,
        collection: `waves/${encodeURIComponent(wave)}/answers`,
        body: {
          resident: who.id,
          at: new Date(host.header.at).toISOString(),
          named: named.map((p) => p.id),
        },
      },
    );
    named = [];
    draw();
    respondent.set(null);
    respondent.input.focus();
  });
}
