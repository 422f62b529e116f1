// The map page in a real headless Chromium against the real API with the demo programme loaded:
// it loads, the slider changes what is drawn (checked on the state and on the canvas's pixels),
// search, selection, Escape, PNG export and the key leaving the address bar.
import { mkdir, readFile } from 'node:fs/promises';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { generateDemoProgramme } from '../../fixtures/demo-programme.ts';
import { launchChromium } from '../../scripts/chromium.ts';
import type { PeoplemapState } from '../../viz/main.ts';
import { loadDemo, startTestServer } from '../helpers/server.ts';

const PROJECT = 'viz-demo';
/** A week into the 18-month demo programme: its first groups have met, few ties exist yet. */
const EARLY_MS = 7 * 86_400_000;
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

type MapState = Pick<
  PeoplemapState,
  'ready' | 'at' | 'from' | 'to' | 'visibleNodes' | 'visibleEdges' | 'selected'
>;

/**
 * The demo's residents in the map at `atMs`, counted from the programme itself by the documented
 * rules: withdrawn residents are in no read; a resident is there from their joinedAt, else from
 * their first event that is not retracted (one never named nor dated joins when created: later).
 */
function demoResidentsAt(atMs: number): number {
  const demo = generateDemoProgramme();
  const retracted = new Set(demo.events.flatMap((e) => (e.type === 'retraction' ? [e.event] : [])));
  const firstEvent = new Map<string, number>();
  for (const e of demo.events) {
    if (e.type === 'retraction' || retracted.has(e.id)) continue;
    const named = 'resident' in e ? [e.resident] : 'from' in e ? [e.from, e.to] : [];
    for (const id of named)
      firstEvent.set(id, Math.min(firstEvent.get(id) ?? Infinity, Date.parse(e.at)));
  }
  const joined = (r: (typeof demo.residents)[number]) =>
    r.joinedAt !== undefined ? Date.parse(r.joinedAt) : (firstEvent.get(r.id) ?? Infinity);
  // away at atMs: their latest leave or return at or before it is a leave (docs/time-rule.md)
  const lastMove = new Map<string, { at: number; type: string }>();
  for (const e of demo.events) {
    if ((e.type !== 'leave' && e.type !== 'return') || retracted.has(e.id)) continue;
    const at = Date.parse(e.at);
    const kept = lastMove.get(e.resident);
    if (at <= atMs && (!kept || at >= kept.at)) lastMove.set(e.resident, { at, type: e.type });
  }
  const away = (id: string) => lastMove.get(id)?.type === 'leave';
  return demo.residents.filter((r) => r.consent !== 'withdrawn' && joined(r) <= atMs && !away(r.id))
    .length;
}

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;

const state = (): Promise<MapState> =>
  page.evaluate(() => {
    const { ready, at, from, to, visibleNodes, visibleEdges, selected } = window.__peoplemap;
    return { ready, at, from, to, visibleNodes, visibleEdges, selected };
  });

/** Moves the slider and waits until the frame is on screen. */
async function moveTo(at: number): Promise<MapState> {
  await page.evaluate(async (ms) => {
    window.__peoplemap.setTime(ms);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, at);
  return state();
}

/** Pixels of the map that are not background, counted from a screenshot (legend hidden). */
async function inkedPixels(): Promise<number> {
  await page.evaluate(() => (document.getElementById('legend')!.style.visibility = 'hidden'));
  const shot = await page.locator('#map').screenshot();
  await page.evaluate(() => (document.getElementById('legend')!.style.visibility = ''));
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235) inked++;
    }
    return inked;
  }, shot.toString('base64'));
}

async function mostConnectedResident(): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/projects/${PROJECT}/history`, {
    headers: { Authorization: `Bearer ${adminKey}` },
  });
  const history = (await response.json()) as { ties: { source: string; target: string }[] };
  const degree = new Map<string, number>();
  for (const { source, target } of history.ties) {
    degree.set(source, (degree.get(source) ?? 0) + 1);
    degree.set(target, (degree.get(target) ?? 0) + 1);
  }
  return [...degree].sort((a, b) => b[1] - a[1])[0][0];
}

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  await loadDemo(baseUrl, adminKey, PROJECT);
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await page.goto(
    `${baseUrl}/#project=${encodeURIComponent(PROJECT)}&key=${encodeURIComponent(adminKey)}`,
  );
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 120_000 });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('the demo loads with its legend', async (t) => {
  const loaded = await state();
  t.equal(loaded.ready, true);
  // the map ends at the last event: everyone who joined and is not away, residents created
  // without a date too
  t.equal(loaded.visibleNodes, demoResidentsAt(Infinity), 'every resident at the last moment');
  t.ok((await page.locator('#legend li').count()) > 1, 'the legend lists colours');
});

