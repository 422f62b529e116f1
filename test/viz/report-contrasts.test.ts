// The Report view's contrasts in a real headless Chromium against the real API: participants
// against other residents adjusted for the baseline, effect sizes, Holm's p, attrition per class,
// mixing against random mixing and a comparison community picked by keyboard, each number as the
// API's JSON gives it (those numbers are pinned to statsmodels and SciPy in
// test/metrics/reference/comparison-statsmodels.py); a sample whose changes do not vary says so
// instead of printing an interval of no width; axe finds no WCAG 2.1 AA violation.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { axeViolations } from '../helpers/axe.ts';
import { joinedEarly, loadDemo, projectWith, startTestServer } from '../helpers/server.ts';
import { measure, participation, tie } from '../helpers/events.ts';
import type { Report, Waves } from '../../viz/common/api.ts';

const PROJECT = 'contrasts-demo';

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;
let flatProject: string;
let report: Report;
let query: string;
let communities: { id: string; name: string }[];

async function get<T>(path: string, project = PROJECT): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1/projects/${project}${path}`, {
    headers: { Authorization: `Bearer ${adminKey}` },
  });
  return (await response.json()) as T;
}

/** How a reader sees numbers, written independently of the view's own formatters. */
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
const plain = (v: number) => (v < 0 ? '−' : '') + Math.abs(v).toFixed(2);
const pText = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const endOfDay = (iso: string) => `${iso.slice(0, 10)}T23:59:59.999Z`;

/** A table's body rows as text: the row's name, then each cell. */
const rows = (id: string) =>
  page
    .locator(`#${id} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!.trim())));

/** Opens the Report view of `project` in a page of its own (a new hash alone reloads nothing). */
async function openReport(project: string): Promise<void> {
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/#project=${project}&key=${encodeURIComponent(adminKey)}&view=report`);
  await page.waitForSelector('.report .card', { timeout: 120_000 });
}

