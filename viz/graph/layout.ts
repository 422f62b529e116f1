// The map's positions: from localStorage when this history was laid out before, else computed in a
// worker and cached, keyed by project id and the history's fingerprint.
import type { NetworkTimeline } from './network-timeline.ts';

const CACHE_VERSION = 1;

export async function layoutFor(project: string, timeline: NetworkTimeline): Promise<Float64Array> {
  const cacheKey = `peoplemap:layout:v${CACHE_VERSION}:${project}:${timeline.fingerprint}`;
  const cached = readCache(cacheKey, timeline.residents.length);
  if (cached) return cached;
  const positions = await computeInWorker(timeline);
  writeCache(cacheKey, project, positions);
  return positions;
}

function computeInWorker(timeline: NetworkTimeline): Promise<Float64Array> {
  const ties = new Int32Array(timeline.tieSource.length * 2);
  for (let e = 0; e < timeline.tieSource.length; e++) {
    ties[2 * e] = timeline.tieSource[e];
    ties[2 * e + 1] = timeline.tieTarget[e];
  }
  const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Float64Array>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`layout failed: ${event.message}`));
    };
    worker.postMessage({ order: timeline.residents.length, ties }, [ties.buffer]);
  });
}

function readCache(cacheKey: string, order: number): Float64Array | null {
  try {
    const stored = localStorage.getItem(cacheKey);
    if (!stored) return null;
    const values = JSON.parse(stored) as number[];
    return values.length === order * 2 ? Float64Array.from(values) : null;
  } catch {
    return null;
  }
}

/** Keeps one layout per project: older fingerprints of the same project are dropped. */
function writeCache(cacheKey: string, project: string, positions: Float64Array): void {
  const prefix = `peoplemap:layout:v${CACHE_VERSION}:${project}:`;
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(prefix) && key !== cacheKey) localStorage.removeItem(key);
    }
    localStorage.setItem(cacheKey, JSON.stringify(Array.from(positions)));
  } catch {
    // Storage full or disabled: the layout is recomputed next visit, which is only slower.
  }
}
