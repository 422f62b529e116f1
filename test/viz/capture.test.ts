// The Capture view in real headless Chromium against the real API on Neo4j: a 12-person workshop
// typed by keyboard reads back from /graph exactly as typed, Undo withdraws a tie from every read,
// entries typed with the API cut off wait in the page (through a reload) and are stored once,
// and every view passes axe-core at desktop and tablet sizes.
import { mkdir } from 'node:fs/promises';
import t from 'tap';
import type { Graph } from '../../server/contract.ts';
import { countProject, uniqueProject } from '../helpers/server.ts';
import {
  addMeasure,
  addResident,
  addTie,
  allStored,
  axeViolations,
  captureSession,
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

// Typing a whole workshop by keyboard, with every write going to Neo4j, takes minutes on a shared
// machine: more than the suite's per-file default.
t.setTimeout(1_200_000);

await mkdir(ARTIFACTS, { recursive: true });
const { app, baseUrl, adminKey, api, browser, page } = await captureSession(
  t,
  PROJECT,
  async (api) => {
    await api('/projects', { id: PROJECT, name: 'Capture workshop' });
    await api(`/projects/${PROJECT}/communities`, {
      communities: [{ id: 'north', name: 'Northfield' }],
    });
    await api(`/projects/${PROJECT}/instruments`, {
      id: 'temperature',
      name: 'Community temperature',
      min: 1,
      max: 10,
      higherIsBetter: true,
    });
  },
);

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
    const named = new Set<string>();
    let from = 'Amara';
    for (const [i, [changed, to]] of NAMED.entries()) {
      await addTie(page, i === 0 ? null : changed, to);
      from = changed ?? from;
      // A pair named before is announced first: a second Enter records it again.
      const pair = [from, to].sort().join();
      if (named.has(pair)) await page.keyboard.press('Enter');
      named.add(pair);
      if (i === 6) await shot('capture-mid-workshop-1280.png');
    }
    await form(page, 'Add group').getByLabel('Name').focus();
    await page.keyboard.type('Garden club');
    await page.keyboard.press('Tab');
    await page.keyboard.press('End'); // the last kind in the list: activity
    await page.keyboard.press('Tab'); // Community: the session's (none)
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    for (const member of ['Amara', 'Luca']) {
      await pick(page, 'Membership', 'Resident', member);
      await page.keyboard.press('Enter');
    }
    await addMeasure(page, 'Luca', 'WEMWBS', '45');
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
    const { groups } = await api<{ groups: { name: string; kind: string }[] }>(
      `/projects/${PROJECT}/groups`,
    );
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

// the three-item UCLA loneliness scale: 3 items scored 1–3, so 3 to 9 (docs/operations.md)
for (const [name, spelling, score] of [
  [
    'a score outside its instrument range is refused in the page and nothing is sent',
    'UCLA-3',
    '12',
  ],
  [
    'an instrument spelled another way the API accepts is held to the same range in the page',
    'ucla 3',
    '2',
  ],
]) {
  t.test(name, async (t) => {
    const before = await countProject(app, PROJECT);
    await addMeasure(page, 'Kemi', spelling, score);
    t.equal(
      await form(page, 'Wellbeing measure').getByRole('alert').textContent(),
      'UCLA-3 scores run from 3 to 9.',
    );
    t.equal(await waiting(page), 0);
    t.same(await countProject(app, PROJECT), before);
  });
}

t.test(
  'the project’s own instrument is offered and held to its range; an unknown one is refused',
  async (t) => {
    const before = await countProject(app, PROJECT);
    const offered = await page
      .locator('#instruments option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    t.same(offered, ['WEMWBS', 'SWEMWBS', 'UCLA-3', 'BRS', 'temperature']);
    const alert = form(page, 'Wellbeing measure').getByRole('alert');
    await addMeasure(page, 'Kemi', 'Temperature', '11');
    t.equal(await alert.textContent(), 'temperature scores run from 1 to 10.');
    await addMeasure(page, 'Kemi', 'mood', '5');
    t.equal(
      await alert.textContent(),
      'Unknown instrument "mood": use one of WEMWBS, SWEMWBS, UCLA-3, BRS, temperature, or add it to the project\'s instruments first.',
    );
    t.equal(
      await form(page, 'Wellbeing measure').getByLabel('Instrument').getAttribute('aria-invalid'),
      'true',
      'the instrument is the field marked',
    );
    t.equal(await waiting(page), 0);
    t.same(await countProject(app, PROJECT), before);
  },
);

t.test('Undo withdraws a tie from the graph, the metrics and the history', async (t) => {
  await addTie(page, 'Kemi', 'Luca');
  await allStored(page);
  t.ok((await tiesByName()).includes('Kemi–Luca'), 'the tie is there before Undo');
  const before = await api<{ graph: { edgeCount: number } }>(`/projects/${PROJECT}/metrics`);
  await page.getByRole('button', { name: 'Undo Tie: Kemi – Luca (knows, 1)' }).focus();
  await page.keyboard.press('Enter');
  await allStored(page);

  t.notOk((await tiesByName()).includes('Kemi–Luca'), 'gone from /graph');
  const after = await api<{ graph: { edgeCount: number } }>(`/projects/${PROJECT}/metrics`);
  t.equal(after.graph.edgeCount, before.graph.edgeCount - 1, 'one tie fewer in /metrics');
  const history = await api<{ ties: { source: string; target: string }[] }>(
    `/projects/${PROJECT}/history`,
  );
  const { residents } = await api<{ residents: { id: string; name: string }[] }>(
    `/projects/${PROJECT}/residents`,
  );
  const id = (name: string) => residents.find((r) => r.name === name)!.id;
  t.notOk(
    history.ties.some(
      (e) => [e.source, e.target].sort().join() === [id('Kemi'), id('Luca')].sort().join(),
    ),
    'gone from /history',
  );
  t.match(await page.locator('.entry.undone').first().textContent(), /Kemi – Luca.*undone/);
});

t.test(
  'entries typed while the API is cut off wait, survive a reload and are stored once',
  async (t) => {
    const before = await countProject(app, PROJECT);
    await page.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
    await addResident(page, 'Nadia');
    await addTie(page, 'Nadia', 'Amara');
    await addMeasure(page, 'Nadia', 'BRS', '3.5');
    const counter = page.locator('#queue-status');
    await counter.filter({ hasText: '3 entries wait to be sent' }).waitFor();
    t.ok(await counter.isVisible(), 'the counter says three wait');
    await shot('capture-offline-1280.png');

    await page.reload();
    await counter.filter({ hasText: '3 entries wait to be sent' }).waitFor({ timeout: 30_000 });
    t.pass('after a reload the three still wait');
    await page.unroute('**/api/v1/**');
    await allStored(page, 90_000);

    const after = await countProject(app, PROJECT);
    t.same(
      after,
      { ...before, residents: before.residents + 1, events: before.events + 2 },
      'each stored once',
    );
    const { residents } = await api<{ residents: { name: string }[] }>(
      `/projects/${PROJECT}/residents`,
    );
    t.equal(residents.filter((r) => r.name === 'Nadia').length, 1, 'one Nadia');
    t.ok((await tiesByName()).includes('Amara–Nadia'));
  },
);

t.test('the header shows the role of the key from /me', async (t) => {
  t.equal(await page.locator('#role').textContent(), 'Role: admin');
});

t.test(
  "an evaluator's key sees the Capture view with its write controls disabled and why",
  async (t) => {
    const { key } = await api<{ key: string }>('/keys', {
      role: 'evaluator',
      projects: [PROJECT],
      name: 'Evaluator',
    });
    const evaluator = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await evaluator.goto(
      `${baseUrl}/#project=${PROJECT}&view=capture&key=${encodeURIComponent(key)}`,
    );
    await evaluator.locator('#role').filter({ hasText: 'Role: evaluator' }).waitFor();
    const add = form(evaluator, 'Add resident').getByRole('button', { name: 'Add resident' });
    t.ok(await add.isDisabled(), 'Add resident is disabled');
    t.match(
      await evaluator.locator('#write-note').textContent(),
      /can read this project but not record/,
    );
    t.equal(await add.getAttribute('aria-describedby'), 'write-note', 'the button says why');
    t.same(await axeViolations(evaluator), []);
    await evaluator.close();
  },
);

t.test('on a 768 px touch tablet the Capture view fits, takes taps and passes axe', async (t) => {
  const tablet = await browser.newContext({
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
    isMobile: true,
  });
  const touch = await tablet.newPage();
  await touch.goto(`${baseUrl}/#project=${PROJECT}&key=${encodeURIComponent(adminKey)}`);
  await touch.getByRole('tab', { name: 'Capture' }).tap();
  await form(touch, 'Add resident').getByLabel('Name').tap();
  await touch.keyboard.type('Omar');
  await form(touch, 'Add resident').getByRole('button', { name: 'Add resident' }).tap();
  await touch.waitForFunction(() => window.__peoplemap.capture?.waiting === 0, null, {
    timeout: 30_000,
  });
  await form(touch, 'Record ties').getByLabel('From', { exact: true }).tap();
  await touch.keyboard.type('Oma');
  await form(touch, 'Record ties').getByRole('option', { name: /^Omar/ }).tap();
  t.match(
    await form(touch, 'Record ties').getByLabel('From', { exact: true }).inputValue(),
    /^Omar \(omar-/,
  );
  const overflow = await touch.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  t.ok(overflow <= 0, `nothing runs off the side (${overflow} px)`);
  await touch.screenshot({
    path: new URL('capture-tablet-768.png', ARTIFACTS).pathname,
    fullPage: true,
  });
  t.same(await axeViolations(touch), []);
  await tablet.close();
});