t.before(async () => {
  const server = await startTestServer();
  ({ baseUrl, adminKey, close } = server);
  await loadDemo(baseUrl, adminKey, PROJECT);
  const { waves } = await get<Waves>('/report/waves');
  query =
    `baseline=${endOfDay(waves[0].last)}&followup=${endOfDay(waves.at(-1)!.last)}` +
    `&baselineWave=${waves[0].wave}&followupWave=${waves.at(-1)!.wave}`;
  report = await get<Report>(`/report?${query}`);
  ({ communities } = await get<{ communities: { id: string; name: string }[] }>('/communities'));
  // three participants each gain exactly 2 points: their changes do not vary
  const at = { w1: '2025-03-01T10:00:00Z', w2: '2025-06-01T10:00:00Z' };
  const scores: [string, number, number][] = [
    ['a', 40, 42],
    ['b', 45, 47],
    ['c', 50, 52],
    ['d', 40, 41],
    ['e', 44, 43],
    ['f', 50, 52],
  ];
  ({ p: flatProject } = await projectWith(server.app, 'flat', {
    residents: joinedEarly('a', 'b', 'c', 'd', 'e', 'f'),
    events: [
      ...['a', 'b', 'c'].map((r) => participation(`p-${r}`, r, '2025-01-15T00:00:00Z')),
      tie('t-ad', 'a', 'd', '2025-02-01T00:00:00Z'),
      tie('t-be', 'b', 'e', '2025-04-01T00:00:00Z'),
      ...scores.flatMap(([r, before, after]) => [
        measure(`m1-${r}`, r, at.w1, before, { wave: 'spring' }),
        measure(`m2-${r}`, r, at.w2, after, { wave: 'summer' }),
      ]),
    ],
  }));
  browser = await launchChromium();
  await openReport(PROJECT);
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test(
  'the adjusted difference shows as the API gives it, on its card and in its table',
  async (t) => {
    const a = report.connections.withinPerson.adjusted;
    t.ok(a.n > 0 && a.estimate !== null, 'the demo has an adjusted difference');
    t.match(
      await page.locator('.card', { hasText: 'Connections built' }).innerText(),
      `${signed(a.estimate!)} ties (95% CI ${signed(a.ci95!.low)} to ${signed(a.ci95!.high)}; n = ${a.n})`,
    );
    const table = await rows('all-adjusted');
    t.same(table[0], [
      'Connections (ties)',
      String(a.n),
      signed(a.estimate!),
      signed(a.ci95!.low),
      signed(a.ci95!.high),
      pText(a.p),
      '—',
    ]);
    const ids = Object.keys(report.butterfly);
    t.equal(table.length, 1 + ids.length, 'a row per instrument');
    ids.forEach((id, i) => {
      const b = report.butterfly[id].adjusted;
      const row = table[i + 1];
      t.match(row[0], report.instruments[id].name);
      t.match(row[0], i === 0 ? /, headline$/ : /, exploratory$/, 'the primary first');
      t.same(row.slice(1, 6), [
        String(b.n),
        signed(b.estimate!),
        signed(b.ci95!.low),
        signed(b.ci95!.high),
        pText(b.p),
      ]);
      t.equal(row[6], pText(b.pHolm), 'Holm only for the exploratory ones');
    });
    t.equal(report.butterfly[ids[0]].role, 'primary');
    t.equal(report.butterfly[ids[0]].adjusted.pHolm, null, 'the headline is not Holm-adjusted');
  },
);

t.test("effect sizes show dz and Hedges' g with their intervals", async (t) => {
  const table = await rows('all-effect-sizes');
  const w = report.butterfly.WEMWBS;
  const [participants, spread] = table.filter((r) =>
    r[0].startsWith('Warwick-Edinburgh Mental Wellbeing Scale'),
  );
  t.same(participants.slice(1), [
    String(w.participants.n),
    plain(w.participants.dz!.value!),
    signed(w.participants.dz!.ci95!.low),
    signed(w.participants.dz!.ci95!.high),
    pct(w.participants.shareImproved!),
  ]);
  t.match(spread[0], /direct contacts − not reached$/);
  t.same(spread.slice(1, 5), [
    String(w.directVsUnreached.n),
    plain(w.directVsUnreached.hedgesG!.value!),
    signed(w.directVsUnreached.hedgesG!.ci95!.low),
    signed(w.directVsUnreached.hedgesG!.ci95!.high),
  ]);
});

t.test('attrition gives, per class, who has both scores, one or neither', async (t) => {
  const table = await rows('all-attrition');
  const w = report.butterfly.WEMWBS.attrition;
  const wemwbs = table.filter((r) => r[0].startsWith('Warwick-Edinburgh'));
  t.same(
    wemwbs.map((r) => r[0].replace(/^.*: /, '')),
    ['Participants', 'Direct contacts', 'Indirect contacts', 'Not reached'],
  );
  (['participants', 'direct', 'indirect', 'unreached'] as const).forEach((k, i) => {
    const a = w[k];
    t.same(wemwbs[i].slice(1).map(Number), [
      a.n,
      a.both,
      a.baselineOnly,
      a.followupOnly,
      a.neither,
    ]);
    t.equal(a.both + a.baselineOnly + a.followupOnly + a.neither, a.n, `${k}: the four add up`);
  });
});

t.test('mixing names each community and sets its E-I index against random mixing', async (t) => {
  const table = await rows('all-mixing');
  t.same(table.map((r) => r[0]).sort(), communities.map((c) => c.name).sort());
  for (const c of communities) {
    const m = report.mixing.followup[c.id];
    const row = table.find((r) => r[0] === c.name)!;
    t.same(row.slice(1), [
      String(m.internal),
      String(m.external),
      signed(report.mixing.baseline[c.id].ei!),
      signed(m.ei!),
      signed(m.eiExpected!),
      pText(m.p),
      pct(m.bridging!),
      pct(m.bridgingExpected!),
    ]);
  }
});

t.test(
  "each wave's response rate and its ties ended or unknown show as the API gives them",
  async (t) => {
    const waves = report.nameQuestion.waves;
    t.ok(waves.length >= 1, `the demo interviews at ${waves.length} waves before the follow-up`);
    const count = (v: number) => v.toLocaleString('en-GB');
    t.same(
      (await rows('all-name-question')).map((r) => r.slice(1)),
      waves.map((w) => [
        count(w.eligible),
        count(w.asked),
        pct(w.responseRate!),
        count(w.tiesBefore),
        count(w.stillNamed),
        count(w.ended),
        count(w.unknown),
      ]),
    );
    for (const w of waves)
      t.equal(w.stillNamed + w.ended + w.unknown, w.tiesBefore, `${w.wave}: the three add up`);
  },
);

t.test(
  'a comparison community picked by keyboard gives the difference in differences',
  async (t) => {
    const [treated, other] = [
      communities.find((c) => c.name === 'Riverside')!,
      communities.find((c) => c.name !== 'Riverside')!,
    ];
    const community = page.locator('#report-view select[name=community]');
    await community.selectOption(treated.id);
    await community.focus();
    await page.keyboard.press('Tab');
    t.equal(
      await page.evaluate(() => (document.activeElement as HTMLSelectElement).name),
      'comparison',
      '"Compare with" follows "Community" in the tab order',
    );
    await page.locator('#report-view select[name=comparison]').selectOption(other.id);
    await page.getByRole('button', { name: 'Show report' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#${treated.id}-comparison`, { timeout: 120_000 });
    const compared = await get<Report>(
      `/report?${query}&community=${treated.id}&comparison=${other.id}`,
    );
    const c = compared.comparison!;
    t.equal(c.community, other.id);
    t.equal(
      await page.locator(`#${treated.id}-comparison caption`).textContent(),
      `${treated.name} against ${other.name}: difference in mean change`,
    );
    const table = await rows(`${treated.id}-comparison`);
    const expected = [c.connections, ...Object.values(c.instruments)];
    t.equal(table.length, expected.length, 'connections and each instrument');
    expected.forEach((d, i) => {
      t.same(table[i].slice(1), [
        String(d.treated.n),
        signed(d.treated.meanChange!),
        String(d.comparison.n),
        signed(d.comparison.meanChange!),
        signed(d.estimate!),
        signed(d.ci95!.low),
        signed(d.ci95!.high),
      ]);
    });
    t.match(await page.locator('.report-definitions').innerText(), 'A comparison community');
    const violations = await axeViolations(page);
    t.same(violations, [], 'no WCAG 2.1 AA violation with the comparison shown');
  },
);

t.test('a comparison without one community picked says what to change', async (t) => {
  await page.locator('#report-view select[name=community]').selectOption('');
  await page.getByRole('button', { name: 'Show report' }).click();
  t.equal(
    await page.locator('.report-status').textContent(),
    'Pick one community under "Community" to compare it with another.',
  );
  await page.locator('#report-view select[name=comparison]').selectOption('');
});

t.test('changes that do not vary say so instead of an interval of no width', async (t) => {
  await openReport(flatProject);
  const text = await page.locator('#report-view').innerText();
  const wellbeing = await page.locator('.card', { hasText: 'Wellbeing (WEMWBS)' }).innerText();
  // a +2, b +2, c +2: a mean change of +2.00 with no spread
  t.match(wellbeing, '+2.00');
  t.match(wellbeing, 'no variation: the interval is not informative');
  t.match(wellbeing, 'n = 3 participants');
  const participants = (await rows('all-butterfly-WEMWBS'))[0];
  t.same(participants, ['Participants', '3', '+2.00', 'no variation', 'no variation']);
  t.notMatch(text, /95% CI \+2\.00 to \+2\.00/);
  t.notMatch(text, /95% CI ([+−]?[\d.]+) to \1(?!\d)/, 'no interval whose two ends are the same');
});
