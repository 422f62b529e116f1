// Where the API key and the chosen project come from: a `#project=…&key=…` link (the key is then
// removed from the address bar), or a key typed once and kept in sessionStorage for the browser session.

const KEY_STORAGE = 'peoplemap:key';

export interface Session {
  key: string | null;
  project: string | null;
}

/** Reads the session from the address and storage; moves a key found in the hash into storage. */
export function openSession(): Session {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const linkedKey = params.get('key');
  const project = params.get('project');
  if (linkedKey) {
    sessionStorage.setItem(KEY_STORAGE, linkedKey);
    params.delete('key');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  }
  return { key: sessionStorage.getItem(KEY_STORAGE), project };
}

export function rememberKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** Keeps the chosen project in the address so a reload (or a bookmark) reopens it. */
export function showProjectInAddress(project: string): void {
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}#project=${encodeURIComponent(project)}`,
  );
}
