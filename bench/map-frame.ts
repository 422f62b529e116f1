// Frame time of the map's time slider in headless Chromium: opens the map for a project, steps the
// slider evenly from the first to the last event and reports JSON. Run with a server up:
//   node --import tsx bench/map-frame.ts --base-url http://127.0.0.1:3000 --key KEY --project ID [--steps 200]
// or call measureMapFrames.
// stepWorkMs: the page's setTime alone (state, reducers, panel, WebGL draw calls); frameMs: from the
// start of a frame, through setTime, until the next frame starts — when the browser is still drawing
// the step, that frame comes late. baselineIdleFrameMs: the same interval with no change, in the
// same page and run, so ratioFrameToIdle (≈ 1 when a step fits in a frame) holds across machines.
import { parseArgs } from 'node:util';
import { type Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium.ts';

export interface MapFrameOptions {
  baseUrl: string;
  key: string;
  project: string;
  steps: number;
}

export interface MapFrameResult {
  steps: number;
  nodes: number;
  edges: number;
  medianStepWorkMs: number;
  p95StepWorkMs: number;
  medianFrameMs: number;
  p95FrameMs: number;
  baselineIdleFrameMs: number;
  ratioFrameToIdle: number;
}

/** Idle frames sampled for the baseline. */
const IDLE_FRAMES = 60;
/** The page counts as settled once no request has been open for this long. */
const QUIET_MS = 1000;

export async function measureMapFrames(options: MapFrameOptions): Promise<MapFrameResult> {
  const { baseUrl, key, project, steps } = options;
  if (!(steps > 1)) throw new Error(`bench/map-frame: steps must be above 1, got ${steps}`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const settled = trackRequests(page);
    await page.goto(
      `${baseUrl}/#project=${encodeURIComponent(project)}&key=${encodeURIComponent(key)}`,
      { timeout: 120_000 },
    );
    await page.waitForFunction(() => window.__peoplemap?.ready === true, null, {
      timeout: 300_000,
    });
    // The map asks the API for metrics once the slider settles: let that finish first, so the
    // server's work does not share the CPU with the frames being measured.
    await settled();
    const samples = await page.evaluate(
      async ({ count, idleFrames }) => {
        const map = window.__peoplemap;
        // Inline promises, not a helper: tsx would wrap a named helper in a `__name` the page lacks.
        const idleMs: number[] = [];
        let last = await new Promise<number>((resolve) =>
          requestAnimationFrame(() => resolve(performance.now())),
        );
        for (let i = 0; i < idleFrames; i++) {
          const now = await new Promise<number>((resolve) =>
            requestAnimationFrame(() => resolve(performance.now())),
          );
          idleMs.push(now - last);
          last = now;
        }
        const frameMs: number[] = [];
        const workMs: number[] = [];
        map.setTime(map.from);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        for (let i = 1; i <= count; i++) {
          const start = await new Promise<number>((resolve) =>
            requestAnimationFrame(() => resolve(performance.now())),
          );
          const before = performance.now();
          map.setTime(map.from + ((map.to - map.from) * i) / count);
          workMs.push(performance.now() - before);
          const end = await new Promise<number>((resolve) =>
            requestAnimationFrame(() => resolve(performance.now())),
          );
          frameMs.push(end - start);
        }
        return { idleMs, frameMs, workMs, nodes: map.visibleNodes, edges: map.visibleEdges };
      },
      { count: steps, idleFrames: IDLE_FRAMES },
    );
    const medianFrameMs = quantile(samples.frameMs, 0.5);
    const baselineIdleFrameMs = quantile(samples.idleMs, 0.5);
    return {
      steps,
      nodes: samples.nodes,
      edges: samples.edges,
      medianStepWorkMs: quantile(samples.workMs, 0.5),
      p95StepWorkMs: quantile(samples.workMs, 0.95),
      medianFrameMs,
      p95FrameMs: quantile(samples.frameMs, 0.95),
      baselineIdleFrameMs,
      ratioFrameToIdle: Math.round((medianFrameMs / baselineIdleFrameMs) * 100) / 100,
    };
  } finally {
    await browser.close();
  }
}

/** Counts the page's open requests; the returned function waits until none has been open for QUIET_MS. */
function trackRequests(page: Page): () => Promise<void> {
  let open = 0;
  let lastChange = Date.now();
  const change = (delta: number) => {
    open += delta;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return async () => {
    while (open > 0 || Date.now() - lastChange < QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
}

function quantile(list: number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      key: { type: 'string' },
      project: { type: 'string' },
      steps: { type: 'string', default: '200' },
    },
  });
  const baseUrl = values['base-url'];
  const { key, project } = values;
  const steps = Number(values.steps);
  if (!baseUrl || !key || !project || !(steps > 1)) {
    console.error('usage: bench/map-frame.ts --base-url URL --key KEY --project ID [--steps N]');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureMapFrames({ baseUrl, key, project, steps })));
}
