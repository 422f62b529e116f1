// The Capture forms for what ends or changes, in real headless Chromium against the real API on
// Neo4j, by keyboard: End tie ends a tie in every read, a resident who left the area is out of the
// network and a tie naming them is refused in the entry's own words, a return brings them back,
// a participation is recorded from the session's moment to the day given, and a wave interview
// ends the ties its respondent no longer names.
import t from 'tap';
import type { Graph, Resident } from '../../server/contract.ts';
import { uniqueProject } from '../helpers/server.ts';
import { addTie, allStored, axeViolations, captureSession, form, pick } from './capture-helpers.ts';

const PROJECT = uniqueProject('capture-changes');
t.setTimeout(600_000);

const { api, page } = await captureSession(t, PROJECT, async (api) => {
  await api('/projects', { id: PROJECT, name: 'Changes', template: 'abcd-programme' });
  const joinedAt = '2025-01-01T00:00:00Z';
  await api(`/projects/${PROJECT}/residents`, {
    residents: ['ann', 'bo', 'cy'].map((id) => ({ id, name: id.toUpperCase(), joinedAt })),
  });
  await api(`/projects/${PROJECT}/events`, {
    events: [
      { id: 'x1', type: 'connection', at: '2025-01-02T00:00:00Z', from: 'ann', to: 'bo' },
      { id: 'x2', type: 'connection', at: '2025-01-02T00:00:00Z', from: 'ann', to: 'cy' },
    ],
  });
});

const edges = async () =>
  (await api<Graph>(`/projects/${PROJECT}/graph`)).edges
    .map((e) => [e.source, e.target].sort().join('–'))
    .sort();

t.test('End tie ends the tie between the two residents picked', async (t) => {
  await pick(page, 'End tie', 'Between', 'ANN');
  await pick(page, 'End tie', 'And', 'CY');
  await page.keyboard.press('Enter');
  await allStored(page);
  t.same(await edges(), ['ann–bo']);
  t.ok(
    await page.locator('#entries').getByText('Tie ended: ANN – CY').isVisible(),
    'the entry says what was ended',
  );
});

t.test('a resident who left is out of the network, and a tie naming them is refused', async (t) => {
  await pick(page, 'Leaving and returning', 'Resident', 'BO');
  await page.keyboard.press('Enter');
  await allStored(page);
  const graph = await api<Graph>(`/projects/${PROJECT}/graph`);
  t.same(graph.nodes.map((n) => n.key).sort(), ['ann', 'cy']);
  t.same(await edges(), []);
  await addTie(page, 'ANN', 'BO');
  await allStored(page);
  const refused = page.locator('.entry.failed').first();
  t.match(await refused.textContent(), /not stored: .*"bo" left on/);
});

t.test('a return brings the resident back with the tie nobody ended', async (t) => {
  await pick(page, 'Leaving and returning', 'Resident', 'BO');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await allStored(page);
  t.same(await edges(), ['ann–bo']);
  const bo = await api<Resident>(`/projects/${PROJECT}/residents/bo`);
  t.equal(bo.presence.length, 2, 'present until the leave, and again from the return');
});

t.test('a participation runs from the session to the day given', async (t) => {
  await pick(page, 'Participation', 'Resident', 'CY');
  await page.keyboard.press('Tab');
  // the session's moment as its header shows it (the project's time zone is UTC)
  const session = Date.parse(`${await page.locator('#session-at').inputValue()}:00Z`);
  const next = new Date(session + 2 * 86_400_000).toISOString().slice(0, 10);
  await form(page, 'Participation').getByLabel('Until').fill(next);
  await form(page, 'Participation')
    .getByRole('button', { name: 'Record participation' })
    .press('Enter');
  await allStored(page);
  const cy = await api<Resident>(`/projects/${PROJECT}/residents/cy`);
  t.equal(cy.participation.length, 1);
  t.equal(Date.parse(cy.participation[0].from), session);
  t.equal(cy.participation[0].to?.slice(0, 10), next);
});

t.test(
  'a wave interview ends the ties the respondent no longer names and ties the new names',
  async (t) => {
    t.same(await edges(), ['ann–bo'], 'before: ann is tied to bo only');
    await pick(page, 'Wave interview', 'Respondent', 'ANN');
    await form(page, 'Wave interview').getByLabel('Wave', { exact: true }).fill('midpoint');
    await pick(page, 'Wave interview', 'Names', 'CY');
    await page.keyboard.press('Enter');
    t.ok(
      await form(page, 'Wave interview').getByRole('button', { name: 'Remove CY' }).isVisible(),
      'the name is listed with a way to remove it',
    );
    await form(page, 'Wave interview').getByRole('button', { name: 'Send answer' }).press('Enter');
    await allStored(page);
    t.same(await edges(), ['ann–cy'], 'bo not named: that tie ended; cy named: a new tie');
    const asked = await api<{ events: { resident: string; wave: string }[] }>(
      `/projects/${PROJECT}/events?type=interview`,
    );
    t.match(asked.events, [{ resident: 'ann', wave: 'midpoint' }]);
    t.ok(await page.locator('#entries').getByText('Wave midpoint: ANN names CY').isVisible());
  },
);

t.test("the Wave fields offer the template's waves, baseline and follow-up", async (t) => {
  const offered = await page.$$eval('#wave-names option', (options) =>
    options.map((o) => (o as HTMLOptionElement).value),
  );
  t.same(offered, ['baseline', 'follow-up']);
  const field = form(page, 'Wave interview').getByLabel('Wave', { exact: true });
  t.equal(await field.getAttribute('list'), 'wave-names');
});

t.test('the forms pass axe', async (t) => {
  t.same(await axeViolations(page), []);
});
