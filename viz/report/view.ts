// The Report view (#view=report): 1. pick baseline, follow-up and community (or every community
// side by side), 2. read the report from the API, 3. show a headline card per outcome, the growth
// charts with both moments marked, wellbeing change by exposure class and the tables (participants
// against others adjusted for the baseline, effect sizes, attrition, mixing and, with a comparison
// community picked, the difference in differences), each with its
// definition one click away and a CSV download, and every definition once at the end. report.css
// styles it on screen; report-print.css and print.ts print it as an A4 document with the programme,
// moments, date and page numbers.
import { ApiError, type PeoplemapApi, type Report, type Timeline } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { card, headlineCards } from './cards.ts';
import { contrastTables } from './contrasts.ts';
import { exposureChart } from './exposure.ts';
import { longDate } from './format.ts';
import { growthCharts } from './growth.ts';
import { definitionsAppendix, printedHeader } from './print.ts';
import {
  instrumentLabel,
  tableHtml,
  tables,
  toCsv,
  wireDefinitions,
  type Table,
} from './sections.ts';
import './report.css';
import './report-print.css';

export interface ReportContext {
  api: PeoplemapApi;
  project: string;
  /** The programme's name, for the title and each printed page's header. */
  projectName: string;
}

const SIDE_BY_SIDE = '*';
const DAY_MS = 86_400_000;

/** A date input's day read as its last instant (UTC), so measures of that day count. */
const endOfDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1).toISOString();
const dateOf = (iso: string) => iso.slice(0, 10);

