// The Map's "Follow live" control, in real headless Chromium against the real API on Neo4j: on when
// the map opens (the slider at the newest moment, moving on as the project grows), off once the
// slider is moved back (the map then stays at its moment), on again with a press (a jump to the
// newest moment), and kept through Play, which then ends on live.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';
import { axeViolations } from '../helpers/axe.ts';

const PROJECT = uniqueProject('follow-live');
t.setTimeout(600_000);

let browser: Browser;
let page: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;
let tied = 0;

async function post(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** A tie stored through the API (another device), a day after the one before. */
async function tieElsewhere(from: string, to: string): Promise<number> {
  tied++;
  const at = Date.UTC(2025, 0, 10 + tied);
  await post(`/projects/${PROJECT}/events`, {
    events: [{ id: `x${tied}`, type: 'connection', at: new Date(at).toISOString(), from, to }],
  });
  return at;
}

const follow = () => page.getByRole('button', { name: 'Follow live' });
const pressed = async () => (await follow().getAttribute('aria-pressed')) === 'true';
const state = () =>
  page.evaluate(() => ({
    at: window.__peoplemap.at,
    to: window.__peoplemap.to,
    edges: window.__peoplemap.visibleEdges,
    redraws: window.__peoplemap.live.redraws,
  }));
const redrawn = (after: number) =>
  page.waitForFunction((n) => window.__peoplemap.live.redraws > n, after, { timeout: 30_000 });

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  await post('/projects', { id: PROJECT, name: 'Follow live' });
  await post(`/projects/${PROJECT}/residents`, {
    residents: ['ann', 'bo', 'cy', 'di'].map((id) => ({
      id,
      name: id.toUpperCase(),
      joinedAt: '2025-01-01T00:00:00Z',
    })),
  });
  await post(`/projects/${PROJECT}/events`, {
    events: [
      { id: 'a1', type: 'connection', at: '2025-01-02T00:00:00Z', from: 'ann', to: 'bo' },
      { id: 'a2', type: 'connection', at: '2025-01-05T00:00:00Z', from: 'bo', to: 'cy' },
    ],
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (error) => console.error(`map page: ${error.message}`));
  await page.goto(`${baseUrl}/#project=${PROJECT}&view=map&key=${encodeURIComponent(adminKey)}`);
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 60_000 });
  await page.getByText('Live: following every device').waitFor({ timeout: 30_000 });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test(
  'Follow live is on when the map opens, and a tie stored elsewhere moves it on',
  async (t) => {
    t.ok(await follow().isVisible(), 'the control is on screen');
    t.ok(await pressed(), 'pressed');
    const before = await state();
    t.equal(before.at, before.to, 'the slider at the newest moment');
    t.equal(before.edges, 2);
    const at = await tieElsewhere('cy', 'di');
    await page.waitForFunction((n) => window.__peoplemap.visibleEdges === n, 3, {
      timeout: 30_000,
    });
    t.equal((await state()).at, at, 'the map moved on to the new tie');
    t.same(await axeViolations(page), [], 'axe-core: the Map with Follow live');
  },
);

t.test(
  'moving the slider back turns Follow live off, and the map stays at its moment',
  async (t) => {
    await page.locator('#slider').focus();
    await page.keyboard.press('Home');
    const back = await state();
    t.ok(back.at < back.to, 'the slider went back');
    t.notOk(await pressed(), 'Follow live is off');
    await tieElsewhere('ann', 'di');
    await redrawn(back.redraws);
    const after = await state();
    t.equal(after.at, back.at, 'the map stays where it was moved');
    t.ok(after.to > back.to, 'while the history grew');
    t.notOk(await pressed(), 'and Follow live stays off');
  },
);

t.test('pressing Follow live jumps to the newest moment and follows again', async (t) => {
  await follow().focus();
  await page.keyboard.press('Enter');
  t.ok(await pressed(), 'pressed');
  const now = await state();
  t.equal(now.at, now.to, 'at the newest moment');
  t.equal(now.edges, 4, 'every tie stored so far is drawn');
  const at = await tieElsewhere('ann', 'cy');
  await page.waitForFunction((n) => window.__peoplemap.visibleEdges === n, 5, { timeout: 30_000 });
  t.equal((await state()).at, at, 'and it follows the next one');
});

t.test(
  'Play while following runs to the end and stays on live for what came meanwhile',
  async (t) => {
    await page.selectOption('#speed', '4');
    const before = await state();
    await page.locator('#play').click();
    await page.waitForFunction((to) => window.__peoplemap.at < to, before.to, { timeout: 10_000 });
    t.ok(await pressed(), 'playing from the start leaves Follow live on');
    // stored while the map plays: it is drawn once Play has run to the end
    const at = await tieElsewhere('bo', 'di');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 60_000 });
    await page.waitForFunction((n) => window.__peoplemap.visibleEdges === n, 6, {
      timeout: 30_000,
    });
    const end = await state();
    t.equal(end.at, at, 'the map is at the tie stored during Play');
    t.equal(end.at, end.to, 'the newest moment');
    t.ok(await pressed(), 'still following');
  },
);
