// Map fixes found in review, each shown by a small hand-made project in real Chromium on the real
// API: metrics after play/pause at a fractional moment, and residents who join after the last event.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';

const PROJECT = uniqueProject('map-fixes');
const day = (n: number) => new Date(Date.UTC(2025, 2, 1 + n, 18)).toISOString();

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  await post('/projects', { id: PROJECT, name: 'Map fixes' });
  // Ann, Bo, Cy and Di meet over three days (two triangles' worth of ties: Ann–Bo, Bo–Cy, Cy–Ann,
  // Cy–Di); Eve is recorded with a joining date a week after the last event and has no tie.
  await post(`/projects/${PROJECT}/residents`, {
    residents: [
      { id: 'ann', name: 'Ann', participant: true },
      { id: 'bo', name: 'Bo' },
      { id: 'cy', name: 'Cy' },
      { id: 'di', name: 'Di' },
      { id: 'eve', name: 'Eve', joinedAt: day(10) },
    ],
  });
  await post(`/projects/${PROJECT}/events`, {
    events: [
      { id: 't1', type: 'connection', at: day(0), from: 'ann', to: 'bo' },
      { id: 't2', type: 'connection', at: day(1), from: 'bo', to: 'cy' },
      { id: 't3', type: 'connection', at: day(1), from: 'cy', to: 'ann' },
      { id: 't4', type: 'connection', at: day(3), from: 'cy', to: 'di' },
    ],
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${baseUrl}/#project=${PROJECT}&key=${encodeURIComponent(adminKey)}`);
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 60_000 });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test(
  'a resident who joins after the last event is drawn at the end, as /graph now has them',
  async (t) => {
    const response = await fetch(`${baseUrl}/api/v1/projects/${PROJECT}/graph`, {
      headers: { Authorization: `Bearer ${adminKey}` },
    });
    const graph = (await response.json()) as { nodes: { key: string }[] };
    t.equal(graph.nodes.length, 5, 'the API counts all five residents now');
    const end = await page.evaluate(() => {
      window.__peoplemap.setTime(window.__peoplemap.to);
      return { visible: window.__peoplemap.visibleNodes, to: window.__peoplemap.to };
    });
    t.equal(end.visible, 5, 'the map draws all five at its last moment');
    t.equal(end.to, Date.parse(day(10)), "the slider ends at Eve's joining");
  },
);

t.test(
  'after play and pause at a fractional moment, colouring by detected cluster appears',
  async (t) => {
    await page.selectOption('#colour-mode', 'cluster');
    await page.evaluate(() => {
      // What play leaves behind: a moment between two whole milliseconds.
      window.__peoplemap.setTime(window.__peoplemap.from + 2.5 * 86_400_000 + 0.37);
    });
    await page.locator('#play').click();
    await page.locator('#play').click();
    // the server's first analysis starts its worker threads: on a busy machine that takes seconds
    await page.waitForFunction(
      () => document.getElementById('legend')!.textContent!.includes('cluster 1'),
      null,
      { timeout: 30_000 },
    );
    t.notMatch(await page.locator('#legend').textContent(), /not computed yet/);
  },
);

t.test("a selected resident's metrics appear after play and pause", async (t) => {
  await page.evaluate(() =>
    window.__peoplemap.setTime(window.__peoplemap.from + 86_400_000 + 0.61),
  );
  await page.locator('#play').click();
  await page.locator('#play').click();
  await page.fill('#search', 'Ann');
  await page.getByRole('option', { name: /\(ann\)$/ }).click();
  // Ann knows Bo and Cy a day in: degree 2, counted by hand.
  await page.waitForSelector('#details [data-field="degree"]', { timeout: 10_000 });
  t.equal(await page.locator('#details [data-field="degree"]').textContent(), '2');
});
