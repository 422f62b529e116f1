// The Report view in a real headless Chromium against the real API with the demo programme: it
// opens at #view=report on the first and last measurement waves, shows each outcome with its
// interval and n, in words (no field name), shares as percentages, charts with dated time axes
// and y-axes with units, opens definitions by keyboard, downloads CSV, passes axe (WCAG 2.1 AA),
// and prints to A4 PDFs whose every page names the programme, both moments, the print date and
// "Page i of N" (read back with pdftotext), one community in at most 4 pages, two in at most 7
// (the contrasts a referee asked for, issue 23, take a page of their own).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import t, { type Test } from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { axeViolations } from '../helpers/axe.ts';
import { loadDemo, startTestServer } from '../helpers/server.ts';
import type { Report, Waves } from '../../viz/common/api.ts';

const PROJECT = 'report-demo';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z]*\b/g;

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;
let report: Report;

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1/projects/${PROJECT}${path}`, {
    headers: { Authorization: `Bearer ${adminKey}` },
  });
  return (await response.json()) as T;
}

/** "+1.23" / "−1.23", as a reader sees it (independent of the view's own formatter). */
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
const endOfDay = (iso: string) => `${iso.slice(0, 10)}T23:59:59.999Z`;

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  await loadDemo(baseUrl, adminKey, PROJECT);
  await mkdir(ARTIFACTS, { recursive: true });
  const { waves } = await get<Waves>('/report/waves');
  report = await get<Report>(
    `/report?baseline=${endOfDay(waves[0].last)}&followup=${endOfDay(waves.at(-1)!.last)}` +
      `&baselineWave=${waves[0].wave}&followupWave=${waves.at(-1)!.wave}`,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.goto(`${baseUrl}/#project=${PROJECT}&key=${encodeURIComponent(adminKey)}&view=report`);
  await page.waitForSelector('.report .card', { timeout: 120_000 });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('the view opens on the first and last measurement waves', async (t) => {
  t.equal(await page.inputValue('input[name=baseline]'), report.baseline.slice(0, 10));
  t.equal(await page.inputValue('input[name=followup]'), report.followup.slice(0, 10));
  t.match(await page.evaluate(() => location.hash), /view=report/);
});

t.test('a headline card per outcome shows its number, interval and n', async (t) => {
  const titles = await page.locator('.card h4').allTextContents();
  t.same(titles, [
    'Connections built',
    'Involvement',
    'Wellbeing (WEMWBS)',
    'Butterfly effect',
    'Sustainability',
    'Value for money',
  ]);
  const connections = await page.locator('.card').first().innerText();
  const wp = report.connections.withinPerson.participants;
  t.match(connections, signed(wp.meanChange!));
  t.match(connections, `95% CI ${signed(wp.ci95!.low)} to ${signed(wp.ci95!.high)}`);
  t.match(connections, `n = ${wp.n} participants`);
  const butterfly = await page.locator('.card').nth(3).innerText();
  t.match(butterfly, signed(report.butterfly.WEMWBS.directVsUnreached.estimate!));
  const value = await page.locator('.card').nth(5).innerText();
  const perParticipant = report.valueForMoney.costPerParticipant!;
  // the demo's costs are in pounds; the card rounds to pence
  t.match(
    value,
    `£${perParticipant.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per participant`,
  );
  t.match(value, `n = ${report.valueForMoney.participants} participants`);
});

/** "3 Feb 2025": how the charts and page headers write a moment (UTC), written independently. */
const short = (iso: string | number) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
];
const MONTH_YEAR = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Oct|Nov|Dec) \d{4}$/;
/** The first instant of the month a tick names ("Sept 2025"). */
const monthStart = (label: string) => {
  const [month, year] = label.split(' ');
  return Date.UTC(Number(year), MONTHS.indexOf(month));
};

