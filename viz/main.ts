// The web app: 1. find the key, project and view (link, storage or form), 2. show the Map, Capture,
// Report or Releases tab (a partner's key: Releases, and the Map with the network grant), 3. load
// the project's history and layout for the map and open its Capture session, 4. wire the map's
// controls and keyboard (map/controls.ts), 5. follow the live stream (Map, Capture and the header's
// counts), 6. expose `window.__peoplemap` for tests and benchmarks.
import { PUBLISH_ROLES, WRITE_ROLES } from '../server/domain-names.ts';
import { ApiError, PeoplemapApi, isTransient, type Me, type ProjectSummary } from './common/api.ts';
import { forgetAllStates, mayForgetStates } from './capture/store.ts';
import { CaptureView } from './capture/view.ts';
import { extendLayout, layoutFor } from './graph/layout.ts';
import { buildTimeline } from './graph/network-timeline.ts';
import { ProjectView, describe, type PageElements } from './map/project-view.ts';
import { mountReleaseView } from './releases/view.ts';
import { mountReportView } from './report/view.ts';
import { MapControls } from './map/controls.ts';
import { RememberDevice } from './common/remember-device.ts';
import { mountGuide, mountSheets } from './help/view.ts';
import { forgetKey, openSession, rememberKey, showInAddress } from './common/session.ts';
import { plural } from './common/words.ts';
import { VIEWS, ViewTabs, isView, type ViewName } from './common/tabs.ts';
import { ProjectLive } from './live/project-live.ts';
import { exposeState } from './common/page-state.ts';

export type { PeoplemapState } from './common/page-state.ts';
import './capture/capture.css';
import './map/map.css';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const page: PageElements = {
  map: $('map'),
  legend: $('legend'),
  slider: $('slider'),
  sliderLabel: $('slider-label'),
  play: $('play'),
  follow: $('follow-live'),
  metrics: $('metrics'),
  momentLabel: $('moment-label'),
  details: $('details'),
  charts: $('charts'),
  table: $('network-table'),
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
/** The key in use, and whether Capture has read the project (then its counts are the header's). */
let key: string | null = null;
let captureCounts = false;
const remember = new RememberDevice($('remember-device'), $('remember-note'));
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
  const mayPublish = role !== null && PUBLISH_ROLES.includes(role);
  const mounting =
    shown === 'report'
      ? mountReportView($('report-view'), { api, project: id, projectName })
      : shown === 'releases'
        ? mountReleaseView($('release-view'), { api, project: id, mayPublish })
        : mountSheets(sheets, api, id, role !== null && WRITE_ROLES.includes(role));
  const tab = shown[0].toUpperCase() + shown.slice(1);
  void mounting.catch((e) => status(`${tab}: ${describe(e)}`, true));
}

exposeState(() => ({ map: view, capture, view: tabs.view, changes: live?.changes ?? 0, redraws }));

function status(message: string, isError = false): void {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', isError);
}

/** The header's count of the project: residents recorded and ties holding now. */
function showCounts(counts: { residents: number; ties: number }): void {
  const element = $('counts');
  element.hidden = false;
  element.textContent = `${plural(counts.residents, 'resident')}, ${plural(counts.ties, 'tie')}`;
}

async function start(usedKey: string, wanted: string | null): Promise<void> {
  key = usedKey;
  api = new PeoplemapApi(usedKey);
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
  if (key) remember.show(key, me);
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
  capture = new CaptureView($('view-capture'), api, id, () => {
    mapStale = true;
    if (captureCounts && capture) showCounts(capture.counts());
  });
  captureCounts = false;
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
    capture
      ?.load(summary)
      .then(() => {
        captureCounts = true;
        showCounts(capture!.counts());
      })
      .catch((e) => status(`Capture: ${describe(e)}`, true)),
    offered.includes('map') ? openMap(id) : undefined,
  ]);
}

/** The project's live stream (not for partners): others' entries to Capture, the map read again. */
function follow(id: string): void {
  live?.stop();
  live = null;
  const liveLine = $('live-state');
  liveLine.hidden = !offered.includes('capture');
  page.follow.hidden = liveLine.hidden;
  if (liveLine.hidden) return;
  if (!api) return;
  live = new ProjectLive(api.key, id, {
    change: (change) => capture?.project === id && capture.heard(change),
    refresh: async () => {
      if (project !== id) return true;
      const counting = captureCounts && capture?.project === id ? capture : null;
      // the header's ties are read beside the map, not before it
      void counting?.readTies().then(
        () => showCounts(counting.counts()),
        () => {},
      );
      if (!offered.includes('map')) return true;
      if (tabs.view !== 'map') return (mapStale = true);
      if (view?.clock.isPlaying) return false;
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
  if (!before) status('Laying out the network…');
  const positions = before
    ? extendLayout(id, before.timeline, before.positions, timeline)
    : await layoutFor(id, timeline);
  if (before && view !== before) return;
  view?.close();
  view = new ProjectView(api, id, timeline, positions, page, status);
  controls.apply(view);
  view.takeOver(before);
  if (!captureCounts && view.clock.following)
    showCounts({ residents: view.map.moment.visibleNodes, ties: view.map.moment.visibleEdges });
  status(
    `${history.project.name}: ${plural(history.residents.length, 'resident')}, ${plural(history.ties.length, 'tie')} over time.`,
  );
  window.__peoplemap.ready = true;
}

const controls = new MapControls(
  page,
  () => view,
  () => tabs.view === 'map',
);

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  rememberKey(keyInput.value.trim());
  void start(keyInput.value.trim(), null);
  keyInput.value = '';
});
// Forgetting the key leaves nothing of the session in this browser (a shared tablet): the Capture
// sessions go too, after a warning when some of what was typed has not reached the service.
$('forget-key').addEventListener('click', () => {
  if (!mayForgetStates((question) => confirm(question))) return;
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
window.addEventListener('hashchange', () => {
  const wanted = new URLSearchParams(location.hash.slice(1)).get('view');
  if (isView(wanted) && wanted !== tabs.view) tabs.show(wanted);
});

const session = openSession();
project = session.project;
tabs.show(session.view);
if (session.key) void start(session.key, session.project);
else keyForm.hidden = false;
