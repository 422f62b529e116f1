// The Map for everyone, in real Chromium on the demo programme: the Table view of the network at
// the slider's moment (checked against /graph), the slider read out as a date, search as an ARIA
// combobox that keeps focus, dated axes and a table under the side charts, Play stopping at the
// last event, and names on a projector that never overlap nor sit under the legend.
import { mkdir } from 'node:fs/promises';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import type { Graph, History, Timeline } from '../../server/contract.ts';
import { launchChromium } from '../../scripts/chromium.ts';
import { loadDemo, startTestServer } from '../helpers/server.ts';
import { axeViolations } from './capture-helpers.ts';

const PROJECT = 'map-access';
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December';

t.setTimeout(900_000);

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1/projects/${PROJECT}${path}`, {
    headers: { Authorization: `Bearer ${adminKey}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

const state = () =>
  page.evaluate(() => {
    const { at, from, to, visibleNodes, visibleEdges, selected } = window.__peoplemap;
    return { at, from, to, visibleNodes, visibleEdges, selected };
  });

/** Moves the slider and waits for the table and labels to settle (300 ms, then a frame). */
async function moveTo(at: number) {
  await page.evaluate((ms) => window.__peoplemap.setTime(ms), at);
  await page.waitForTimeout(600);
  return state();
}

/** The Table view's rows: [name, community, degree, tied to]. */
const tableRows = () =>
  page
    .locator('#network-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText)),
    );

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  await loadDemo(baseUrl, adminKey, PROJECT);
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, bypassCSP: true });
  await page.goto(`${baseUrl}/#project=${PROJECT}&key=${encodeURIComponent(adminKey)}`);
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 120_000 });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('the Table view lists the network at the moment as /graph has it', async (t) => {
  const { from, to } = await state();
  const at = (await moveTo(from + (to - from) / 2)).at;
  await page.getByRole('button', { name: 'Table view' }).focus();
  await page.keyboard.press('Enter');
  t.equal(
    await page.getByRole('button', { name: 'Table view' }).getAttribute('aria-pressed'),
    'true',
  );
  await page.locator('#network-table tbody tr').first().waitFor();
  const graph = await api<Graph>(`/graph?at=${new Date(at).toISOString()}`);
  const { residents } = await api<{ residents: { id: string; name: string }[] }>('/residents');
  const name = new Map(residents.map((r) => [r.id, r.name]));
  const degree = new Map<string, number>();
  for (const e of graph.edges)
    for (const id of [e.source, e.target])
      degree.set(name.get(id)!, (degree.get(name.get(id)!) ?? 0) + 1);
  const rows = await tableRows();
  t.equal(rows.length, graph.nodes.length, `one row per resident at the moment (${rows.length})`);
  const mismatched = rows.filter(([who, , ties, tiedTo]) => {
    const listed = tiedTo === 'no tie' ? 0 : tiedTo.split(', ').length;
    return Number(ties) !== (degree.get(who) ?? 0) || listed !== Number(ties);
  });
  t.same(mismatched, [], "each resident's ties as /graph counts them, each named");
  t.match(
    await page.locator('#network-table caption').innerText(),
    `${graph.nodes.length.toLocaleString('en')} residents and ${graph.edges.length.toLocaleString('en')} ties`,
  );
  t.equal(
    await page.locator('#network-table tbody th[scope="row"]').count(),
    rows.length,
    'each row is headed by the resident, so a screen reader names the row',
  );
});

t.test('the Table view sorts by a column and says how it is sorted', async (t) => {
  const header = page.locator('#network-table th', { hasText: 'Ties now' });
  await header.getByRole('button').focus();
  await page.keyboard.press('Enter');
  t.equal(await header.getAttribute('aria-sort'), 'descending');
  const degrees = (await tableRows()).map((r) => Number(r[2]));
  t.same(
    degrees,
    [...degrees].sort((a, b) => b - a),
    'most ties first',
  );
  t.equal(
    await page.evaluate(() => document.activeElement?.textContent),
    'Ties now',
    'the cursor stays on the column',
  );
  t.equal(await page.locator('#network-table th[aria-sort]').count(), 1, 'one column is sorted');
});

t.test('the Table view follows the slider', async (t) => {
  const { from } = await state();
  const early = await moveTo(from + 30 * 86_400_000);
  const graph = await api<Graph>(`/graph?at=${new Date(early.at).toISOString()}`);
  t.equal((await tableRows()).length, graph.nodes.length, 'a month in');
  t.same(await axeViolations(page), [], 'the Map with its Table view passes axe');
  await page.getByRole('button', { name: 'Table view' }).click();
  t.equal(await page.locator('#network-table').isVisible(), false);
});

t.test("the slider's value is read out as a date", async (t) => {
  const { to } = await state();
  const end = await moveTo(to);
  const text = (await page.locator('#slider').getAttribute('aria-valuetext'))!;
  t.match(text, new RegExp(`^\\d{1,2} (${MONTHS}) \\d{4} at \\d{2}:\\d{2} UTC$`));
  const iso = new Date(end.at).toISOString();
  const month = new Date(end.at).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  t.match(text, `${Number(iso.slice(8, 10))} ${month} ${iso.slice(0, 4)} at ${iso.slice(11, 16)}`);
});

