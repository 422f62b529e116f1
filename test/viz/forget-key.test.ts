// "Forget key" on a shared tablet leaves nothing of the session behind: the key, and every Capture
// session kept in the browser, after a warning that names the entries not yet sent (Cancel keeps
// them). In headless Chromium against the real API, with the API cut off while typing.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';
import { addResident } from './capture-helpers.ts';

const PROJECT = uniqueProject('forget-key');

let browser: Browser;
let page: Page;
let close: () => Promise<void>;

/** What this browser keeps for the app: the key and the Capture sessions' waiting writes. */
const kept = () =>
  page.evaluate(() => ({
    key: sessionStorage.getItem('peoplemap:key') !== null,
    sessions: Object.keys(localStorage)
      .filter((k) => k.startsWith('peoplemap:capture:'))
      .map((k) => JSON.parse(localStorage.getItem(k)!).pending.length),
  }));

t.before(async () => {
  const server = await startTestServer();
  close = server.close;
  const response = await fetch(`${server.baseUrl}/api/v1/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: PROJECT, name: 'Forget key' }),
  });
  if (response.status !== 201) throw new Error(await response.text());
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(
    `${server.baseUrl}/#project=${PROJECT}&view=capture&key=${encodeURIComponent(server.adminKey)}`,
  );
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 60_000 });
  await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
  await addResident(page, 'Olu');
  await addResident(page, 'Pia');
  await page.locator('#queue-status').filter({ hasText: '2 entries wait to be sent' }).waitFor();
});
t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('Forget key warns of the entries not sent, and Cancel keeps everything', async (t) => {
  const warning = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await page.getByRole('button', { name: 'Forget key' }).click();
  t.match(await warning, /^2 entries typed in Capture have not reached the service yet/);
  t.same(await kept(), { key: true, sessions: [2] });
  t.ok(await page.getByRole('button', { name: 'Forget key' }).isVisible(), 'still signed in');
});

t.test('confirming forgets the key and deletes the Capture sessions', async (t) => {
  page.once('dialog', (dialog) => void dialog.accept());
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Forget key' }).click(),
  ]);
  t.same(await kept(), { key: false, sessions: [] });
  t.ok(await page.locator('#key-form').isVisible(), 'the key form asks for a key again');
});
