// The Capture forms for what ends or changes (docs/time-rule.md): a tie that ended, a resident who
// moved away or came back, and a resident's participation in the programme, each stamped with the
// session's moment like every other entry.
import { ResidentPicker, type Person } from '../common/combobox.ts';
import { problem, recordEvent, type CaptureHost } from './form-kit.ts';
import { instantOf } from './time.ts';
import { WAVE_HTML } from './wave-form.ts';

export const CHANGE_HTML = `${WAVE_HTML}
    <section aria-labelledby="untie-heading">
      <h2 id="untie-heading">End tie</h2>
      <form id="untie-form" class="row" aria-labelledby="untie-heading" novalidate>
        <div class="picker"><label for="untie-from">Between</label><input id="untie-from" name="from" placeholder="name or id" /></div>
        <div class="picker"><label for="untie-to">And</label><input id="untie-to" name="to" placeholder="name or id" /></div>
        <button type="submit" class="write">End tie</button>
        <p class="form-error" role="alert"></p>
      </form>
    </section>
    <section aria-labelledby="moves-heading">
      <h2 id="moves-heading">Leaving and returning</h2>
      <form id="moves-form" class="row" aria-labelledby="moves-heading" novalidate>
        <div class="picker"><label for="moves-resident">Resident</label><input id="moves-resident" name="resident" placeholder="name or id" /></div>
        <button type="submit" class="write" value="leave">Record leaving the area</button>
        <button type="submit" class="write" value="return">Record return</button>
        <p class="form-error" role="alert"></p>
      </form>
    </section>
    <section aria-labelledby="participation-heading">
      <h2 id="participation-heading">Participation</h2>
      <form id="participation-form" class="row" aria-labelledby="participation-heading" novalidate>
        <div class="picker"><label for="participation-resident">Resident</label><input id="participation-resident" name="resident" placeholder="name or id" /></div>
        <label>Until <input name="until" type="date" aria-describedby="participation-note" /></label>
        <button type="submit" class="write">Record participation</button>
        <p id="participation-note" class="muted">From the session's date; leave Until empty while they still take part.</p>
        <p class="form-error" role="alert"></p>
      </form>
    </section>`;

/** What the forms need beyond every form's host: the project's time zone, for Until. */
export interface ChangeHost extends CaptureHost {
  readonly timeZone: string;
}

type Fields = HTMLFormControlsCollection & Record<string, HTMLInputElement>;

const PICK = 'type a name, then choose with the arrow keys and Enter.';
const nameOf = (p: Person) => p.name ?? p.id;

export function wireChangeForms(host: ChangeHost): void {
  const form = (id: string) => document.getElementById(id) as HTMLFormElement;
  const fields = (f: HTMLFormElement) => f.elements as Fields;
  const people = () => host.people();
  const untieForm = form('untie-form');
  const movesForm = form('moves-form');
  const participationForm = form('participation-form');
  const between = new ResidentPicker(fields(untieForm).from, people);
  const and = new ResidentPicker(fields(untieForm).to, people);
  const mover = new ResidentPicker(fields(movesForm).resident, people);
  const participant = new ResidentPicker(fields(participationForm).resident, people);

  untieForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(untieForm);
    const a = between.value;
    const b = and.value;
    if (!a) return problem(untieForm, f.from, `Pick one of the two in Between: ${PICK}`);
    if (!b) return problem(untieForm, f.to, `Pick the other in And: ${PICK}`);
    if (a.id === b.id) return problem(untieForm, f.to, 'Between and And must be two residents.');
    recordEvent(
      host,
      untieForm,
      {
        kind: 'disconnection',
        label: `Tie ended: ${nameOf(a)} – ${nameOf(b)}`,
        names: [a.id, b.id],
      },
      { type: 'disconnection', from: a.id, to: b.id },
    );
    and.set(null);
    and.input.focus();
  });

  movesForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const type =
      (e as SubmitEvent).submitter?.getAttribute('value') === 'return' ? 'return' : 'leave';
    const person = mover.value;
    if (!person)
      return problem(movesForm, fields(movesForm).resident, `Pick the resident: ${PICK}`);
    const label = `${nameOf(person)} ${type === 'leave' ? 'left the area' : 'came back'}`;
    recordEvent(
      host,
      movesForm,
      { kind: type, label, names: [person.id] },
      { type, resident: person.id },
    );
    mover.set(null);
    mover.input.focus();
  });

  participationForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = fields(participationForm);
    const person = participant.value;
    if (!person) return problem(participationForm, f.resident, `Pick the resident: ${PICK}`);
    let until: string | undefined;
    if (f.until.value !== '') {
      const untilMs = instantOf(`${f.until.value}T00:00`, host.timeZone);
      if (!(untilMs > host.header.at))
        return problem(participationForm, f.until, 'Until must be a day after the session.');
      until = new Date(untilMs).toISOString();
    }
    const label = `Participation: ${nameOf(person)} from this session${until ? ` until ${f.until.value}` : ''}`;
    recordEvent(
      host,
      participationForm,
      { kind: 'participation', label, names: [person.id] },
      { type: 'participation', resident: person.id, ...(until ? { until } : {}) },
    );
    f.until.value = '';
    participant.set(null);
    participant.input.focus();
  });
}
