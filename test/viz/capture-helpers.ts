// Driving the Capture view as a coordinator does, by keyboard, and the session it runs in (a test
// server, Chromium, a page on Capture): shared by the capture tests.
import type { Test } from 'tap';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startTestServer } from '../helpers/server.ts';

export { axeViolations } from '../helpers/axe.ts';

/**
 * The API over HTTP, as the page reaches it: GET `path`, or POST `body` as JSON when one is given,
 * with `key`; the answer's JSON, or an error naming the path and status.
 */
async function httpApi<T>(baseUrl: string, key: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What a Capture test drives: the server, its API as the admin, Chromium and the page. */
export interface CaptureSession {
  app: FastifyInstance;
  baseUrl: string;
  adminKey: string;
  api: <T>(path: string, body?: unknown) => Promise<T>;
  browser: Browser;
  /** A desktop-sized page on the project's Capture view, signed in as the admin. */
  page: Page;
}

/**
 * A test server and Chromium, both closed when `t` ends; `seed` makes and fills the project over
 * the API before the page opens on its Capture view, and the session is handed over once the app
 * says it is ready.
 */
export async function captureSession(
  t: Test,
  project: string,
  seed: (api: CaptureSession['api']) => Promise<void>,
): Promise<CaptureSession> {
  const { app, baseUrl, adminKey, close } = await startTestServer();
  let browser: Browser | undefined;
  t.teardown(async () => {
    await browser?.close();
    await close();
  });
  const api = <T>(path: string, body?: unknown) => httpApi<T>(baseUrl, adminKey, path, body);
  await seed(api);
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(
    `${baseUrl}/#project=${project}&view=capture&key=${encodeURIComponent(adminKey)}`,
  );
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 60_000 });
  return { app, baseUrl, adminKey, api, browser, page };
}

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

/** A wellbeing measure: the resident picked, then Tab to the instrument and the score, and Enter. */
export async function addMeasure(
  page: Page,
  resident: string,
  instrument: string,
  score: string,
): Promise<void> {
  await pick(page, 'Wellbeing measure', 'Resident', resident);
  await page.keyboard.press('Tab');
  await page.keyboard.type(instrument);
  await page.keyboard.press('Tab');
  await page.keyboard.type(score);
  await page.keyboard.press('Enter');
}

export const waiting = (page: Page) =>
  page.evaluate(() => window.__peoplemap.capture?.waiting ?? -1);

/** Until every entry typed has reached the API. */
export async function allStored(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__peoplemap.capture?.waiting === 0, null, { timeout });
}
