// The import panel in a real headless Chromium against the real API: a broken sheet gives a
// report table with the bad row and column marked and nothing written; a clean sheet is checked,
// then imported by keyboard; axe-core finds no WCAG 2.1 AA violation in either state.
import { mkdir } from 'node:fs/promises';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { axeViolations } from '../helpers/axe.ts';
import { countProject, postOk, startTestServer, uniqueProject } from '../helpers/server.ts';

const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof startTestServer>>;
let project: string;

t.before(async () => {
  server = await startTestServer();
  project = uniqueProject('panel');
  await postOk(server.app, '/api/v1/projects', { id: project, name: 'Panel' });
  await postOk(server.app, `/api/v1/projects/${project}/residents`, {
    residents: [
      { id: 'ann', name: 'Ann' },
      { id: 'bo', name: 'Bo' },
    ],
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await page.goto(`${server.baseUrl}/#view=capture&project=${project}&key=${server.adminKey}`);
  await page.getByRole('heading', { name: 'Import sheets' }).waitFor();
});
t.teardown(async () => {
  await browser?.close();
  await server?.close();
});

const file = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\r\n') + '\r\n'),
});

t.test(
  'a broken sheet shows its bad row and column marked in the report and writes nothing',
  async (t) => {
    await page
      .getByLabel('Choose files')
      .setInputFiles([file('ties.csv', ['from,To,at', 'Ann,Bo,2025-03-01', 'Ann,Zed,2025-03-02'])]);
    const badRow = page.locator('tr.bad-row');
    await badRow.waitFor();
    t.same(
      await badRow
        .locator('td')
        .allInnerTexts()
        .then((c) => c.slice(0, 4)),
      ['Error', 'ties.csv', '3', 'To'],
    );
    t.equal(await badRow.locator('mark').count(), 2, 'row and column are marked');
    t.equal(await page.getByRole('button', { name: 'Import' }).isDisabled(), true);
    t.match(
      await page.getByRole('status').last().innerText(),
      /1 error found; nothing was written/,
    );
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({
      path: new URL('import-dry-run-errors.png', ARTIFACTS).pathname,
      fullPage: true,
    });
    t.same(await axeViolations(page), []);
    t.same(await countProject(server.app, project), { residents: 2, groups: 0, events: 0 });
  },
);

t.test('a clean sheet is checked, then imported by keyboard', async (t) => {
  await page
    .getByLabel('Choose files')
    .setInputFiles([file('ties.csv', ['from,to,at', 'Ann,Bo,2025-03-01'])]);
  const importButton = page.getByRole('button', { name: 'Import' });
  await page.waitForFunction(
    () => !document.querySelector<HTMLButtonElement>('.import-run')!.disabled,
  );
  t.match(
    await page.locator('.import-report').innerText(),
    /Would create 0 residents, 0 groups, 1 event/,
  );
  await importButton.focus();
  await page.keyboard.press('Enter');
  await page.getByText(/^Imported\. Nothing more to do/).waitFor();
  t.same(await countProject(server.app, project), { residents: 2, groups: 0, events: 1 });
  t.same(await axeViolations(page), []);
});

t.test('the file picker is reached by Tab and has an accessible name', async (t) => {
  await page.locator('.import-templates a').last().focus();
  await page.keyboard.press('Tab');
  t.equal(await page.evaluate(() => document.activeElement?.id), 'import-files');
  t.equal(await page.getByLabel('Choose files').getAttribute('type'), 'file');
});
