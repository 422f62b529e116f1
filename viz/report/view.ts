// The Report view (#view=report): 1. pick baseline, follow-up and community (or every community
// side by side), 2. read the report from the API, 3. show a headline card per outcome, the growth
// curves with both moments marked, wellbeing change by exposure class and the tables, each with its
// definition one click away and a CSV download. report.css prints it as an A4 document.
import { ApiError, type PeoplemapApi, type Report } from '../shared/api.ts';
import { TimelineCharts } from '../shared/charts.ts';
import { escapeHtml } from '../shared/html.ts';
import { headlineCards } from './cards.ts';
import {
  exposureChart,
  instrumentLabel,
  tableHtml,
  tables,
  toCsv,
  wireDefinitions,
  type Table,
} from './sections.ts';
import './report.css';

export interface ReportContext {
  api: PeoplemapApi;
  project: string;
}

const SIDE_BY_SIDE = '*';
const DAY_MS = 86_400_000;

/** A date input's day read as its last instant (UTC), so measures of that day count. */
const endOfDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1).toISOString();
const dateOf = (iso: string) => iso.slice(0, 10);
const long = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export async function mountReportView(container: HTMLElement, ctx: ReportContext): Promise<void> {
  container.classList.add('report');
  container.innerHTML = `
    <h2 class="report-title">Evaluation report</h2>
    <form class="report-controls" novalidate>
      <label>Baseline <input type="date" name="baseline" required /></label>
      <label>Follow-up <input type="date" name="followup" required /></label>
      <button type="button" class="waves">First and last waves</button>
      <label>Community <select name="community">
        <option value="">All communities together</option>
        <option value="${SIDE_BY_SIDE}">All communities side by side</option>
      </select></label>
      <button type="submit">Show report</button>
      <button type="button" class="print">Print</button>
    </form>
    <p class="report-status" role="status" aria-live="polite"></p>
    <div class="report-body"></div>`;
  const form = container.querySelector<HTMLFormElement>('form')!;
  const status = container.querySelector<HTMLParagraphElement>('.report-status')!;
  const body = container.querySelector<HTMLDivElement>('.report-body')!;
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
  for (const c of communities) select.add(new Option(c.name, c.id));
  const useWaves = () => {
    if (waves.length < 2) return say('Fewer than two measurement waves: pick the dates.', true);
    field('baseline').value = dateOf(waves[0].last);
    field('followup').value = dateOf(waves.at(-1)!.last);
  };
  container.querySelector('.waves')!.addEventListener('click', useWaves);

  const show = async () => {
    const [baseline, followup] = [field('baseline').value, field('followup').value];
    if (!baseline || !followup) return say('Pick a baseline and a follow-up date.', true);
    if (followup < baseline) return say('The follow-up must not be before the baseline.', true);
    const chosen = select.value;
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
          ctx.api.report(ctx.project, endOfDay(baseline), endOfDay(followup), s.id || undefined),
        ),
      );
      const timelines = await Promise.all(
        scopes.map((s) => ctx.api.timeline(ctx.project, 'week', s.id || undefined)),
      );
      byTable.clear();
      body.innerHTML = `<div class="report-columns" data-count="${scopes.length}">${reports
        .map((r, i) => section(r, scopes[i].name, scopes[i].id || 'all', byTable))
        .join('')}</div>`;
      reports.forEach((r, i) => {
        const curves = body.querySelectorAll<HTMLElement>('.curves')[i];
        const points = timelines[i].points;
        if (points.length === 0) return;
        const charts = new TimelineCharts(
          curves,
          timelines[i],
          Date.parse(points[0].at),
          Date.parse(points.at(-1)!.at),
        );
        charts.mark(Date.parse(r.baseline), 'baseline');
        charts.mark(Date.parse(r.followup), 'follow-up');
      });
      say(`Report from ${long(reports[0].baseline)} to ${long(reports[0].followup)}.`);
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

/** One community's report: cards, curves, the exposure chart and the tables. */
function section(r: Report, name: string, scope: string, byTable: Map<string, Table>): string {
  const blocks = tables(r).map((t) => {
    byTable.set(`${scope}-${t.id}`, t);
    return tableHtml(t, scope);
  });
  const heading = `${name}: ${long(r.baseline)} to ${long(r.followup)}`;
  return (
    `<section class="report-section" aria-label="${escapeHtml(name)}"><h3>${escapeHtml(heading)}</h3>` +
    headlineCards(r) +
    `<h4>Growth of the network</h4><p class="note">Dashed lines mark the baseline and the follow-up.</p>` +
    `<div class="curves charts"></div>` +
    `<h4>Wellbeing change by exposure</h4>` +
    Object.entries(r.butterfly)
      .map(([instrument, b]) => exposureChart(instrumentLabel(r, instrument), b))
      .join('') +
    blocks.join('') +
    `</section>`
  );
}

function download(filename: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