t.test(
  'the growth charts have a dated time axis, a y-axis with its unit, and both moments dated',
  async (t) => {
    const charts = await page.locator('.growth').evaluateAll((figures) =>
      figures.map((f) => ({
        caption: f.querySelector('figcaption')!.textContent,
        unit: f.querySelector('.y-axis .unit')!.textContent,
        ticks: [...f.querySelectorAll('.y-axis .tick')].map((e) => e.textContent!),
        dates: [...f.querySelectorAll('.time-axis text')].map((e) => ({
          label: e.textContent!,
          x: Number(e.getAttribute('x')),
        })),
        marks: [...f.querySelectorAll('g.moment')].map((g) => ({
          name: g.getAttribute('data-label'),
          text: g.querySelector('text')!.textContent,
          x: Number(g.querySelector('line')!.getAttribute('x1')),
        })),
      })),
    );
    t.same(
      charts.map((c) => [c.caption, c.unit]),
      [
        ['Density: share of possible ties that exist', '% of possible ties'],
        ['Average ties per resident', 'ties per resident'],
        ['Residents with no tie', 'residents'],
        ['Separate groups of connected residents', 'groups'],
      ],
    );
    for (const c of charts) {
      t.ok(c.ticks.length >= 2, `${c.caption}: y ticks ${c.ticks.join(', ')}`);
      const values = c.ticks.map(Number);
      t.same(
        values,
        [...values].sort((a, b) => a - b),
        `${c.caption}: ticks rise`,
      );
      t.ok(c.dates.length >= 2, `${c.caption}: dates ${c.dates.map((d) => d.label).join(', ')}`);
      for (const d of c.dates) t.match(d.label, MONTH_YEAR, `${c.caption}: "${d.label}" is a date`);
      t.same(
        c.marks.map((m) => [m.name, m.text]),
        [
          ['baseline', `Baseline ${short(report.baseline)}`],
          ['follow-up', `Follow-up ${short(report.followup)}`],
        ],
      );
      // each mark stands between the ticks of the months around its date
      const tickAt = c.dates.map((d) => ({ ms: monthStart(d.label), x: d.x }));
      for (const [m, at] of [
        [c.marks[0], report.baseline],
        [c.marks[1], report.followup],
      ] as const) {
        const ms = Date.parse(at);
        const before = tickAt.filter((d) => d.ms <= ms).at(-1);
        const after = tickAt.find((d) => d.ms > ms);
        if (before) t.ok(m.x >= before.x, `${c.caption}: ${m.name} after ${short(before.ms)}`);
        if (after) t.ok(m.x < after.x, `${c.caption}: ${m.name} before ${short(after.ms)}`);
      }
    }
    const wemwbs = page.locator('.exposure', {
      hasText: 'Warwick-Edinburgh Mental Wellbeing Scale (higher is better)',
    });
    t.equal(await wemwbs.locator('svg rect').count(), 4, 'a bar per exposure class');
    t.equal(await wemwbs.locator('.unit').textContent(), 'change in score (points)');
    t.ok((await wemwbs.locator('.tick').count()) >= 2, 'the bar chart has a y-axis');
    t.equal(
      await page.locator('.exposure figcaption').count(),
      3,
      'a chart for WEMWBS and for the programme’s temperature and awareness',
    );
  },
);

t.test('no field name is visible: every label and definition is in words', async (t) => {
  const buttons = page.locator('.report-section button.define');
  const count = await buttons.count();
  for (let i = 0; i < count; i++) await buttons.nth(i).click();
  const seen = await page.evaluate(() => {
    const view = document.getElementById('report-view')!;
    const labels = [...view.querySelectorAll('[aria-label]')].map((e) =>
      e.getAttribute('aria-label'),
    );
    return [view.innerText, ...labels].join('\n');
  });
  for (let i = 0; i < count; i++) await buttons.nth(i).click();
  t.ok(seen.length > 5000, `${seen.length} characters read`);
  t.same(seen.match(CAMEL_CASE) ?? [], [], 'no camelCase word');
  t.match(seen, /How it is computed/);
});

t.test('shares are shown as percentages', async (t) => {
  const row = async (table: string, label: string) =>
    page
      .locator(`#all-${table} tr`, { has: page.locator('th', { hasText: label }) })
      .first()
      .locator('td')
      .allTextContents();
  const pc = (v: number) => `${(v * 100).toFixed(1)}%`;
  const { baseline, followup } = report.involvement;
  t.same(await row('involvement', 'Share of residents in a group'), [
    pc(baseline.inGroupShare!),
    pc(followup.inGroupShare!),
  ]);
  t.same(await row('sustainability', 'Share of new ties still held'), [
    pc(report.sustainability.retention!),
  ]);
  const density = report.graph.density;
  t.same((await row('network', 'Density')).slice(0, 2), [
    pc(density.baseline),
    pc(density.followup),
  ]);
  t.equal(
    (await row('connections', 'All residents'))[3],
    pc(report.connections.withinPerson.all.shareIncreased!),
  );
  t.match(
    await page.locator('.card').nth(1).innerText(),
    `${pc(followup.inGroupShare!)} in a group`,
  );
});

t.test('a definition opens from the keyboard and says how the number is computed', async (t) => {
  const button = page.locator('.card button.define').first();
  await button.focus();
  await page.keyboard.press('Enter');
  t.equal(await button.getAttribute('aria-expanded'), 'true');
  const id = (await button.getAttribute('aria-controls'))!;
  const text = page.locator(`#${id}`);
  const paragraphs = await text.locator('p').allTextContents();
  t.match(
    paragraphs[0],
    /^How many more people each resident was connected to/,
    'a plain sentence first',
  );
  t.notMatch(paragraphs[0], /[±√Σ=·]/, 'no formula in it');
  t.equal(paragraphs[1], 'How it is computed');
  t.match(paragraphs[2], /t\(0\.975, n−1\)/, 'the formula under it');
  await page.keyboard.press('Enter');
  t.equal(await button.getAttribute('aria-expanded'), 'false');
});

t.test('"Download CSV" gives the table with full precision', async (t) => {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('button.csv').first().click(),
  ]);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  t.equal(
    lines[0],
    'Residents,n,Mean change,Median change,Share with more ties,Share with fewer ties,95% CI low,95% CI high',
  );
  const all = report.connections.withinPerson.all;
  const cells = lines[1].split(',');
  t.equal(cells[0], 'All residents');
  t.equal(cells[2], String(all.meanChange));
  t.equal(cells[4], String(all.shareIncreased), 'shares as fractions of 1, at full precision');
});

