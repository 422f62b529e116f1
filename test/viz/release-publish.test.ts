// Publishing a release from the web app's Releases view in a real headless Chromium against the
// real API: a partner sees no form and is told whom to ask; an evaluator's dates the wrong way round
// are refused with the field named as on screen and nothing published; an evaluator publishes by
// keyboard, sees the progress, then the new release listed and opened with its tables; axe (WCAG
// 2.1 AA) passes in each state. The programme and its hand counts: test/helpers/release-programme.ts.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { issueKey } from '../helpers/keys.ts';
import { releaseProgramme } from '../helpers/release-programme.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';
import { axeViolations } from './capture-helpers.ts';

const p = uniqueProject('release-publish');

let browser: Browser;
let server: Awaited<ReturnType<typeof startTestServer>>;
const keys = { partner: '', evaluator: '' };

const secretOf = async (role: 'partner' | 'evaluator') =>
  (await issueKey(server.app, role, [p])).headers.authorization.replace('Bearer ', '');

t.before(async () => {
  server = await startTestServer();
  await releaseProgramme(server.app, p);
  keys.partner = await secretOf('partner');
  keys.evaluator = await secretOf('evaluator');
  browser = await launchChromium();
});

t.teardown(async () => {
  await browser?.close();
  await server?.close();
});

/** The project's releases as the API lists them to the evaluator. */
async function releasesListed(): Promise<{ id: string; name: string }[]> {
  const response = await server.app.inject({
    url: `/api/v1/projects/${p}/releases`,
    headers: { authorization: `Bearer ${keys.evaluator}` },
  });
  return response.json().releases;
}

async function openReleases(key: string): Promise<Page> {
  // en-US: a date field takes its month, day and year typed in that order
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await page.goto(`${server.baseUrl}/#project=${p}&view=releases&key=${encodeURIComponent(key)}`);
  await page.waitForSelector('#role:not([hidden])', { timeout: 60_000 });
  await page.waitForFunction(() =>
    /published yet/.test(document.querySelector('#release-view .report-status')?.textContent ?? ''),
  );
  return page;
}

const statusOf = (page: Page) => page.locator('#release-view .report-status').innerText();
const focused = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('name') ?? document.activeElement?.tagName,
  );

/** Presses Tab until the field named `name` has the cursor (a date field's picker takes a Tab too). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 4 && (await focused(page)) !== name; i++) await page.keyboard.press('Tab');
}

/** From the Name field by keyboard: the name, then both dates (month, day, year); ends on the points. */
async function fillByKeyboard(page: Page, name: string, baseline: string, followup: string) {
  await page.locator('#publish-name').focus();
  await page.keyboard.type(name);
  await tabTo(page, 'baseline');
  await page.keyboard.type(baseline);
  await tabTo(page, 'followup');
  await page.keyboard.type(followup);
  await tabTo(page, 'interval');
}

t.test('a partner sees no form, and is told to ask the evaluator', async (t) => {
  const page = await openReleases(keys.partner);
  t.teardown(() => page.close());
  t.equal(
    await statusOf(page),
    "No release of this project has been published yet. Ask the project's evaluator to publish one.",
  );
  t.equal(await page.locator('.release-publish').count(), 0, 'no publishing form');
  t.equal(await page.locator('text=Publish the release').count(), 0);
  t.same(await axeViolations(page), []);
});

t.test(
  'a follow-up before the baseline is refused naming the field, and nothing is published',
  async (t) => {
    const page = await openReleases(keys.evaluator);
    t.teardown(() => page.close());
    t.equal(
      await statusOf(page),
      'No release of this project has been published yet. Publish the first one with "Publish a release" above.',
    );
    t.equal(await page.locator('details.release-publish').getAttribute('open'), '', 'form shown');
    t.same(await axeViolations(page), [], 'the empty view with its form');

    await fillByKeyboard(page, 'Backwards', '05312025', '01312025');
    t.equal(await page.inputValue('#publish-baseline'), '2025-05-31', 'typed dates');
    t.equal(await page.inputValue('#publish-followup'), '2025-01-31');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const error = page.locator('#publish-followup-error');
    await error.filter({ hasText: 'Follow-up' }).waitFor();
    t.equal(await error.innerText(), 'Follow-up date: pick a date on or after the baseline date.');
    t.equal(await page.getAttribute('#publish-followup', 'aria-invalid'), 'true');
    t.equal(await page.getAttribute('#publish-baseline', 'aria-invalid'), null);
    t.equal(await focused(page), 'followup', 'the cursor is put in the field to change');
    t.match(
      await page.locator('.publish-status').innerText(),
      /^Nothing was published\. Follow-up date/,
    );
    t.equal(await page.isEnabled('text=Publish the release'), true);
    t.same(await axeViolations(page), [], 'the form with its error');
    t.same(await releasesListed(), [], 'no release through the API');
    t.equal(await page.locator('.release-list button').count(), 0);
  },
);

t.test('an evaluator publishes by keyboard, sees progress, then reads the release', async (t) => {
  const page = await openReleases(keys.evaluator);
  t.teardown(() => page.close());
  // hold the publish request until the busy state has been read
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/releases', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await fillByKeyboard(page, 'Winter to May', '01152025', '05212025');
  t.equal(await focused(page), 'interval', 'Tab reaches the monthly points');
  t.equal(await page.isChecked('input[name=interval][value=month]'), true, 'monthly by default');
  await page.keyboard.press('Tab');
  t.equal(await focused(page), 'BUTTON');
  await page.keyboard.press('Enter');

  const status = page.locator('.publish-status');
  await status.filter({ hasText: 'Publishing: checking every number…' }).waitFor();
  t.equal(await page.isDisabled('text=Publish the release'), true, 'the button waits');
  t.equal(await page.getAttribute('.release-publish form', 'aria-busy'), 'true');
  t.same(await axeViolations(page), [], 'while publishing');
  release();

  await page.waitForSelector('.release-tables table');
  t.equal(
    await statusOf(page),
    'Published "Winter to May": every partner of this project can now read it.',
  );
  t.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'Winter to May',
    'the cursor is on the release opened',
  );
  const listed = page.locator('.release-list button');
  t.equal(await listed.count(), 1);
  // the dates moved to the end of their month
  t.equal(await listed.innerText(), 'Winter to May: 31 January 2025 to 31 May 2025');
  t.equal(await listed.getAttribute('aria-pressed'), 'true');
  const network = page.locator('.release-tables table').first();
  // every community together: 18 residents at both moments, 0 then 17 ties (the programme's
  // chains in February: 9 in North, 7 in South, and n1–s1)
  t.match(
    await network.locator('tr', { hasText: 'Residents in the network' }).innerText(),
    /18\s+18\s+0/,
  );
  t.match(await network.locator('tr', { hasText: 'Ties between them' }).innerText(), /0\s+17\s+17/);
  t.equal(await page.getAttribute('details.release-publish', 'open'), null, 'the form folds');
  t.same(await axeViolations(page), [], 'the release published and opened');
  const published = await releasesListed();
  t.same(
    published.map((r) => r.name),
    ['Winter to May'],
    'one release through the API',
  );
});