t.test('the key is removed from the address bar after opening via a link', async (t) => {
  const hash = await page.evaluate(() => location.hash);
  t.notMatch(hash, /key=/);
  t.notOk(hash.includes(adminKey), 'the key is nowhere in the hash');
  t.equal(hash, `#project=${PROJECT}`);
});

t.test('a week in shows fewer residents and ties than the end, on the canvas too', async (t) => {
  const { from, to } = await state();
  const end = await moveTo(to);
  const endInk = await inkedPixels();
  await page.screenshot({ path: new URL('map-end.png', ARTIFACTS).pathname });

  const early = await moveTo(from + EARLY_MS);
  t.equal(early.visibleNodes, demoResidentsAt(from + EARLY_MS), 'the residents a week in');
  const earlyInk = await inkedPixels();
  await page.screenshot({ path: new URL('map-early.png', ARTIFACTS).pathname });
  t.ok(
    early.visibleNodes < end.visibleNodes,
    `${early.visibleNodes} residents early < ${end.visibleNodes} at the end`,
  );
  t.ok(
    early.visibleEdges < end.visibleEdges,
    `${early.visibleEdges} ties early < ${end.visibleEdges} at the end`,
  );
  t.ok(earlyInk > 200, `the early canvas is not blank (${earlyInk} drawn pixels)`);
  t.ok(endInk > earlyInk, `more is drawn at the end (${endInk}) than early (${earlyInk})`);

  const middle = await moveTo(from + (to - from) / 2);
  t.ok(middle.visibleNodes >= early.visibleNodes && middle.visibleNodes <= end.visibleNodes);
  await page.screenshot({ path: new URL('map-middle.png', ARTIFACTS).pathname });
  await moveTo(to);
});

t.test('at every moment tried the map shows exactly the API network at that moment', async (t) => {
  const { from, to } = await state();
  // The first event, a day in, the demo's month-6 and month-12 marks, a moment between events, the end.
  const moments = [
    from,
    from + 86_400_000,
    from + (to - from) / 3,
    from + (2 * (to - from)) / 3,
    to - 1,
    to,
  ];
  for (const at of moments) {
    const shown = await moveTo(at);
    const response = await fetch(
      `${baseUrl}/api/v1/projects/${PROJECT}/graph?at=${new Date(shown.at).toISOString()}`,
      { headers: { Authorization: `Bearer ${adminKey}` } },
    );
    const graph = (await response.json()) as { nodes: unknown[]; edges: unknown[] };
    const when = new Date(shown.at).toISOString();
    t.equal(shown.visibleNodes, graph.nodes.length, `residents at ${when}`);
    t.equal(shown.visibleEdges, graph.edges.length, `ties at ${when}`);
  }
});

t.test('arrow keys move the slider and space plays and pauses', async (t) => {
  const { to } = await moveTo((await state()).to);
  await page.locator('#map').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowLeft');
  t.ok((await state()).at < to, 'ArrowLeft moves back');
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  t.equal(await page.locator('#play').getAttribute('aria-label'), 'Pause');
  await page.keyboard.press(' ');
  t.equal(await page.locator('#play').getAttribute('aria-label'), 'Play');
  await moveTo(to);
});

t.test(
  'searching and clicking a resident selects them and shows their details; Escape clears',
  async (t) => {
    const id = await mostConnectedResident();
    await page.fill('#search', id);
    await page.getByRole('option', { name: new RegExp(`\\(${id}\\)$`) }).click();
    t.equal((await state()).selected, id);
    t.equal(await page.locator('#details').isVisible(), true);
    t.match(await page.locator('#details [data-field="id"]').textContent(), id);
    // The demo's two communities, by the names the programme gave them (not their ids).
    t.match(
      await page.locator('#details [data-field="community"]').textContent(),
      /^(Northfield Estate|Riverside)$/,
    );
    await page.keyboard.press('Escape');
    t.equal((await state()).selected, null);
    t.equal(await page.locator('#details').isVisible(), false);
  },
);

t.test('clicking a resident on the canvas selects them', async (t) => {
  const id = await mostConnectedResident();
  const box = (await page.locator('#map').boundingBox())!;
  const position = await page.evaluate((node) => window.__peoplemap.viewportPosition(node), id);
  t.ok(position, 'the resident is drawn');
  await page.mouse.click(box.x + position!.x, box.y + position!.y);
  t.equal((await state()).selected, id);
  await page.keyboard.press('Escape');
});

t.test('export yields a PNG file', async (t) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const bytes = await readFile(await download.path());
  t.same(
    [...bytes.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'PNG signature',
  );
  t.ok(bytes.length > 1000, `a real image (${bytes.length} bytes)`);
});
