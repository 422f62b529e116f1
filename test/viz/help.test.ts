// The Help view in a real headless Chromium against the real API: it opens at #view=help with the
// facilitator's guide and its contents (reached by keyboard), passes axe (WCAG 2.1 AA), and its
// form downloads the community's workshop sheets, whose text pdftotext reads back.
import { execFileSync } from 'node:child_process';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { axeViolations } from '../helpers/axe.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';

const PROJECT = uniqueProject('help');

let browser: Browser;
let page: Page;
let close: () => Promise<void>;

t.before(async () => {
  const server = await startTestServer();
  close = server.close;
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.adminKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  await post('/projects', { id: PROJECT, name: 'Help test', template: 'abcd-programme' });
  await post(`/projects/${PROJECT}/communities`, {
    communities: [
      { id: 'riverside', name: 'Riverside' },
      { id: 'hilltop', name: 'Hilltop' },
    ],
  });
  await post(`/projects/${PROJECT}/residents`, {
    residents: [
      { id: 'rosa', name: 'Rosa Riverbank', communityId: 'riverside', consent: 'given' },
      { id: 'hugh', name: 'Hugh Hilltop', communityId: 'hilltop', consent: 'given' },
    ],
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.goto(
    `${server.baseUrl}/#project=${PROJECT}&key=${encodeURIComponent(server.adminKey)}&view=help`,
  );
  await page.waitForSelector('.help-guide h2', { timeout: 120_000 });
  await page.waitForSelector('#help-sheets select option[value=riverside]', {
    state: 'attached',
    timeout: 60_000,
  });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('Help opens on the guide with its sections listed', async (t) => {
  t.equal(await page.getByRole('tab', { name: 'Help' }).getAttribute('aria-selected'), 'true');
  const sections = await page.locator('.help-contents li').allTextContents();
  for (const title of [
    'Before the workshop',
    'The consent script',
    'After the workshop',
    'Reading the Report with a funder',
  ])
    t.ok(sections.includes(title), `the contents list "${title}"`);
  t.match(await page.locator('.help-guide').innerText(), /Do you agree to take part\?/);
});

t.test('a contents link moves the keyboard to its section', async (t) => {
  await page.locator('.help-contents a', { hasText: 'The consent script' }).focus();
  await page.keyboard.press('Enter');
  t.equal(await page.evaluate(() => document.activeElement?.textContent), 'The consent script');
  t.match(await page.evaluate(() => location.hash), /view=help/, 'the app stays on Help');
});

t.test('the view has no WCAG 2.1 AA violations (axe-core)', async (t) => {
  t.same(await axeViolations(page), []);
});

t.test('the sheets form downloads the community’s roster as a PDF', async (t) => {
  await page.selectOption('#help-sheets select[name=community]', 'riverside');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download sheets (PDF)' }).click(),
  ]);
  t.equal(download.suggestedFilename(), `${PROJECT}-riverside-sheets.pdf`);
  const text = execFileSync('pdftotext', ['-layout', (await download.path())!, '-'], {
    encoding: 'utf8',
  });
  t.match(text, 'Rosa Riverbank', 'the community’s resident is on the roster');
  t.notMatch(text, 'Hugh Hilltop', 'another community’s resident is not');
  t.match(text, /from\s+to\s+at\s+kind\s+strength\s+source/, 'the ties sheet’s columns');
  t.match(
    await page.locator('#help-sheets [role=status]').innerText(),
    'The sheets are downloaded',
  );
});
