// The Releases view's "Publish a release" form, for a key that may publish (PUBLISH_ROLES): what
// publishing does in plain words, then a name, two dates and the timeline's points; the API checks
// them and each problem it names is shown under that field, in the words on screen.
import { RELEASE_INTERVALS } from '../../server/domain-names.ts';
import { ApiError, type NewRelease, type PeoplemapApi, type Release } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { longDate } from '../report/format.ts';

export interface PublishContext {
  api: PeoplemapApi;
  project: string;
  /** Called with the release just published, to list and open it. */
  published: (release: Release) => void | Promise<void>;
}

type Field = keyof NewRelease;

/** Each field as it is labelled on screen, and what to do when the API refuses it. */
const FIELDS: Record<Field, { label: string; advice: string }> = {
  name: {
    label: 'Name',
    advice: 'write the name partners will see, such as "Year one" (at most 200 characters)',
  },
  baseline: { label: 'Baseline date', advice: 'pick the date the release starts from' },
  followup: {
    label: 'Follow-up date',
    advice: 'pick a date on or after the baseline date',
  },
  interval: {
    label: 'Points on the timeline',
    advice: 'choose quarterly: the dates are too far apart for a point at every month end',
  },
};
const INTERVAL_WORDS: Record<NewRelease['interval'], string> = {
  month: 'Monthly: at the end of every month',
  quarter: 'Quarterly: at the end of every quarter',
};
const isField = (path: string): path is Field => Object.hasOwn(FIELDS, path);

const errorId = (field: Field) => `publish-${field}-error`;

const HTML = `
  <summary>Publish a release</summary>
  <p>Publishing checks every number before any partner can read it: numbers about only a few
  residents are withheld, and so is any number from which one of them could be worked out. The
  release is then frozen: it cannot be changed afterwards, and every partner of this project can
  read it. On a large project the checking can take a minute or two.</p>
  <form novalidate>
    <p class="publish-field">
      <label for="publish-name">${FIELDS.name.label}</label>
      <input id="publish-name" name="name" maxlength="200" required
        aria-describedby="publish-name-hint ${errorId('name')}" />
      <span id="publish-name-hint" class="hint">What partners see it as, such as "Year one".</span>
      <span id="${errorId('name')}" class="form-error"></span>
    </p>
    <p class="publish-field">
      <label for="publish-baseline">${FIELDS.baseline.label}</label>
      <input id="publish-baseline" name="baseline" type="date" required
        aria-describedby="publish-dates-hint ${errorId('baseline')}" />
      <span id="${errorId('baseline')}" class="form-error"></span>
    </p>
    <p class="publish-field">
      <label for="publish-followup">${FIELDS.followup.label}</label>
      <input id="publish-followup" name="followup" type="date" required
        aria-describedby="publish-dates-hint ${errorId('followup')}" />
      <span id="${errorId('followup')}" class="form-error"></span>
    </p>
    <fieldset class="publish-field" aria-describedby="publish-dates-hint ${errorId('interval')}">
      <legend>${FIELDS.interval.label}</legend>
      ${RELEASE_INTERVALS.map(
        (interval, i) =>
          `<label><input type="radio" name="interval" value="${interval}"${i === 0 ? ' checked' : ''} /> ${INTERVAL_WORDS[interval]}</label>`,
      ).join('')}
      <span id="${errorId('interval')}" class="form-error"></span>
    </fieldset>
    <p id="publish-dates-hint" class="hint">Both dates move to the end of their month (or
    quarter), and the timeline has a point at the end of each one between them. A wellbeing score
    counts at a date when it was taken in the 90 days before it.<span class="publish-waves"></span></p>
    <button type="submit">Publish the release</button>
    <p class="publish-status" role="status" aria-live="polite"></p>
  </form>`;

/** Mounts the form (closed unless `open`) into `container`, a `<details>` element. */
export function mountPublishForm(container: HTMLDetailsElement, ctx: PublishContext): void {
  container.innerHTML = HTML;
  const form = container.querySelector('form')!;
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const status = form.querySelector<HTMLParagraphElement>('.publish-status')!;
  const input = (name: Field) => form.querySelector<HTMLInputElement>(`[name=${name}]`)!;
  const say = (message: string, isError = false) => {
    status.textContent = message;
    status.classList.toggle('error', isError);
  };

  const clearProblems = () => {
    for (const field of Object.keys(FIELDS) as Field[]) {
      form.querySelector(`#${errorId(field)}`)!.textContent = '';
      const marked = field === 'interval' ? form.querySelector('fieldset')! : input(field);
      marked.removeAttribute('aria-invalid');
    }
  };
  /** Marks each field the API named, says what to do, and puts the cursor in the first. */
  const showProblems = (fields: Field[]) => {
    for (const field of fields) {
      const { label, advice } = FIELDS[field];
      form.querySelector(`#${errorId(field)}`)!.textContent = `${label}: ${advice}.`;
      const marked = field === 'interval' ? form.querySelector('fieldset')! : input(field);
      marked.setAttribute('aria-invalid', 'true');
    }
    const words = fields.map((f) => `${FIELDS[f].label}: ${FIELDS[f].advice}`).join('; ');
    say(`Nothing was published. ${words}.`, true);
    const first =
      fields[0] === 'interval' ? form.querySelector<HTMLInputElement>('fieldset input') : null;
    (first ?? input(fields[0])).focus();
  };

  const asked = (): NewRelease => {
    const date = (name: 'baseline' | 'followup') =>
      input(name).value ? `${input(name).value}T00:00:00Z` : '';
    const interval = form.querySelector<HTMLInputElement>('[name=interval]:checked')!.value;
    return {
      name: input('name').value.trim(),
      baseline: date('baseline'),
      followup: date('followup'),
      interval: interval as NewRelease['interval'],
    };
  };

  void showWaves(ctx, form.querySelector('.publish-waves')!);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (button.disabled) return;
    void publish(asked());
  });

  const publish = async (body: NewRelease) => {
    clearProblems();
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    say('Publishing: checking every number…');
    let refused: unknown = null;
    let release: Release | null = null;
    try {
      release = await ctx.api.publishRelease(ctx.project, body);
    } catch (error) {
      refused = error;
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
    if (release) {
      form.reset();
      say('');
      container.open = false;
      return ctx.published(release);
    }
    const named =
      refused instanceof ApiError
        ? [...new Set(refused.details.map((d) => d.path).filter(isField))]
        : [];
    if (named.length > 0) return showProblems(named);
    const detail = refused instanceof Error ? refused.message : String(refused);
    say(`Nothing was published: ${detail}. Check the form and choose "Publish the release".`, true);
    button.focus();
  };
}

/** Names the project's measurement waves and their dates beside the dates, to pick them from. */
async function showWaves(ctx: PublishContext, line: HTMLElement): Promise<void> {
  const { waves } = await ctx.api.waves(ctx.project).catch(() => ({ waves: [] }));
  if (waves.length === 0) return;
  const each = waves.map(
    (w) => `“${escapeHtml(w.wave)}” from ${longDate(w.first)} to ${longDate(w.last)}`,
  );
  line.innerHTML = ` This project's measurement waves: ${each.join('; ')}.`;
}
