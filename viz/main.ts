// The web app: 1. find the key, project and view (link, storage or form), 2. show the Map, Capture,
// Report or Releases tab (a partner's key: Releases, and the Map with the network grant), 3. load
// the project's history and layout for the map and open its Capture session, 4. wire the map's
// controls and keyboard, 5. follow the live stream (Map and Capture), 6. expose `window.__peoplemap`
// for tests and benchmarks.
import { WRITE_ROLES } from '../server/domain-names.ts';
import { ApiError, PeoplemapApi, isTransient, type Me, type ProjectSummary } from './shared/api.ts';
import { forgetAllStates, unsentWrites } from './capture/store.ts';
import { CaptureView } from './capture/view.ts';
import type { ColourMode } from './graph/colouring.ts';
import { extendLayout, layoutFor } from './graph/layout.ts';
import type { SizeMode } from './graph/map-view.ts';
import { buildTimeline } from './graph/network-timeline.ts';
import { ProjectView, describe, type PageElements } from './map/project-view.ts';
import { mountReleaseView } from './releases/view.ts';
import { mountReportView } from './report/view.ts';
import { mountGuide, mountSheets } from './help/view.ts';
import { ResidentSearch } from './map/search.ts';
import { forgetKey, openSession, rememberKey, showInAddress } from './shared/session.ts';
import { VIEWS, ViewTabs, isView, type ViewName } from './shared/tabs.ts';
import { ProjectLive } from './live/project-live.ts';
import { exposeState } from './shared/page-state.ts';

export type { PeoplemapState } from './shared/page-state.ts';
import './capture/capture.css';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const page: PageElements = {
  map: $('map'),
  legend: $('legend'),
  slider: $('slider'),
  sliderLabel: $('slider-label'),
  play: $('play'),
  metrics: $('metrics'),
  momentLabel: $('moment-label'),
  details: $('details'),
  charts: $('charts'),
};
const keyForm = $<HTMLFormElement>('key-form');
const keyInput = $<HTMLInputElement>('key-input');
const projectSelect = $<HTMLSelectElement>('project-select');
const statusLine = $<HTMLParagraphElement>('status');

let api: PeoplemapApi | null = null;
let view: ProjectView | null = null;
let capture: CaptureView | null = null;
let live: ProjectLive | null = null;
let redraws = 0;
let project: string | null = null;
let projectSummaries: ProjectSummary[] = [];
/** Capture stored something since the map loaded its history: reload it when the map is shown. */
let mapStale = false;
let readOnlyReason: string | null = null;
/** The views the key may use: a partner reads releases, and the network with the grant. */
let offered: ViewName[] = VIEWS;

const tabs = new ViewTabs($('views'), (shown) => {
  showInAddress(project, shown);
  if (shown === 'map') {
    if (mapStale && project) void openMap(project, true).catch((e) => status(describe(e), true));
    else view?.map.sigma.resize();
    view?.map.redrawAll();
  }
  if (shown === 'capture') capture?.redraw(true);
  openTab(shown, project);
});

/** The project each of Report, Releases and Help holds: mounted when first shown for it. */
const mountedFor = new Map<ViewName, string>();
const MOUNTED: ViewName[] = ['report', 'releases', 'help'];
let guideShown = false;
let role: Me['role'] | null = null;

function openTab(shown: ViewName, id: string | null): void {
  if (shown === 'help' && !guideShown) mountGuide($('help'));
  guideShown ||= shown === 'help';
  if (!MOUNTED.includes(shown) || !api || !id || mountedFor.get(shown) === id) return;
  mountedFor.set(shown, id);
  const projectName = projectSummaries.find((p) => p.id === id)?.name ?? id;
  const sheets = $('help-sheets');
  if (shown === 'help') sheets.hidden = false;
  const mounting =
    shown === 'report'
      ? mountReportView($('report-view'), { api, project: id, projectName })
      : shown === 'releases'
        ? mountReleaseView($('release-view'), { api, project: id })
        : mountSheets(sheets, api, id, role !== null && WRITE_ROLES.includes(role));
  const tab = shown[0].toUpperCase() + shown.slice(1);
  void mounting.catch((e) => status(`${tab}: ${describe(e)}`, true));
}

exposeState(() => ({ map: view, capture, view: tabs.view, changes: live?.changes ?? 0, redraws }));

