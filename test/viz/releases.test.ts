// The Releases view in a real headless Chromium against the real API: a partner's key without the
// network grant sees only Releases (no Map, Capture or Report), lists and opens a release by
// keyboard, reads it in plain words with withheld numbers said so, changes community by keyboard,
// and the page passes axe (WCAG 2.1 AA); the grant adds the Map, and a coordinator keeps every tab.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { issueKey } from '../helpers/keys.ts';
import { releaseProgramme } from '../helpers/release-programme.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';
import { axeViolations } from './capture-helpers.ts';

const p = uniqueProject('release-view');

let browser: Browser;
let baseUrl: string;
let close: () => Promise<void>;
const keys: Record<'partner' | 'network' | 'coordinator', string> = {
  partner: '',
  network: '',
  coordinator: '',
};

async function secretOf(role: 'partner' | 'coordinator', network = false): Promise<string> {
  const key = await issueKey(server.app, role, [p], { network });
  return key.headers.authorization.replace('Bearer ', '');
}

let server: Awaited<ReturnType<typeof startTestServer>>;

t.before(async () => {
  server = await startTestServer();
  ({ baseUrl, close } = server);
  await releaseProgramme(server.app, p);
  const published = await server.app.inject({
    method: 'POST',
    url: `/api/v1/projects/${p}/releases`,
    headers: { authorization: `Bearer ${server.adminKey}` },
    payload: {
      name: 'Winter to May',
      baseline: '2025-01-31T00:00:00Z',
      followup: '2025-05-31T00:00:00Z',
      interval: 'month',
    },
  });
  if (published.statusCode !== 201) throw new Error(published.body);
  keys.partner = await secretOf('partner');
  keys.network = await secretOf('partner', true);
  keys.coordinator = await secretOf('coordinator');
  browser = await launchChromium();
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

async function open(key: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/#project=${p}&key=${encodeURIComponent(key)}`);
  await page.waitForSelector('#role:not([hidden])', { timeout: 60_000 });
  return page;
}

const shownTabs = (page: Page) => page.locator('[role=tab]:not([hidden])').allTextContents();

t.test(
  'a partner without the network grant sees Releases, not Map, Capture or Report',
  async (t) => {
    const page = await open(keys.partner);
    t.teardown(() => page.close());
    await page.waitForSelector('.release-list button');
    t.same(
      (await shownTabs(page)).map((s) => s.trim()),
      ['Releases'],
    );
    t.equal(await page.isVisible('#view-map'), false);
    t.equal(await page.isVisible('#view-capture'), false);
    t.match(await page.evaluate(() => location.hash), /view=releases/);
  },
);

t.test('a partner opens a release by keyboard and reads it in plain words', async (t) => {
  const page = await open(keys.partner);
  t.teardown(() => page.close());
  const button = page.locator('.release-list button');
  await button.waitFor();
  t.equal(await button.innerText(), 'Winter to May: 31 January 2025 to 31 May 2025');
  await button.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.release-tables table');
  t.equal(await button.getAttribute('aria-pressed'), 'true');
  const text = await page.locator('.release-body').innerText();
  t.match(text, 'From 31 January 2025 to 31 May 2025');
  t.match(text, 'fewer than 5 residents');
  const network = page.locator('table').first();
  // every community together: 18 residents at both moments, 17 ties at the follow-up
  t.match(
    await network.locator('tr', { hasText: 'Residents in the network' }).innerText(),
    /18\s+18\s+0/,
  );
  t.match(await network.locator('tr', { hasText: 'Ties between them' }).innerText(), /0\s+17\s+17/);
  // Tab goes on from the release to the community; South's 4 participants and 3 others with
  // scores are withheld, so North's are too
  await page.keyboard.press('Tab');
  const select = page.locator('select[name=scope]');
  t.equal(await select.evaluate((el) => el === document.activeElement), true, 'Tab reaches it');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('.release-tables[aria-label="North"]');
  const wellbeing = await page.locator('table', { hasText: 'Wellbeing' }).innerText();
  t.match(wellbeing, /Participants\s+withheld\s+withheld\s+withheld\s+withheld/);
  t.same(await axeViolations(page), []);
});

t.test('the network grant adds the Map beside the Releases', async (t) => {
  const page = await open(keys.network);
  t.teardown(() => page.close());
  await page.waitForFunction(
    () => document.querySelectorAll('[role=tab]:not([hidden])').length === 2,
  );
  t.same(
    (await shownTabs(page)).map((s) => s.trim()),
    ['Map', 'Releases'],
  );
});

t.test('a coordinator keeps every view, and reads the releases too', async (t) => {
  const page = await open(keys.coordinator);
  t.teardown(() => page.close());
  t.same(
    (await shownTabs(page)).map((s) => s.trim()),
    ['Map', 'Capture', 'Report', 'Releases', 'Help'],
  );
  await page.click('#tab-releases');
  await page.waitForSelector('.release-list button');
  t.same(await axeViolations(page), []);
});
