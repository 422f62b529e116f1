// Driving the Capture view as a coordinator does, by keyboard: shared by the capture tests.
import type { Page } from 'playwright-core';

export { axeViolations } from '../helpers/axe.ts';

export const form = (page: Page, name: string) => page.getByRole('form', { name });

/** Types into a field the way a person does: focus, select what is there, type. */
async function typeInto(page: Page, formName: string, label: string, text: string): Promise<void> {
  await form(page, formName).getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** Name, then Tab through Community, Participant (Space ticks it), Consent, and Enter on the button. */
export async function addResident(page: Page, name: string, participant = false): Promise<void> {
  await typeInto(page, 'Add resident', 'Name', name);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  if (participant) await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
}

/** Types part of a name into a picker, ArrowDown to the first suggestion, Enter to pick it. */
export async function pick(page: Page, formName: string, label: string, name: string) {
  await typeInto(page, formName, label, name);
  await form(page, formName).getByRole('listbox').getByRole('option').first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** A tie: From is typed only when it changes (it stays after each tie); Enter in To adds it. */
export async function addTie(page: Page, from: string | null, to: string): Promise<void> {
  if (from !== null) await pick(page, 'Record ties', 'From', from);
  await pick(page, 'Record ties', 'To', to);
  await page.keyboard.press('Enter');
}

export const waiting = (page: Page) =>
  page.evaluate(() => window.__peoplemap.capture?.waiting ?? -1);

/** Until every entry typed has reached the API. */
export async function allStored(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__peoplemap.capture?.waiting === 0, null, { timeout });
}
