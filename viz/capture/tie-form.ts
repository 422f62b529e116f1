// The "Record ties" form: From and To pickers (picking From moves on to To), Kind and Strength back
// to knows and 1 after each tie unless "Keep kind and strength" is ticked, a kind the project does
// not use yet and a tie that already exists, in either direction, each said before it is stored.
import { Spellings } from '../../server/import/spellings.ts';
import { ResidentPicker, type Person } from '../common/combobox.ts';
import { clear, fields, formById, problem, recordEvent, type CaptureHost } from './form-kit.ts';
import type { KnownTie } from './known-ties.ts';

const DEFAULT_KIND = 'knows';
const DEFAULT_STRENGTH = '1';

const nameOf = (p: Person) => p.name ?? p.id;

export function wireTieForm(host: CaptureHost): { from: ResidentPicker } {
  const form = formById('tie-form');
  const f = fields(form);
  const notice = form.querySelector<HTMLElement>('.tie-notice')!;
  const people = () => host.people();
  /** The pair the coordinator was told is already tied and may now record again. */
  let confirmed: string | null = null;
  /** The new kind the coordinator was asked about and may now record. */
  let newKind: string | null = null;
  const kinds = form.querySelector<HTMLDataListElement>('#tie-kinds')!;
  f.kind.addEventListener('focus', () =>
    kinds.replaceChildren(...host.tieKinds().map((k) => new Option(k, k))),
  );
  f.kind.addEventListener('input', () => (newKind = null));

  /** The kind typed, spelled as the project already spells it; null once asked about a new one. */
  function kindOf(): string | null {
    const typed = f.kind.value.trim().replace(/\s+/g, ' ');
    if (!typed) {
      problem(form, f.kind, 'Type the kind of tie in Kind, for example knows.');
      return null;
    }
    const usual = host.tieKinds();
    const known = new Spellings(usual).known(typed);
    if (known !== undefined || newKind === typed) return known ?? typed;
    newKind = typed;
    problem(
      form,
      f.kind,
      `"${typed}" is not a kind of tie this project uses yet (it uses ${usual.join(', ')}). ` +
        'Press Add tie again to record it as a new kind, or change Kind to one of those.',
    );
    return null;
  }
  const to = new ResidentPicker(f.to, people, () => announce());
  const from = new ResidentPicker(f.from, people, () => {
    to.input.focus();
    announce();
  });

  /** Who already named whom, in words: "Bilal named Amara (knows, 1)". */
  function described(tie: KnownTie): string {
    const name = (id: string) => nameOf(people().find((p) => p.id === id) ?? { id, name: null });
    return `${name(tie.from)} named ${name(tie.to)} (${tie.kind}, ${tie.strength})`;
  }

  function existing(): { a: Person; b: Person; tie: KnownTie } | null {
    const a = from.value;
    const b = to.value;
    if (!a || !b || a.id === b.id) return null;
    const tie = host.existingTie(a.id, b.id);
    return tie ? { a, b, tie } : null;
  }

  /** Says at once, while To is picked, that the two are already tied. */
  function announce(): void {
    const found = existing();
    notice.textContent = found
      ? `${nameOf(found.a)} and ${nameOf(found.b)} are already tied: ${described(found.tie)}.`
      : '';
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const a = from.value;
    const b = to.value;
    if (!a)
      return problem(
        form,
        f.from,
        'Pick who named the tie in From: type a name, then choose with the arrow keys and Enter.',
      );
    if (!b)
      return problem(
        form,
        f.to,
        'Pick who they named in To: type a name, then choose with the arrow keys and Enter.',
      );
    if (a.id === b.id) return problem(form, f.to, 'From and To must be two different residents.');
    const found = existing();
    const pair = [a.id, b.id].sort().join('\u0000');
    if (found && confirmed !== pair) {
      confirmed = pair;
      return problem(
        form,
        null,
        `${nameOf(a)} and ${nameOf(b)} are already tied: ${described(found.tie)}. ` +
          'Press Add tie again to record it again (its kind and strength become the new ones), or pick someone else in To.',
      );
    }
    const kind = kindOf();
    if (kind === null) return;
    confirmed = null;
    newKind = null;
    const strength = Number(f.strength.value);
    recordEvent(
      host,
      form,
      {
        kind: 'connection',
        label: `Tie: ${nameOf(a)} – ${nameOf(b)} (${kind}, ${strength})`,
        names: [a.id, b.id],
        tie: { kind, strength },
      },
      { type: 'connection', from: a.id, to: b.id, kind, strength, source: host.header.source },
    );
    if (!f.keep.checked) {
      f.kind.value = DEFAULT_KIND;
      f.strength.value = DEFAULT_STRENGTH;
    }
    notice.textContent = '';
    to.set(null);
    to.input.focus();
  });
  f.to.addEventListener('input', () => {
    confirmed = null;
    notice.textContent = '';
    clear(form);
  });
  return { from };
}