function status(message: string, isError = false): void {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', isError);
}

async function start(key: string, wanted: string | null): Promise<void> {
  api = new PeoplemapApi(key);
  keyForm.hidden = true;
  $('forget-key').hidden = false;
  // The Capture session is in this browser: it opens (and its waiting entries keep trying) even
  // when the service cannot be reached yet.
  if (wanted) openCapture(wanted);
  for (let wait = 1_000; ; wait = Math.min(wait * 2, 30_000)) {
    try {
      return await loadProjects(wanted);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        forgetKey();
        keyForm.hidden = false;
        return status('The key was not accepted. Enter a valid API key.', true);
      }
      if (!isTransient(error)) return status(`Could not load: ${describe(error)}`, true);
      status(`The service cannot be reached; trying again in ${wait / 1000} s.`, true);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function loadProjects(wanted: string | null): Promise<void> {
  if (!api) return;
  const [{ projects }, me] = await Promise.all([api.projects(), api.me()]);
  projectSummaries = projects;
  showRole(me?.role ?? null);
  offerViews(me);
  projectSelect.innerHTML = '';
  for (const p of projects) projectSelect.add(new Option(p.name, p.id));
  if (wanted && !projects.some((p) => p.id === wanted))
    projectSelect.add(new Option(wanted, wanted));
  projectSelect.closest('label')!.hidden = false;
  const chosen = wanted ?? projects[0]?.id;
  if (!chosen) return status('This key sees no project yet.');
  projectSelect.value = chosen;
  await openProject(chosen);
}

/** Shows the key's role in the header; a read-only role's write controls are disabled, saying why. */
function showRole(shown: Me['role'] | null): void {
  role = shown;
  const badge = $('role');
  badge.hidden = role === null;
  badge.textContent = role ? `Role: ${role}` : '';
  readOnlyReason =
    role && !WRITE_ROLES.includes(role)
      ? `This key is an ${role}'s: it can read this project but not record in it. Ask a coordinator for a coordinator key to record a session.`
      : null;
  capture?.setReadOnly(readOnlyReason);
}

/** A partner's key: Releases only, with the Map beside them when it holds the network grant. */
function offerViews(me: Me | null): void {
  const partner = me?.role === 'partner';
  offered = !partner ? VIEWS : me.network ? ['map', 'releases'] : ['releases'];
  tabs.offer(offered);
  if (!offered.includes('capture')) {
    capture?.close();
    capture = null;
  }
}

function openCapture(id: string): void {
  if (!api || capture?.project === id || !offered.includes('capture')) return;
  capture?.close();
  capture = new CaptureView($('view-capture'), api, id, () => (mapStale = true));
  capture.setReadOnly(readOnlyReason);
}

async function openProject(id: string): Promise<void> {
  project = id;
  showInAddress(id, tabs.view);
  openCapture(id);
  openTab(tabs.view, id);
  const summary = projectSummaries.find((p) => p.id === id) ?? null;
  follow(id);
  await Promise.all([
    capture?.load(summary).catch((e) => status(`Capture: ${describe(e)}`, true)),
    offered.includes('map') ? openMap(id) : undefined,
  ]);
}

/** The project's live stream (not for partners): others' entries to Capture, the map read again. */
function follow(id: string): void {
  live?.stop();
  live = null;
  const liveLine = $('live-state');
  liveLine.hidden = !offered.includes('capture');
  if (liveLine.hidden) return;
  if (!api) return;
  live = new ProjectLive(api.key, id, {
    change: (change) => capture?.project === id && capture.heard(change),
    refresh: async () => {
      if (!offered.includes('map') || project !== id) return true;
      if (tabs.view !== 'map') return (mapStale = true);
      if (view?.isPlaying) return false;
      await openMap(id, true).catch((e) => status(describe(e), true));
      redraws++;
      return true;
    },
    said: (text) => (liveLine.textContent = text),
  });
}

/** Opens the map; `grown` when the project's map is shown already and only its history grew. */
async function openMap(id: string, grown = false): Promise<void> {
  if (!api) return;
  const before = grown && view?.project === id ? view : null;
  if (!before) window.__peoplemap.ready = false;
  mapStale = false;
  if (!before) status('Loading the history…');
  const history = await api.history(id);
  const timeline = buildTimeline(history);
  const positions = before
    ? extendLayout(id, before.timeline, before.positions, timeline)
    : await layoutFor(id, timeline);
  if (before && view !== before) return;
  view?.close();
  view = new ProjectView(api, id, timeline, positions, page, status);
  view.setColourMode($<HTMLSelectElement>('colour-mode').value as ColourMode);
  view.setSizeMode($<HTMLSelectElement>('size-mode').value as SizeMode);
  view.setLargeText(document.body.classList.contains('large-text'));
  view.speed = Number($<HTMLSelectElement>('speed').value);
  search.setResidents(view.timeline.residents);
  view.setTime(before && !before.following ? before.at : view.timeline.to);
  if (before?.selected) view.select(before.selected);
  status(
    `${history.project.name}: ${history.residents.length} residents, ${history.ties.length} ties over time.`,
  );
  window.__peoplemap.ready = true;
}

const search = new ResidentSearch($('search'), $('search-results'), (id) => view?.select(id));

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  rememberKey(keyInput.value.trim());
  void start(keyInput.value.trim(), null);
  keyInput.value = '';
});
// Forgetting the key leaves nothing of the session in this browser (a shared tablet): the Capture
// sessions go too, after a warning when some of what was typed has not reached the service.
$('forget-key').addEventListener('click', () => {
  const unsent = unsentWrites();
  const entries =
    unsent === 1 ? '1 entry typed in Capture has' : `${unsent} entries typed in Capture have`;
  if (
    unsent > 0 &&
    !confirm(
      `${entries} not reached the service yet. Forgetting the key deletes them from this browser, ` +
        'with everything typed in Capture here. Forget the key and delete them? ' +
        '(Cancel keeps them: let Capture send them until it says every entry is stored.)',
    )
  )
    return;
  capture?.close();
  capture = null;
  forgetAllStates();
  forgetKey();
  location.hash = '';
  location.reload();
});
projectSelect.addEventListener(
  'change',
  () => void openProject(projectSelect.value).catch((e) => status(describe(e), true)),
);
$<HTMLSelectElement>('colour-mode').addEventListener('change', (e) =>
  view?.setColourMode((e.target as HTMLSelectElement).value as ColourMode),
);
$<HTMLSelectElement>('size-mode').addEventListener('change', (e) =>
  view?.setSizeMode((e.target as HTMLSelectElement).value as SizeMode),
);
$<HTMLSelectElement>('speed').addEventListener(
  'change',
  (e) => view && (view.speed = Number((e.target as HTMLSelectElement).value)),
);
page.slider.addEventListener('input', () => view?.setSliderPosition(Number(page.slider.value)));
page.play.addEventListener('click', () => view?.togglePlay());
$('large-text').addEventListener('click', (event) => {
  const large = document.body.classList.toggle('large-text');
  (event.currentTarget as HTMLElement).setAttribute('aria-pressed', String(large));
  view?.setLargeText(large);
});
$('export').addEventListener('click', () => void view?.downloadPng());

/** Arrows (shift: ten steps), Home and End move the slider, space plays and pauses, Escape clears the selection — except while typing. */
document.addEventListener('keydown', (event) => {
  if (!view || tabs.view !== 'map') return;
  const target = event.target as HTMLElement;
  const typing = target instanceof HTMLInputElement && target.type !== 'range';
  if (event.key === 'Escape') {
    search.clear();
    view.select(null);
    return;
  }
  if (typing || target instanceof HTMLSelectElement) return;
  if (event.key === ' ' && !(target instanceof HTMLButtonElement)) {
    event.preventDefault();
    view.togglePlay();
  } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && target !== page.slider) {
    event.preventDefault();
    view.step((event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 10 : 1));
  } else if ((event.key === 'Home' || event.key === 'End') && target !== page.slider) {
    event.preventDefault();
    view.setTime(event.key === 'Home' ? view.timeline.from : view.timeline.to);
  }
});

window.addEventListener('hashchange', () => {
  const wanted = new URLSearchParams(location.hash.slice(1)).get('view');
  if (isView(wanted) && wanted !== tabs.view) tabs.show(wanted);
});

const session = openSession();
project = session.project;
tabs.show(session.view);
if (session.key) void start(session.key, session.project);
else keyForm.hidden = false;
