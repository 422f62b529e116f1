// Ids named like Object.prototype's members (`constructor`, `toString`, `valueOf`,
// `hasOwnProperty`, `__proto__`) are valid ids, and the web app must treat them as any other: in
// real Chromium on the real API, a small hand-made project whose residents, community, group,
// instrument and waves carry such ids is drawn whole on the Map; its Table view, search, Play,
// Capture, Report and Releases work, no script fails, and axe finds nothing.
import t from 'tap';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import type { Graph } from '../../server/contract.ts';
import { launchChromium } from '../../scripts/chromium.ts';
import { axeViolations } from '../helpers/axe.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';

const PROJECT = uniqueProject('odd-ids-map');
const day = (n: number) => new Date(Date.UTC(2025, 2, 1 + n, 18)).toISOString();

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;
/** Every uncaught error and console error the page reports, over the whole file. */
const failures: string[] = [];

async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      Authorization: `Bearer ${adminKey}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const state = () =>
  page.evaluate(() => {
    const { at, from, to, visibleNodes, visibleEdges, selected } = window.__peoplemap;
    return { at, from, to, visibleNodes, visibleEdges, selected };
  });

/** The Table view's rows: [name, community, degree, tied to]. */
const tableRows = () =>
  page
    .locator('#network-table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText)),
    );

t.setTimeout(600_000);

const EVERYONE = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'ann', 'bo'];
/** A score on `instrument` (WEMWBS, 14–70, or the project's own `constructor` scale, 0–10). */
const measure = (
  id: string,
  at: string,
  resident: string,
  instrument: 'WEMWBS' | 'constructor',
  wave: string,
  score: number,
) => ({
  id,
  type: 'measure',
  at,
  resident,
  instrument,
  wave,
  score: instrument === 'WEMWBS' ? score : score % 11,
});

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  await api('/projects', { id: PROJECT, name: 'Odd ids' });
  const p = `/projects/${PROJECT}`;
  await api(`${p}/instruments`, {
    id: 'constructor',
    name: 'Constructor scale',
    min: 0,
    max: 10,
    higherIsBetter: true,
  });
  await api(`${p}/communities`, {
    communities: [
      { id: 'constructor', name: 'Hillside' },
      { id: 'riverside', name: 'Riverside' },
    ],
  });
  const resident = (id: string, name: string, communityId?: string) => ({
    id,
    name,
    ...(communityId ? { communityId } : {}),
    joinedAt: day(-1),
    consent: 'given',
  });
  await api(`${p}/residents`, {
    residents: [
      { ...resident('constructor', 'Con Struct', 'constructor'), participant: true },
      resident('toString', 'Tess String', 'constructor'),
      resident('valueOf', 'Val Ueof', 'riverside'),
      resident('hasOwnProperty', 'Hazel Own', 'constructor'),
      resident('__proto__', 'Proto Type', 'riverside'),
      { ...resident('ann', 'Ann', 'riverside'), participant: true },
      resident('bo', 'Bo', 'constructor'),
      resident('cy', 'Cy'),
    ],
  });
  await api(`${p}/groups`, {
    groups: [
      { id: 'toString', name: 'Tuesday choir', kind: 'activity', communityId: 'constructor' },
    ],
  });
  await api(`${p}/events`, {
    events: [
      { id: 'm1', type: 'membership', at: day(0), resident: 'constructor', group: 'toString' },
      { id: 'm2', type: 'membership', at: day(0), resident: '__proto__', group: 'toString' },
      { id: 't1', type: 'connection', at: day(0), from: 'constructor', to: 'toString' },
      { id: 't2', type: 'connection', at: day(1), from: '__proto__', to: 'valueOf' },
      { id: 't3', type: 'connection', at: day(2), from: 'hasOwnProperty', to: 'constructor' },
      { id: 't4', type: 'connection', at: day(3), from: 'ann', to: 'bo' },
      { id: 't5', type: 'connection', at: day(3), from: 'bo', to: 'constructor' },
      // Proto Type moves away on the last day: at the end they are on no map and in no metrics
      { id: 'l1', type: 'leave', at: day(4), resident: '__proto__' },
      // two waves named like prototype members, on the built-in scale and one named `constructor`
      ...EVERYONE.flatMap((resident, i) =>
        (['WEMWBS', 'constructor'] as const).flatMap((instrument) => [
          measure(`b-${instrument}-${i}`, day(0), resident, instrument, 'toString', 40 + i),
          measure(`f-${instrument}-${i}`, day(3), resident, instrument, 'valueOf', 44 + 2 * i),
        ]),
      ),
    ],
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => failures.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) failures.push(`${response.status()}: ${response.url()}`);
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') failures.push(`console: ${message.text()}`);
  });
  await page.goto(`${baseUrl}/#project=${PROJECT}&key=${encodeURIComponent(adminKey)}`);
  // ready, or an error said on the page: then the test fails naming it, rather than timing out
  const said = await page.waitForFunction(
    () =>
      window.__peoplemap?.ready === true ||
      (document.querySelector('#status.error')?.textContent ?? null),
    null,
    { timeout: 60_000 },
  );
  const error = await said.jsonValue();
  if (error !== true) throw new Error(`the page says: ${error}`);
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('the map draws every resident and tie, as counted by hand', async (t) => {
  // At the end Proto Type has moved away, taking their tie to Val Ueof with them: 7 residents and
  // the ties Con–Tess, Hazel–Con, Ann–Bo, Bo–Con.
  const end = await page.evaluate(() => {
    window.__peoplemap.setTime(window.__peoplemap.to);
    return { nodes: window.__peoplemap.visibleNodes, edges: window.__peoplemap.visibleEdges };
  });
  t.same(end, { nodes: 7, edges: 4 });
  t.match(
    await page.getByRole('img', { name: /^The network on / }).getAttribute('aria-label'),
    /: 7 residents and 4 ties\. Table view lists them\.$/,
  );
  // Halfway through the third day all eight are there, with Con–Tess, Proto–Val and Hazel–Con.
  const middle = await page.evaluate(() => {
    window.__peoplemap.setTime(window.__peoplemap.from + 2.5 * 86_400_000);
    return { nodes: window.__peoplemap.visibleNodes, edges: window.__peoplemap.visibleEdges };
  });
  t.same(middle, { nodes: 8, edges: 3 });
  const graph = await api<Graph>(`/projects/${PROJECT}/graph`);
  t.same(
    [graph.nodes.length, graph.edges.length],
    [7, 4],
    'the API agrees with the hand count now',
  );
});

