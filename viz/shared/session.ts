// Where the API key, the chosen project and the view come from: a `#project=…&view=…&key=…` link
// (the key is then removed from the address bar), or a key typed once and kept in sessionStorage
// for the browser session.
import { isView, type ViewName } from './tabs.ts';

const KEY_STORAGE = 'peoplemap:key';

export interface Session {
  key: string | null;
  project: string | null;
  view: ViewName;
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
    key: sessionStorage.getItem(KEY_STORAGE),
    project,
    view: isView(view) ? view : 'map',
  };
}

export function rememberKey(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** Keeps the chosen project and view in the address so a reload (or a bookmark) reopens them. */
export function showInAddress(project: string | null, view: ViewName): void {
  const params = new URLSearchParams();
  if (project) params.set('project', project);
  if (view !== 'map') params.set('view', view);
  const hash = params.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${hash ? '#' + hash : ''}`);
}
