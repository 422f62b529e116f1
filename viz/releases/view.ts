// The Releases view (#view=releases): what a partner reads. 1. list the project's releases,
// 2. open one (a button per release), 3. pick every community or one, 4. read its tables in plain
// words, each withheld number written "withheld", with what was withheld and why said once.
import {
  ApiError,
  ownEntry,
  type PeoplemapApi,
  type Release,
  type ReleasedNumber,
} from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { longDate as long } from '../report/format.ts';
import { mountPublishForm } from './publish-form.ts';
import '../report/report.css';
import '../report/report-print.css';
import './releases.css';

export interface ReleaseContext {
  api: PeoplemapApi;
  project: string;
  /** The key's role may publish (PUBLISH_ROLES): the view offers the form. */
  mayPublish: boolean;
}

type Scope = Release['scopes'][number];
type Number = ReleasedNumber | null | undefined;
/** A row's label, then its cells already in words (see `shown`). */
type Row = [label: string, ...cells: string[]];

/** Shares shown as percentages; every other number as published (already rounded). */
const PERCENT = new Set([
  'density',
  'largestComponentShare',
  'bridgingShare',
  'shareWithinOne',
  'shareWithinTwo',
  'inGroupShare',
  'share',
  'shareIncreased',
  'shareDecreased',
  'retention',
  'membershipRetention',
]);

/** A released number in words: its value, "withheld", or "none" when there is no value. */
function shown(cell: Number, field = ''): string {
  if (!cell) return 'none';
  if (cell.suppressed) return '<span class="withheld">withheld</span>';
  if (cell.value === null) return 'none';
  return PERCENT.has(field) ? `${Math.round(cell.value * 100)}%` : String(cell.value);
}

const all = (cells: Number[], field = '') => cells.map((c) => shown(c, field));

