// The map's positions: from localStorage when this history was laid out before, else computed in a
// worker and cached, keyed by project id and the history's fingerprint. A history grown live keeps
// everyone where they were and places newcomers beside someone they are tied to.
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

/** Golden angle: newcomers with no tie yet spiral out from the middle without landing on each other. */
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/**
 * The positions for a history that grew from `before`: the residents already drawn stay put, a
 * newcomer goes a short step from the first resident drawn it is tied to, else on a spiral around
 * the middle; cached like a computed layout, so a reload draws the same map.
 */
export function extendLayout(
  project: string,
  before: NetworkTimeline,
  placed: Float64Array,
  after: NetworkTimeline,
): Float64Array {
  const n = after.residents.length;
  const positions = new Float64Array(n * 2);
  const known = new Uint8Array(n);
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  after.residents.forEach((r, i) => {
    const j = before.residentIndex.get(r.id);
    if (j === undefined) return;
    const [x, y] = [placed[2 * j], placed[2 * j + 1]];
    positions.set([x, y], 2 * i);
    known[i] = 1;
    [minX, maxX, minY, maxY] = [
      Math.min(minX, x),
      Math.max(maxX, x),
      Math.min(minY, y),
      Math.max(maxY, y),
    ];
  });
  const extent = Number.isFinite(minX) ? Math.max(maxX - minX, maxY - minY, 1) : 1;
  const [cx, cy] = Number.isFinite(minX) ? [(minX + maxX) / 2, (minY + maxY) / 2] : [0, 0];
  const step = extent / 12;
  let newcomers = 0;
  for (let i = 0; i < n; i++) {
    if (known[i]) continue;
    const angle = ++newcomers * GOLDEN;
    const beside = tiedTo(after, i, known);
    const [x, y] = beside === -1 ? [cx, cy] : [positions[2 * beside], positions[2 * beside + 1]];
    const r = beside === -1 ? (extent / 2) * Math.sqrt(newcomers / (newcomers + 4)) : step;
    positions.set([x + r * Math.cos(angle), y + r * Math.sin(angle)], 2 * i);
    known[i] = 1;
  }
  writeCache(
    `peoplemap:layout:v${CACHE_VERSION}:${project}:${after.fingerprint}`,
    project,
    positions,
  );
  return positions;
}

/** The first resident already placed that resident i was ever tied to, -1 when none. */
function tiedTo(timeline: NetworkTimeline, i: number, placed: Uint8Array): number {
  for (let e = 0; e < timeline.tieSource.length; e++) {
    const [a, b] = [timeline.tieSource[e], timeline.tieTarget[e]];
    if (a === i && placed[b]) return b;
    if (b === i && placed[a]) return a;
  }
  return -1;
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