export async function mountReportView(container: HTMLElement, ctx: ReportContext): Promise<void> {
  container.classList.add('report');
  container.innerHTML = `
    <style class="report-pages"></style>
    <h2 class="report-title">Evaluation report: ${escapeHtml(ctx.projectName)}</h2>
    <form class="report-controls" novalidate>
      <label>Baseline <input type="date" name="baseline" required /></label>
      <label>Follow-up <input type="date" name="followup" required /></label>
      <button type="button" class="waves">First and last waves</button>
      <label>Community <select name="community">
        <option value="">All communities together</option>
        <option value="${SIDE_BY_SIDE}">All communities side by side</option>
      </select></label>
      <label>Compare with <select name="comparison">
        <option value="">No comparison community</option>
      </select></label>
      <button type="submit">Show report</button>
      <button type="button" class="print">Print</button>
    </form>
    <p class="report-status" role="status" aria-live="polite"></p>
    <div class="report-body"></div>`;
  const form = container.querySelector<HTMLFormElement>('form')!;
  const status = container.querySelector<HTMLParagraphElement>('.report-status')!;
  const body = container.querySelector<HTMLDivElement>('.report-body')!;
  const pageStyle = container.querySelector<HTMLStyleElement>('style.report-pages')!;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const say = (message: string, isError = false) => {
    status.textContent = message;
    status.classList.toggle('error', isError);
  };
  const byTable = new Map<string, Table>();
  wireDefinitions(body);
  body.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button.csv');
    const table = button && byTable.get(button.dataset.key!);
    if (table) download(`${ctx.project}-${button.dataset.key}.csv`, toCsv(table));
  });
  container.querySelector('.print')!.addEventListener('click', () => window.print());

  say('Loading the measurement waves…');
  const [{ waves }, { communities }] = await Promise.all([
    ctx.api.waves(ctx.project),
    ctx.api.communities(ctx.project),
  ]);
  const select = field('community') as unknown as HTMLSelectElement;
  const compareWith = field('comparison') as unknown as HTMLSelectElement;
  for (const c of communities) {
    select.add(new Option(c.name, c.id));
    compareWith.add(new Option(c.name, c.id));
  }
  const names = new Map(communities.map((c) => [c.id, c.name]));
  // dates picked from the waves pair each resident's scores of those waves; dates typed by hand
  // pair the scores of the 90 days before each
  let paired: [string, string] | undefined;
  const useWaves = () => {
    if (waves.length < 2) return say('Fewer than two measurement waves: pick the dates.', true);
    field('baseline').value = dateOf(waves[0].last);
    field('followup').value = dateOf(waves.at(-1)!.last);
    paired = [waves[0].wave, waves.at(-1)!.wave];
  };
  for (const name of ['baseline', 'followup'])
    field(name).addEventListener('input', () => (paired = undefined));
  container.querySelector('.waves')!.addEventListener('click', useWaves);

  const show = async () => {
    const [baseline, followup] = [field('baseline').value, field('followup').value];
    if (!baseline || !followup) return say('Pick a baseline and a follow-up date.', true);
    if (followup < baseline) return say('The follow-up must not be before the baseline.', true);
    const [chosen, comparison] = [select.value, compareWith.value || undefined];
    if (comparison && (chosen === '' || chosen === SIDE_BY_SIDE))
      return say('Pick one community under "Community" to compare it with another.', true);
    if (comparison && comparison === chosen)
      return say('Pick a different community under "Compare with" than under "Community".', true);
    const scopes =
      chosen === SIDE_BY_SIDE
        ? communities
        : [
            {
              id: chosen,
              name: communities.find((c) => c.id === chosen)?.name ?? 'All communities',
            },
          ];
    say(
      `Computing the report for ${scopes.length === 1 ? scopes[0].name : `${scopes.length} communities`}…`,
    );
    body.setAttribute('aria-busy', 'true');
    try {
      const reports = await Promise.all(
        scopes.map((s) =>
          ctx.api.report(ctx.project, endOfDay(baseline), endOfDay(followup), {
            community: s.id || undefined,
            comparison,
            waves: paired,
          }),
        ),
      );
      const timelines = await Promise.all(
        scopes.map((s) => ctx.api.timeline(ctx.project, 'week', s.id || undefined)),
      );
      byTable.clear();
      const sections = reports.map((r, i) =>
        section(r, timelines[i], scopes[i].name, scopes[i].id || 'all', byTable, names),
      );
      body.innerHTML =
        `<div class="report-columns" data-count="${scopes.length}">${sections.join('')}</div>` +
        definitionsAppendix(comparison !== undefined);
      printedHeader(pageStyle, {
        programme: ctx.projectName,
        baseline: reports[0].baseline,
        followup: reports[0].followup,
      });
      const pairing = paired
        ? `scores paired by the waves “${paired[0]}” and “${paired[1]}”`
        : 'scores from the 90 days before each date';
      say(
        `Report from ${longDate(reports[0].baseline)} to ${longDate(reports[0].followup)}, ${pairing}.`,
      );
    } catch (error) {
      const detail = error instanceof ApiError ? error.message : String(error);
      say(`The report could not be computed: ${detail}. Check the dates and try again.`, true);
    } finally {
      body.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show();
  });
  useWaves();
  if (field('baseline').value) await show();
  else say('Pick a baseline and a follow-up date, then "Show report".');
}

/** One community's report: cards, growth, exposure and tables. */
function section(
  r: Report,
  timeline: Timeline,
  name: string,
  scope: string,
  byTable: Map<string, Table>,
  names: ReadonlyMap<string, string>,
): string {
  const blocks = [...tables(r), ...contrastTables(r, names)].map((t) => {
    byTable.set(`${scope}-${t.id}`, t);
    return tableHtml(t, scope, r.valueForMoney.currency);
  });
  const moments = { baselineMs: Date.parse(r.baseline), followupMs: Date.parse(r.followup) };
  const heading = `${name}: ${longDate(r.baseline)} to ${longDate(r.followup)}`;
  return (
    `<section class="report-section" aria-label="${escapeHtml(name)}"><h3>${escapeHtml(heading)}</h3>` +
    `<div class="cards">${headlineCards(r).map(card).join('')}</div>` +
    `<h4>Growth of the network</h4><div class="charts growth-charts">${growthCharts(timeline, r, moments)}</div>` +
    `<h4>Wellbeing change by exposure: mean change in score, with 95% intervals</h4><div class="charts exposure-charts">` +
    Object.entries(r.butterfly)
      .map(([instrument, b]) => exposureChart(instrumentLabel(r, instrument), b))
      .join('') +
    `</div><div class="tables">${blocks.join('')}</div></section>`
  );
}

function download(filename: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