t.test('the view has no WCAG 2.1 AA violations (axe-core)', async (t) => {
  t.same(await axeViolations(page), []);
  await page.screenshot({ path: new URL('report.png', ARTIFACTS).pathname, fullPage: true });
});

t.test('all communities side by side gives one column per community', async (t) => {
  await page.selectOption('#report-view select[name=community]', '*');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.report-section').length === 2);
  const headings = await page.locator('.report-section h3').allTextContents();
  t.match(headings[0], /^Northfield Estate:/);
  t.match(headings[1], /^Riverside:/);
  await page.selectOption('#report-view select[name=community]', '');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.report-section').length === 1);
});

/** Prints the view as it stands to an A4 PDF; its text page by page, read with pdftotext. */
async function printed(name: string): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = new URL(name, ARTIFACTS).pathname;
  await writeFile(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, file, '-'], {
      encoding: 'utf8',
    }),
  );
}

const printDate = () =>
  new Date().toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
const occurrences = (text: string, word: string) => text.split(word).length - 1;

/** The date every growth chart's time axis starts with (the same in each, checked). */
async function firstTick(t: Test): Promise<string> {
  const firsts = await page
    .locator('.growth .time-axis')
    .evaluateAll((axes) => axes.map((a) => a.querySelector('text')!.textContent!));
  t.equal(new Set(firsts).size, 1, `every growth chart starts at ${firsts[0]}`);
  return firsts[0];
}

/** Every page's header and footer, and no chart cut by a page break. */
async function checkPages(t: Test, pages: string[]) {
  const tick = await firstTick(t);
  const moments = `Baseline ${short(report.baseline)} · Follow-up ${short(report.followup)}`;
  const dates = [printDate()];
  pages.forEach((text, i) => {
    const where = `page ${i + 1} of ${pages.length}`;
    t.match(text, 'Resilient Together', `${where}: the programme`);
    t.match(text, moments, `${where}: both moments`);
    t.match(text, `Page ${i + 1} of ${pages.length}`, `${where}: its number`);
    t.ok(
      dates.some((d) => text.includes(`Printed ${d}`)),
      `${where}: the print date`,
    );
    // a growth chart's top (its follow-up mark; the header has one too) and bottom (its dates)
    t.equal(
      occurrences(text, `Follow-up ${short(report.followup)}`) - 1,
      occurrences(text, tick),
      `${where}: every growth chart whole`,
    );
    // an exposure chart's y-axis and its last class ("Not reached", on two lines under its bar)
    t.equal(
      occurrences(text, 'change in score (points)'),
      (text.match(/^Not$/gm) ?? []).length,
      `${where}: every exposure chart whole`,
    );
    if (text.includes('Wellbeing change by exposure: mean change'))
      t.ok(text.includes('change in score (points)'), `${where}: a chart under its heading`);
    t.same(text.match(CAMEL_CASE) ?? [], [], `${where}: no field name`);
  });
}

t.test('printed to an A4 PDF, the report carries its headline numbers', async (t) => {
  const pages = await printed('report.pdf');
  const text = pages.join('\n');
  t.ok(pages.length <= 4, `${pages.length} pages`);
  await checkPages(t, pages);
  const wp = report.connections.withinPerson.participants;
  const w = report.butterfly.WEMWBS;
  for (const number of [
    signed(wp.meanChange!),
    signed(wp.ci95!.low),
    signed(w.participants.meanChange!),
    signed(w.directVsUnreached.estimate!),
    `${(report.sustainability.retention! * 100).toFixed(1)}%`,
  ])
    t.ok(text.includes(number), `the PDF shows ${number}`);
  t.match(text, /How each number is computed/, 'definitions are printed once, at the end');
  // narrow printed columns may break a line at the hyphen (pdftotext then drops it) or the space
  const flowing = text.replace(/\s+/g, ' ').replace(/shortest-? ?path/g, 'shortest-path');
  t.equal(occurrences(flowing, 'shortest-path distance'), 1, 'each definition once');
  t.notMatch(text, /Show report|Download CSV|Definition\b/, 'controls are not printed');
});

t.test('one community prints in at most 4 pages, two side by side in at most 7', async (t) => {
  const select = '#report-view select[name=community]';
  await page.selectOption(select, { label: 'Riverside' });
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForFunction(() =>
    document.querySelector('.report-section h3')?.textContent?.startsWith('Riverside'),
  );
  const one = await printed('report-riverside.pdf');
  t.ok(one.length <= 4, `one community: ${one.length} pages`);
  await checkPages(t, one);
  await page.selectOption(select, '*');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.report-section').length === 2);
  const two = await printed('report-side-by-side.pdf');
  t.ok(two.length <= 7, `two communities side by side: ${two.length} pages`);
  await checkPages(t, two);
  await page.selectOption(select, '');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.report-section').length === 1);
});
