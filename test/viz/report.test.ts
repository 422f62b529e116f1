// The Report view in a real headless Chromium against the real API with the demo programme: it
// opens at #view=report on the first and last measurement waves, shows each outcome with its
// interval and n, opens definitions by keyboard, downloads CSV, passes axe (WCAG 2.1 AA), and
// prints to an A4 PDF whose text carries the headline numbers.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { loadDemo, startTestServer } from '../helpers/server.ts';
import type { Report, Waves } from '../../viz/shared/api.ts';

const PROJECT = 'report-demo';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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
    `/report?baseline=${endOfDay(waves[0].last)}&followup=${endOfDay(waves.at(-1)!.last)}`,
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

t.test('the growth curves mark both moments', async (t) => {
  const labels = await page
    .locator('.curves figure')
    .first()
    .locator('line.moment')
    .evaluateAll((lines) => lines.map((l) => l.getAttribute('data-label')));
  t.same(labels, ['baseline', 'follow-up']);
  const wemwbs = page.locator('.exposure', {
    hasText: 'Warwick-Edinburgh Mental Wellbeing Scale (higher is better)',
  });
  t.equal(await wemwbs.locator('svg rect').count(), 4, 'a bar per exposure class');
  t.equal(
    await page.locator('.exposure figcaption').count(),
    3,
    'a chart for WEMWBS and for the programme’s temperature and awareness',
  );
});

t.test('a definition opens from the keyboard and says how the number is computed', async (t) => {
  const button = page.locator('.card button.define').first();
  await button.focus();
  await page.keyboard.press('Enter');
  t.equal(await button.getAttribute('aria-expanded'), 'true');
  const id = (await button.getAttribute('aria-controls'))!;
  t.match(await page.locator(`#${id}`).innerText(), /t\(0\.975, n−1\)/);
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
    'group,n,mean change,median change,share increased,share decreased,CI low,CI high',
  );
  const all = report.connections.withinPerson.all;
  t.equal(lines[1].split(',')[2], String(all.meanChange));
});

t.test('the view has no WCAG 2.1 AA violations (axe-core)', async (t) => {
  // Evaluated rather than injected as a tag: the app's Content Security Policy forbids inline scripts.
  await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: Function } }).axe;
    const result = await axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return result.violations.map(
      (v: { id: string; nodes: unknown[] }) => `${v.id} ×${v.nodes.length}`,
    );
  });
  t.same(violations, []);
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

t.test('printed to an A4 PDF, the report carries its headline numbers', async (t) => {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = new URL('report.pdf', ARTIFACTS).pathname;
  await writeFile(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
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
  t.match(text, /shortest-path distance/, 'definitions are printed open');
  t.notMatch(text, /Show report|Download CSV/, 'controls are not printed');
});