t.test('the map itself says its moment and counts, and points to the Table view', async (t) => {
  const { from } = await state();
  const early = await moveTo(from + 30 * 86_400_000);
  const graph = await api<Graph>(`/graph?at=${new Date(early.at).toISOString()}`);
  const spoken = await page.locator('#slider').getAttribute('aria-valuetext');
  t.equal(
    await page.getByRole('img', { name: /^The network on / }).getAttribute('aria-label'),
    `The network on ${spoken}: ${graph.nodes.length} residents and ${graph.edges.length} ties. ` +
      'Table view lists them.',
  );
});

t.test('search is an ARIA combobox that keeps the focus while picking', async (t) => {
  const search = page.locator('#search');
  t.equal(await search.getAttribute('role'), 'combobox');
  await search.focus();
  await page.keyboard.type('a');
  t.equal(await search.getAttribute('aria-expanded'), 'true');
  const listbox = page.locator(`#${await search.getAttribute('aria-controls')}`);
  t.equal(await listbox.getAttribute('role'), 'listbox');
  await page.keyboard.press('ArrowDown');
  const active = (await search.getAttribute('aria-activedescendant'))!;
  t.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  const picked = (await page.locator(`#${active}`).innerText()).match(/\(([^)]+)\)$/)![1];
  await page.keyboard.press('Enter');
  t.equal(await page.evaluate(() => document.activeElement?.id), 'search', 'focus stays');
  t.equal((await state()).selected, picked, 'the resident is selected on the map');
  t.ok(
    (await page.evaluate(() => window.__peoplemap.labels.map((l) => l.text))).length > 0,
    'names are drawn',
  );
  await page.keyboard.press('Escape');
  t.equal((await state()).selected, null);
});

t.test('each side chart has a dated time axis and a table of its points', async (t) => {
  // The charts come with the timeline, read after the map is ready.
  await page.locator('#charts .time-axis').nth(3).waitFor({ timeout: 60_000 });
  const axes = await page.locator('#charts .time-axis').evaluateAll((axes) =>
    axes.map((axis) =>
      [...axis.querySelectorAll('span')].map((s) => ({
        label: s.textContent!,
        left: parseFloat((s as HTMLElement).style.left),
      })),
    ),
  );
  t.equal(axes.length, 4, 'one axis under each of the four charts');
  for (const ticks of axes) {
    t.ok(ticks.length >= 2, `${ticks.length} dates on the axis`);
    t.ok(
      ticks.every((tick) => /\b20\d\d\b/.test(tick.label)),
      ticks.map((x) => x.label).join(' · '),
    );
    t.ok(
      ticks.every((tick, i) => i === 0 || tick.left > ticks[i - 1].left),
      'in time order',
    );
  }
  await page.getByText('Show these curves as a table').click();
  const caption = await page.locator('#charts .chart-table caption').innerText();
  const interval = /end of that (day|week|month)/.exec(caption)![1];
  const timeline = await api<Timeline>(`/timeline?interval=${interval}`);
  const rows = page.locator('#charts .chart-table tbody tr');
  t.equal(await rows.count(), timeline.points.length, `a row per ${interval}`);
  t.equal(
    await rows.first().locator('th').innerText(),
    timeline.points[0].at.slice(0, 10),
    'the first row is the first point',
  );
});

t.test('Play stops at the last event, not at the end of the slider', async (t) => {
  const history = await api<History>('/history');
  const lastEvent = Date.parse(history.to!);
  const { from, to } = await moveTo((await state()).from);
  t.ok(to > lastEvent, 'residents recorded without an event join later, at their creation');
  await page.selectOption('#speed', '4');
  await page.locator('#play').click();
  await page.waitForFunction(
    () => document.getElementById('play')!.getAttribute('aria-label') === 'Play',
    null,
    { timeout: 60_000 },
  );
  const stopped = await state();
  t.equal(stopped.at, lastEvent, `Play ran from ${new Date(from).toISOString()} to the last event`);
});

t.test('on a projector, names never overlap and the legend is not over the map', async (t) => {
  await page.getByRole('button', { name: 'Large text' }).click();
  const { to } = await state();
  await moveTo(to);
  const labels = await page.evaluate(() => window.__peoplemap.labels);
  t.ok(labels.length >= 10, `${labels.length} names drawn`);
  const overlapping = labels.flatMap((a, i) =>
    labels
      .slice(i + 1)
      .filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
      .map((b) => `${a.text} × ${b.text}`),
  );
  t.same(overlapping, [], 'no two names overlap');
  const [map, legend] = await Promise.all(
    ['#map', '#legend'].map((s) =>
      page.locator(s).evaluate((el) => el.getBoundingClientRect().toJSON()),
    ),
  );
  t.ok(legend.bottom <= map.top || legend.top >= map.bottom, 'the legend is outside the map');
  await page.screenshot({ path: new URL('map-projector-1920.png', ARTIFACTS).pathname });
  await page.getByRole('button', { name: 'Large text' }).click();
});
