// Where the API key, the chosen project and the view come from: a `#project=…&view=…&key=…` link
// (the key is then removed from the address bar), a key typed once and kept in sessionStorage for
// the browser session, or a key this device was asked to remember (localStorage, until it expires).
import { isView, type ViewName } from './tabs.ts';

const KEY_STORAGE = 'peoplemap:key';
const REMEMBERED = 'peoplemap:remembered-key';
/** A key issued without an end date is remembered this long, then asked for again. */
export const REMEMBER_AT_MOST_MS = 30 * 86_400_000;

export interface Session {
  key: string | null;
  project: string | null;
  view: ViewName;
}

/** The key this device remembers, and until when (ms); null when none, or it has expired. */
export function rememberedKey(nowMs = Date.now()): { key: string; until: number } | null {
  try {
    const stored = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null') as {
      key?: unknown;
      until?: unknown;
    } | null;
    if (stored && typeof stored.key === 'string' && typeof stored.until === 'number') {
      if (stored.until > nowMs) return { key: stored.key, until: stored.until };
      localStorage.removeItem(REMEMBERED);
    }
  } catch {
    // Unreadable or disabled storage remembers nothing.
  }
  return null;
}

/** Reads the session from the address and storage; moves a key found in the hash into storage. */
export function openSession(): Session {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const linkedKey = params.get('key');
  const project = params.get('project');
  const view = params.get('view');
  if (linkedKey) {
    sessionStorage.setItem(KEY_STORAGE, linkedKey);
    params.delete('key');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  }
  return {
    key: sessionStorage.getItem(KEY_STORAGE) ?? rememberedKey()?.key ?? null,
    project,
    view: isView(view) ? view : 'map',
  };
}

export function rememberKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

/**
 * Keeps the key on this device until it expires (at most REMEMBER_AT_MOST_MS when it never does),
 * so a tablet's browser can close between sessions; answers until when.
 */
export function rememberDevice(key: string, expiresAt: string | null, nowMs = Date.now()): number {
  const until = Math.min(
    expiresAt === null ? Infinity : Date.parse(expiresAt),
    nowMs + REMEMBER_AT_MOST_MS,
  );
  localStorage.setItem(REMEMBERED, JSON.stringify({ key, until }));
  return until;
}

export function forgetDevice(): void {
  localStorage.removeItem(REMEMBERED);
}

/** Forgets the key for this session and on this device. */
export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
  forgetDevice();
}

/** Keeps the chosen project and view in the address so a reload (or a bookmark) reopens them. */
export function showInAddress(project: string | null, view: ViewName): void {
  const params = new URLSearchParams();
  if (project) params.set('project', project);
  if (view !== 'map') params.set('view', view);
  const hash = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${hash ? '#' + hash : ''}`);
}