function table(caption: string, head: string[], rows: Row[]): string {
  const header = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`);
  const body = rows.map(
    ([label, ...cells]) =>
      `<tr><th scope="row">${escapeHtml(label)}</th>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`,
  );
  return (
    `<div class="table-block"><table><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr>${header.join('')}</tr></thead><tbody>${body.join('')}</tbody></table></div>`
  );
}

const NETWORK: [field: keyof Scope['report']['graph'], label: string][] = [
  ['nodeCount', 'Residents in the network'],
  ['edgeCount', 'Ties between them'],
  ['averageDegree', 'Ties per resident, on average'],
  ['isolates', 'Residents with no tie'],
  ['components', 'Separate clusters'],
  ['largestComponentShare', 'Residents in the largest cluster'],
  ['density', 'Density: ties out of all possible ties'],
  ['averageClustering', 'Clustering (0 to 1)'],
];

function scopeHtml(scope: Scope, release: Release): string {
  const { report, timeline } = scope;
  const moments = ['At the baseline', 'At the follow-up', 'Change'];
  const parts = [
    table(
      'The network',
      ['', ...moments],
      NETWORK.map(([field, label]) => {
        const m = report.graph[field];
        return [label, ...all([m.baseline, m.followup, m.delta], field)];
      }),
    ),
  ];
  for (const [instrument, at] of Object.entries(report.wellbeing.followup)) {
    const before = ownEntry(report.wellbeing.baseline, instrument);
    parts.push(
      table(
        `Wellbeing: mean ${instrument} score`,
        [
          '',
          'Residents (baseline)',
          'Mean (baseline)',
          'Residents (follow-up)',
          'Mean (follow-up)',
        ],
        (['participants', 'others'] as const).map((c) => [
          c === 'participants' ? 'Participants' : 'Everyone else',
          ...all([before?.[c].n, before?.[c].mean, at[c].n, at[c].mean]),
        ]),
      ),
    );
  }
  const wp = report.connections.withinPerson;
  parts.push(
    table(
      'Connections built: change in ties of the residents there at the baseline',
      ['', 'Residents', 'Mean change', '95% interval from', 'to'],
      (
        [
          ['Everyone', wp.all],
          ['Participants', wp.participants],
          ['Everyone else', wp.nonParticipants],
        ] as const
      ).map(([label, c]) => [label, ...all([c.n, c.meanChange, c.ci95?.low, c.ci95?.high])]),
    ),
  );
  for (const [instrument, b] of Object.entries(report.butterfly)) {
    parts.push(
      table(
        `Change in ${instrument} by distance to a participant`,
        ['', 'Residents', 'Mean change', '95% interval from', 'to'],
        (
          [
            ['Participants', b.participants],
            ['One step from a participant', b.direct],
            ['Two steps away', b.indirect],
            ['Further or not reached', b.unreached],
          ] as const
        ).map(([label, c]) => [label, ...all([c.n, c.meanChange, c.ci95?.low, c.ci95?.high])]),
      ),
    );
  }
  const inv = report.involvement;
  parts.push(
    table(
      'Involvement in groups and activities',
      ['', 'At the baseline', 'At the follow-up'],
      [
        ['Residents in at least one group', ...all([inv.baseline.inGroup, inv.followup.inGroup])],
        [
          'Share of residents in a group',
          ...all([inv.baseline.inGroupShare, inv.followup.inGroupShare], 'inGroupShare'),
        ],
        [
          'Active in the last 90 days',
          ...all([inv.baseline.activeAttendees, inv.followup.activeAttendees]),
        ],
      ],
    ),
  );
  const s = report.sustainability;
  parts.push(
    table(
      'What lasted until the follow-up',
      ['', 'Number'],
      [
        ['New ties formed after the baseline', shown(s.newPairs)],
        ['Of them, still there at the follow-up', shown(s.retainedPairs)],
        ['Of those, named again at a later wave', shown(s.confirmedPairs)],
        ['Group memberships started', shown(s.membershipsStarted)],
        ['Of them, still held', shown(s.membershipsRetained)],
        ['Groups active in the 90 days before the baseline', shown(s.activeGroups.baseline)],
        ['Groups active in the 90 days before the follow-up', shown(s.activeGroups.followup)],
      ],
    ),
  );
  const interval = release.interval === 'quarter' ? 'quarter' : 'month';
  parts.push(
    table(
      `The network at the end of each ${interval}`,
      ['', 'Residents', 'Ties', 'Residents with no tie', 'Density'],
      timeline.map((p) => [
        long(p.at),
        ...all([p.nodeCount, p.edgeCount, p.isolates]),
        shown(p.density, 'density'),
      ]),
    ),
  );
  return parts.join('');
}

function releaseHtml(release: Release, chosen: number): string {
  const w = release.disclosure.withheld;
  const withheld = w.primary + w.secondary + w.differencing + w.unclassified;
  const options = release.scopes
    .map(
      (s, i) =>
        `<option value="${i}"${i === chosen ? ' selected' : ''}>${escapeHtml(s.name)}</option>`,
    )
    .join('');
  return (
    `<h3 tabindex="-1">${escapeHtml(release.name)}</h3>` +
    `<p>From ${long(release.baseline)} to ${long(release.followup)}; published ${long(release.publishedAt)}.</p>` +
    `<p class="note">Numbers resting on fewer than ${release.disclosure.minCount} residents, or that ` +
    `would reveal such a number from others, are withheld: ${withheld} here. Means are rounded to ` +
    `one decimal place and shares to whole percent. "None" means there is no number (for example a ` +
    `mean of no one).</p>` +
    `<label class="release-scope">Community <select name="scope">${options}</select></label>` +
    `<section class="release-tables" aria-label="${escapeHtml(release.scopes[chosen].name)}">` +
    scopeHtml(release.scopes[chosen], release) +
    `</section>`
  );
}

export async function mountReleaseView(container: HTMLElement, ctx: ReleaseContext): Promise<void> {
  container.classList.add('report');
  container.innerHTML = `
    <h2 class="report-title">Releases</h2>
    <p>Checked numbers about this project, published by its evaluators for partners.</p>
    ${ctx.mayPublish ? '<details class="release-publish"></details>' : ''}
    <ul class="release-list"></ul>
    <p class="report-status" role="status" aria-live="polite"></p>
    <div class="release-body"></div>`;
  const list = container.querySelector<HTMLUListElement>('.release-list')!;
  const status = container.querySelector<HTMLParagraphElement>('.report-status')!;
  const body = container.querySelector<HTMLDivElement>('.release-body')!;
  const publishing = container.querySelector<HTMLDetailsElement>('.release-publish');
  const say = (message: string, isError = false) => {
    status.textContent = message;
    status.classList.toggle('error', isError);
  };
  let open: Release | null = null;

  const opened = (release: Release) => {
    open = release;
    for (const button of list.querySelectorAll('button'))
      button.setAttribute('aria-pressed', String(button.dataset.id === release.id));
    body.innerHTML = releaseHtml(release, 0);
  };
  const show = async (id: string) => {
    say('Opening the release…');
    try {
      opened(await ctx.api.release(ctx.project, id));
      say(`Showing "${open!.name}".`);
    } catch (error) {
      const detail = error instanceof ApiError ? error.message : String(error);
      say(`The release could not be opened: ${detail}. Choose it again to retry.`, true);
    }
  };
  list.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button');
    if (button?.dataset.id) void show(button.dataset.id);
  });
  body.addEventListener('change', (event) => {
    const select = event.target as HTMLSelectElement;
    if (select.name !== 'scope' || !open) return;
    body.innerHTML = releaseHtml(open, Number(select.value));
    body.querySelector<HTMLSelectElement>('select[name=scope]')!.focus();
  });

  /** Lists the releases, newest first; answers how many there are. */
  const listReleases = async (): Promise<number> => {
    const { releases } = await ctx.api.releases(ctx.project);
    list.innerHTML = [...releases]
      .reverse()
      .map(
        (r) =>
          `<li><button type="button" data-id="${escapeHtml(r.id)}" aria-pressed="false">` +
          `${escapeHtml(r.name)}: ${long(r.baseline)} to ${long(r.followup)}</button></li>`,
      )
      .join('');
    return releases.length;
  };

  if (publishing)
    mountPublishForm(publishing, {
      api: ctx.api,
      project: ctx.project,
      published: async (release) => {
        await listReleases().catch(() => 0);
        opened(release);
        body.querySelector<HTMLElement>('h3')!.focus();
        say(`Published "${release.name}": every partner of this project can now read it.`);
      },
    });

  say('Loading the releases…');
  const count = await listReleases();
  if (count > 0) return say(`${count} release${count === 1 ? '' : 's'}. Choose one to read it.`);
  if (!publishing)
    return say(
      "No release of this project has been published yet. Ask the project's evaluator to publish one.",
    );
  publishing.open = true;
  say(
    'No release of this project has been published yet. Publish the first one with "Publish a release" above.',
  );
}
