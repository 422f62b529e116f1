// Two screens of one workshop, in real headless Chromium against the real API on Neo4j: a tablet
// typing in Capture and a projector showing the Map. What one records reaches the other through
// the live stream, with no reload: the map draws it and its header counts it, and the other
// tablet's Capture lists it, marked by device, without disturbing what is being typed there.
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';
import { addResident, addTie, allStored, axeViolations, form } from './capture-helpers.ts';
import { openDevice, poster, seedWorkshop, warmStream, type Post } from './live-helpers.ts';

const PROJECT = uniqueProject('live-screens');
t.setTimeout(600_000);

let browser: Browser;
let tablet: Page;
let projector: Page;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;

let api: Post;
const open = (view: 'map' | 'capture') => openDevice(browser, { baseUrl, adminKey }, PROJECT, view);

/** ANN–BO over ANN–CY on screen: unchanged when the three stay where they were laid out. */
const shape = (page: Page) =>
  page.evaluate(() => {
    const [a, b, c] = ['ann', 'bo', 'cy'].map((id) => window.__peoplemap.viewportPosition(id)!);
    return Math.hypot(a.x - b.x, a.y - b.y) / Math.hypot(a.x - c.x, a.y - c.y);
  });

const edgesShown = (page: Page) => page.evaluate(() => window.__peoplemap.visibleEdges);

t.before(async () => {
  ({ baseUrl, adminKey, close } = await startTestServer());
  api = poster({ baseUrl, adminKey });
  await api('/projects', { id: PROJECT, name: 'Live workshop' });
  await seedWorkshop(api, PROJECT);
  browser = await launchChromium();
  tablet = await open('capture');
  projector = await open('map');
  // one change through the stream first: the server's first read of a change prepares its queries
  await warmStream(api, PROJECT, projector);
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test(
  'a tie typed on the tablet appears on the projector within 2 s, with no reload',
  async (t) => {
    // the projector is the screen in front (a page in the background has its timers slowed)
    await projector.bringToFront();
    await projector.evaluate(() => ((window as unknown as { loadedOnce: number }).loadedOnce = 1));
    t.equal(await edgesShown(projector), 1, 'one tie before');
    await addTie(tablet, 'ANN', 'CY');
    await allStored(tablet);
    await projector
      .waitForFunction(() => window.__peoplemap.visibleEdges === 2, null, { timeout: 2_000 })
      .catch(async (error) => {
        const seen = await projector.evaluate(() => ({
          live: window.__peoplemap.live,
          at: window.__peoplemap.at,
          to: window.__peoplemap.to,
          edges: window.__peoplemap.visibleEdges,
          status: document.getElementById('status')?.textContent,
        }));
        throw new Error(`${error.message}: ${JSON.stringify(seen)}`);
      });
    t.equal(
      await projector.evaluate(() => (window as unknown as { loadedOnce?: number }).loadedOnce),
      1,
      'the page was not reloaded',
    );
    t.equal(
      await projector.evaluate(() => window.__peoplemap.at === window.__peoplemap.to),
      true,
      'the map at its last event moved on to the new one',
    );
    await projector.getByText('Live workshop: 3 residents, 2 ties over time.').waitFor();
  },
);

t.test(
  'a resident added on the tablet is on the map, and new ones keep the others in place',
  async (t) => {
    const before = await shape(projector);
    await addResident(tablet, 'DEE');
    await allStored(tablet);
    await projector.getByText('Live workshop: 4 residents, 2 ties over time.').waitFor({
      timeout: 5_000,
    });
    t.equal(await projector.evaluate(() => window.__peoplemap.visibleNodes), 4);
    const after = await shape(projector);
    // the camera fits the new extent (a scale and a shift), so the three keep their shape
    t.ok(
      Math.abs(after - before) < 0.01 * before,
      `ANN, BO and CY keep their places (${before}, ${after})`,
    );
  },
);

t.test(
  "a second tablet lists the first's entries by device, and keeps what is typed",
  async (t) => {
    const second = await open('capture');
    const name = form(second, 'Add resident').getByLabel('Name', { exact: true });
    await name.focus();
    await second.keyboard.type('Ev');
    await addTie(tablet, 'BO', 'CY');
    await allStored(tablet);
    const others = second.getByRole('log', { name: 'From other devices' });
    await others.getByText('Tie: BO – CY (knows, 1)').waitFor({ timeout: 5_000 });
    const device = await tablet.evaluate(() => localStorage.getItem('peoplemap:device'));
    t.match(await others.getByRole('listitem').first().textContent(), `from device ${device}`);
    t.equal(await name.inputValue(), 'Ev', 'the name being typed is still there');
    t.ok(await name.evaluate((el) => el === document.activeElement), 'and still has focus');
    t.same(
      await tablet
        .getByRole('log', { name: 'From other devices' })
        .getByRole('listitem')
        .allTextContents(),
      ['Measure: ANN SWEMWBS 21from a sheet or the API'],
      "the tablet's own entries are not listed as others', the API's measure is",
    );
    t.same(await axeViolations(second), [], 'axe-core: Capture with others’ entries');
    t.same(await axeViolations(projector), [], 'axe-core: the Map following live');
  },
);

t.test('a map moved back in time stays there while the network grows', async (t) => {
  await projector.evaluate(() => window.__peoplemap.setTime(Date.parse('2025-01-03T00:00:00Z')));
  const redraws = await projector.evaluate(() => window.__peoplemap.live.redraws);
  const at = new Date().toISOString();
  await api(`/projects/${PROJECT}/residents`, { id: 'fay', name: 'FAY', joinedAt: at });
  await api(`/projects/${PROJECT}/events`, {
    events: [{ id: 'x2', type: 'connection', at, from: 'ann', to: 'fay' }],
  });
  await projector.waitForFunction((n) => window.__peoplemap.live.redraws > n, redraws, {
    timeout: 5_000,
  });
  t.equal(
    await projector.evaluate(() => window.__peoplemap.at),
    Date.parse('2025-01-03T00:00:00Z'),
  );
  t.equal(await edgesShown(projector), 1, 'the moment chosen shows what it showed');
});