t.test("the Table view lists each resident's ties by name", async (t) => {
  await page.evaluate(() => window.__peoplemap.setTime(window.__peoplemap.to));
  await page.getByRole('button', { name: 'Table view' }).click();
  await page.locator('#network-table tbody tr').first().waitFor();
  await page.waitForTimeout(600);
  t.same(await tableRows(), [
    ['Ann', 'Riverside', '1', 'Bo'],
    ['Bo', 'Hillside', '2', 'Ann, Con Struct'],
    ['Con Struct', 'Hillside', '3', 'Bo, Hazel Own, Tess String'],
    ['Cy', '—', '0', 'no tie'],
    ['Hazel Own', 'Hillside', '1', 'Con Struct'],
    ['Tess String', 'Hillside', '1', 'Con Struct'],
    ['Val Ueof', 'Riverside', '0', 'no tie'],
  ]);
  t.same(await axeViolations(page), [], 'the Map with its Table view passes axe');
  await page.getByRole('button', { name: 'Table view' }).click();
});

t.test('searching by keyboard selects constructor and the panel shows their ties', async (t) => {
  const search = page.locator('#search');
  await search.focus();
  await page.keyboard.type('Con S');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  t.equal((await state()).selected, 'constructor');
  const details = page.locator('#details');
  t.equal(await details.locator('h2').innerText(), 'Con Struct');
  t.equal(await details.locator('[data-field="ties now"]').innerText(), '3');
  t.equal(await details.locator('[data-field="community"]').innerText(), 'Hillside');
  // the API's metrics for the moment: Con Struct's three ties, counted by hand
  await details.locator('[data-field="degree"]').waitFor({ timeout: 30_000 });
  t.equal(await details.locator('[data-field="degree"]').innerText(), '3');
  const position = await page.evaluate(() => window.__peoplemap.viewportPosition('constructor'));
  t.ok(position, 'constructor is drawn where a click reaches them');
  await page.keyboard.press('Escape');
  t.equal((await state()).selected, null);
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.click(box.x + position!.x, box.y + position!.y);
  t.equal((await state()).selected, 'constructor', 'a click on their dot selects them too');
  t.same(await axeViolations(page), [], 'the Map with a resident selected passes axe');
});

t.test('a resident with no metrics at the moment shows none, not a prototype member', async (t) => {
  // Proto Type has moved away by the end: the map has their history, the API no metrics for them.
  await page.locator('#search').fill('Proto');
  await page.getByRole('option', { name: /\(__proto__\)$/ }).click();
  const details = page.locator('#details');
  await details.locator('h2', { hasText: 'Proto Type' }).waitFor();
  t.equal(await details.locator('[data-field="degree"]').count(), 0, 'no degree row');
  t.equal(await details.locator('[data-field="cluster"]').count(), 0, 'no cluster row');
  t.notMatch(await details.innerText(), /undefined|function/);
  await page.keyboard.press('Escape');
});

