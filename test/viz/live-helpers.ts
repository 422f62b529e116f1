// The live tests' workshop, shared by the one-server and two-server tests: a POST with the admin
// key, a device's page (its own browser context, so its own storage and device code) opened on a
// view once it follows the stream, three residents and a tie, and one change sent through the
// stream before the tests (a server's first read of a change prepares its queries).
import type { Browser, Page } from 'playwright-core';

export type Post = (path: string, body: unknown) => Promise<void>;
interface Served {
  baseUrl: string;
  adminKey: string;
}

export const poster =
  ({ baseUrl, adminKey }: Served): Post =>
  async (path, body) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };

export async function openDevice(
  browser: Browser,
  server: Served,
  project: string,
  view: 'map' | 'capture',
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`${view} page: ${error.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`${view} console: ${m.text()}`));
  const key = encodeURIComponent(server.adminKey);
  await page.goto(`${server.baseUrl}/#project=${project}&view=${view}&key=${key}`);
  await page.waitForFunction(() => window.__peoplemap?.ready === true, null, { timeout: 60_000 });
  await page.getByText('Live: following every device').waitFor({ timeout: 30_000 });
  return page;
}

/** ANN, BO and CY, who joined on 1 January 2025, and ANN–BO from 2 January. */
export async function seedWorkshop(post: Post, project: string): Promise<void> {
  await post(`/projects/${project}/residents`, {
    residents: ['ann', 'bo', 'cy'].map((id) => ({
      id,
      name: id.toUpperCase(),
      joinedAt: '2025-01-01T00:00:00Z',
    })),
  });
  await post(`/projects/${project}/events`, {
    events: [{ id: 'x1', type: 'connection', at: '2025-01-02T00:00:00Z', from: 'ann', to: 'bo' }],
  });
}

/** One measure through the stream, waited for on the projector's map (its first redraw). */
export async function warmStream(post: Post, project: string, projector: Page): Promise<void> {
  await post(`/projects/${project}/events`, {
    events: [
      {
        id: 'm1',
        type: 'measure',
        at: '2025-01-02T00:00:00Z',
        resident: 'ann',
        instrument: 'SWEMWBS',
        score: 21,
      },
    ],
  });
  await projector.waitForFunction(() => window.__peoplemap.live.redraws === 1, null, {
    timeout: 30_000,
  });
}
