// The usability test's messy sheets (fixtures/sheets/messy) dropped into the import panel, in real
// Chromium against the real API: every friction it found has an assertion (knock-on "unknown
// resident" errors, a message naming an API parameter, no "did you mean", a Date column not read,
// an empty consent passing silently, two spellings of one kind), and axe finds nothing.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { auth, projectWith, startTestServer } from '../helpers/server.ts';
import { axeViolations } from './capture-helpers.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const messy = (name: string) =>
  readFileSync(new URL(`../../fixtures/sheets/messy/${name}`, import.meta.url), 'utf8');
const file = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text),
});

let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startTestServer>>;
let project: string;

/** The problems table's rows: kind, file, row, column, message. */
const problems = () =>
  page
    .locator('.import-issues tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => (c as HTMLElement).innerText)),
    );

t.before(async () => {
  server = await startTestServer();
  ({ p: project } = await projectWith(server.app, 'messy-panel', {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  }));
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 900 }, bypassCSP: true });
  await page.goto(`${server.baseUrl}/#view=capture&project=${project}&key=${server.adminKey}`);
  await page.getByRole('heading', { name: 'Import sheets' }).waitFor();
  await page
    .getByLabel('Choose files')
    .setInputFiles([
      file('residents.csv', messy('residents.csv')),
      file('ties.csv', messy('ties.csv')),
    ]);
  await page.locator('tr.bad-row').first().waitFor();
});

t.teardown(async () => {
  await browser?.close();
  await server?.close();
});

t.test('a failed row makes the rows naming that person say so, not "unknown"', async (t) => {
  const errors = (await problems()).filter(([kind]) => kind === 'Error');
  t.equal(
    errors.length,
    5,
    'five errors (the usability test counted 24 with the knock-ons unexplained)',
  );
  const knockOns = errors.filter(([, , , , message]) =>
    message.startsWith('depends on residents.csv row 3, which has an error'),
  );
  t.same(
    knockOns.map(([, f, row, column]) => [f, row, column]),
    [
      ['ties.csv', '2', 'Knows'],
      ['ties.csv', '3', 'Name'],
    ],
  );
  t.notOk(
    errors.some(([, , , , m]) => /unknown resident "Émilie"/.test(m)),
    'no "unknown resident" for Émilie',
  );
});

t.test('the date message names the checkbox that is on screen', async (t) => {
  const [date] = (await problems()).filter(([, f, row]) => f === 'residents.csv' && row === '3');
  t.match(date[4], /tick "Dates are day-first"/);
  t.ok(await page.getByLabel(/Dates are day-first/).isVisible(), 'and that checkbox is there');
});

t.test('a near name is offered, and the headers read as other columns are listed', async (t) => {
  const messages = (await problems()).map((r) => r[4]);
  t.ok(
    messages.some((m) =>
      m.includes('Did you mean Émilie (residents.csv row 3, which has an error)?'),
    ),
  );
  const read = await page.locator('.import-report p').first().innerText();
  t.match(
    read,
    'residents.csv (residents, 4 rows, "Person" read as name, "Joined" read as joinedAt)',
  );
  t.match(read, '"Name" read as from, "Knows" read as to, "Date" read as at');
});

t.test('empty consents are a warning with their count', async (t) => {
  const warnings = (await problems()).filter(([kind]) => kind === 'Warning');
  t.same(
    warnings.map(([, f, row, column, m]) => [f, row, column, m.split(':')[0]]),
    [['residents.csv', '—', 'Consent', '2 residents have no consent (rows 4, 5)']],
  );
  await page.locator('.import-report').scrollIntoViewIfNeeded();
  await page.screenshot({ path: new URL('import-messy-dry-run.png', ARTIFACTS).pathname });
  t.same(await axeViolations(page), [], 'the import panel with its problems passes axe');
});

t.test('ticking day-first dates leaves only the two real name errors', async (t) => {
  await page.getByLabel(/Dates are day-first/).check();
  await page.waitForFunction(
    () => document.querySelectorAll('.import-issues tr.bad-row').length === 2,
  );
  const errors = (await problems()).filter(([kind]) => kind === 'Error').map((r) => r[4]);
  t.match(errors[0], /^unknown resident "Emilie".*Did you mean Émilie\?$/);
  t.match(errors[1], /^unknown resident "Zed"/);
});

t.test('the corrected sheets import with one spelling per kind', async (t) => {
  const ties = messy('ties.csv').replace('Emilie', 'Émilie').replace('Zed', 'Cy');
  await page
    .getByLabel('Choose files')
    .setInputFiles([file('residents.csv', messy('residents.csv')), file('ties.csv', ties)]);
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('.import-run')!.disabled,
  );
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByText(/^Imported\. Nothing more to do/).waitFor();
  const response = await server.app.inject({
    url: `/api/v1/projects/${project}/events?type=connection`,
    headers: auth,
  });
  const kinds = (response.json() as { events: { kind: string }[] }).events.map((e) => e.kind);
  // knows, KNOWS → knows (first written); Support, support → Support; friend.
  t.same(kinds, ['knows', 'knows', 'Support', 'Support', 'friend']);
  // Ann, Émilie, Bo and Cy; Ann–Émilie (named twice), Émilie–Bo, Bo–Cy, Cy–Ann.
  await page.locator('#counts').filter({ hasText: '4 residents, 4 ties' }).waitFor();
  t.pass('the header counts what the import added');
  t.same(await axeViolations(page), []);
});