t.test('colouring by group and by cluster and sizing by betweenness draw the map', async (t) => {
  await page.selectOption('#colour-mode', 'group');
  t.match(await page.locator('#legend').innerText(), /Tuesday choir/);
  await page.selectOption('#colour-mode', 'cluster');
  await page.waitForFunction(
    () => document.getElementById('legend')!.textContent!.includes('cluster 1'),
    null,
    { timeout: 30_000 },
  );
  await page.selectOption('#size-mode', 'betweenness');
  await page.selectOption('#colour-mode', 'community');
  await page.selectOption('#size-mode', 'degree');
  t.same((await state()).visibleEdges, 4);
});

t.test('Play runs from the first event to the last', async (t) => {
  await page.selectOption('#speed', '4');
  await page.locator('#play').focus();
  await page.keyboard.press('Home');
  t.equal((await state()).visibleEdges, 1, 'at the first event only Con–Tess is tied');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__peoplemap.at === window.__peoplemap.to, null, {
    timeout: 30_000,
  });
  t.same((await state()).visibleNodes, 7);
  t.same((await state()).visibleEdges, 4);
});

t.test('Capture records a tie between two odd ids picked by name', async (t) => {
  const mapEnd = (await state()).to;
  await page.getByRole('tab', { name: 'Capture' }).click();
  const ties = page.getByRole('form', { name: 'Record ties' });
  for (const [label, name] of [
    ['From', 'Hazel'],
    ['To', 'Val U'],
  ]) {
    await ties.getByLabel(label, { exact: true }).fill(name);
    await ties.getByRole('listbox').getByRole('option').first().waitFor();
    await ties.getByLabel(label, { exact: true }).press('ArrowDown');
    await ties.getByLabel(label, { exact: true }).press('Enter');
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.__peoplemap.capture?.waiting === 0, null, {
    timeout: 30_000,
  });
  const graph = await api<Graph>(`/projects/${PROJECT}/graph`);
  const pairs = graph.edges.map((e) => [e.source, e.target].sort().join('–'));
  t.ok(pairs.includes('hasOwnProperty–valueOf'), 'the API holds Hazel Own–Val Ueof');
  t.same(await axeViolations(page), [], 'Capture passes axe');
  await page.getByRole('tab', { name: 'Map' }).click();
  // the tie is stamped now: the Map is drawn again, ending at it
  await page.waitForFunction((end) => window.__peoplemap.to > end, mapEnd, { timeout: 30_000 });
  await page.locator('#play').focus();
  await page.keyboard.press('End');
  // at the new end, Hazel–Val joins the four ties of before
  await page.waitForFunction(() => window.__peoplemap.visibleEdges === 5, null, {
    timeout: 30_000,
  });
  t.same((await state()).visibleNodes, 7);
});

t.test('the Report view opens on the project', async (t) => {
  await page.getByRole('tab', { name: 'Report' }).click();
  await page.waitForFunction(
    () => document.querySelector('.report .card') || document.querySelector('.report-status.error'),
    null,
    { timeout: 60_000 },
  );
  t.equal(await page.locator('.report-status.error').count(), 0, 'no error is said');
  t.match(await page.locator('.report-status').innerText(), /waves “toString” and “valueOf”/);
  t.match(await page.locator('.report-body').innerText(), /Constructor scale/);
  t.same(await axeViolations(page), [], 'the Report passes axe');
});

t.test('a release opens with a scale measured only at the follow-up', async (t) => {
  // before the first day no one has a score: the baseline's wellbeing holds no `constructor`
  await api(`/projects/${PROJECT}/releases`, {
    name: 'First week',
    baseline: '2025-02-28T23:00:00Z',
    followup: day(4),
    interval: 'month',
  });
  await page.getByRole('tab', { name: 'Releases' }).click();
  const button = page.locator('.release-list button', { hasText: 'First week' });
  await button.focus();
  await page.keyboard.press('Enter');
  const wellbeing = page.locator('table', { hasText: 'Wellbeing: mean constructor score' });
  await wellbeing.waitFor({ timeout: 30_000 });
  // at the follow-up Con Struct and Ann are the 2 participants with a score (withheld: fewer
  // than 5); the 5 others scored 2, 4, 6, 8 and 1 (Tess, Val, Hazel, Proto, Bo): mean 4.2
  const rows = await wellbeing.innerText();
  t.match(rows, /Participants\s+none\s+none\s+withheld\s+withheld/);
  t.match(rows, /Everyone else\s+none\s+none\s+5\s+4\.2/);
  t.same(await axeViolations(page), [], 'the release passes axe');
});

t.test('no script failed on any view', async (t) => {
  t.same(failures, []);
});
