// The web app: 1. find the key, project and view (link, storage or form), 2. show the Map, Capture,
// Report or Releases tab (a partner's key: Releases, and the Map with the network grant), 3. load
// the project's history and layout for the map and open its Capture session, 4. wire the map's
// controls and keyboard, 5. expose `window.__peoplemap` for tests and benchmarks.
import { WRITE_ROLES } from '../server/domain-names.ts';
import { ApiError, PeoplemapApi, isTransient, type Me, type ProjectSummary } from './shared/api.ts';
import { forgetAllStates, mayForgetStates } from './capture/store.ts';
import { CaptureView } from './capture/view.ts';
import { layoutFor } from './graph/layout.ts';
import { buildTimeline } from './graph/network-timeline.ts';
import { ProjectView, describe, type PageElements } from './map/project-view.ts';
import { mountReleaseView } from './releases/view.ts';
import { mountReportView } from './report/view.ts';
import { MapControls } from './map/controls.ts';
import { RememberDevice } from './shared/remember-device.ts';
import { mountGuide, mountSheets } from './help/view.ts';
import { forgetKey, openSession, rememberKey, showInAddress } from './shared/session.ts';
import { plural } from './shared/words.ts';
import { VIEWS, ViewTabs, isView, type ViewName } from './shared/tabs.ts';
import { exposeState } from './page-state.ts';
import './capture/capture.css';

export type { PeoplemapState } from './page-state.ts';

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
  table: $('network-table'),
};
const keyForm = $<HTMLFormElement>('key-form');
const keyInput = $<HTMLInputElement>('key-input');
const projectSelect = $<HTMLSelectElement>('project-select');
const statusLine = $<HTMLParagraphElement>('status');

let api: PeoplemapApi | null = null;
let view: ProjectView | null = null;
let capture: CaptureView | null = null;
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
    if (mapStale && project) void openMap(project).catch((e) => status(describe(e), true));
    else view?.map.sigma.resize();
    view?.map.redrawAll();
  }
  if (shown === 'capture') capture?.redraw(true);
  if (shown === 'report' && project) void openReport(project);
  if (shown === 'releases' && project) void openReleases(project);
  if (shown === 'help') openHelp();
});

/** The project whose report the Report tab holds (mounted when the tab is first shown). */
let reportProject: string | null = null;

async function openReport(id: string): Promise<void> {
  if (!api || reportProject === id) return;
  reportProject = id;
  const name = projectSummaries.find((p) => p.id === id)?.name ?? id;
  await mountReportView($('report-view'), { api, project: id, projectName: name }).catch((e) =>
    status(`Report: ${describe(e)}`, true),
  );
}

/** The project whose releases the Releases tab holds (mounted when the tab is first shown). */
let releaseProject: string | null = null;

async function openReleases(id: string): Promise<void> {
  if (!api || releaseProject === id) return;
  releaseProject = id;
  await mountReleaseView($('release-view'), { api, project: id }).catch((e) =>
    status(`Releases: ${describe(e)}`, true),
  );
}

/** The guide is added once; the sheets form follows the project (mounted when Help is shown). */
let guideShown = false;
let sheetsProject: string | null = null;
let role: Me['role'] | null = null;

function openHelp(): void {
  if (!guideShown) mountGuide($('help'));
  guideShown = true;
  if (!api || !project || sheetsProject === project) return;
  sheetsProject = project;
  const sheets = $('help-sheets');
  sheets.hidden = false;
  const names = role !== null && WRITE_ROLES.includes(role);
  void mountSheets(sheets, api, project, names).catch((e) => status(`Help: ${describe(e)}`, true));
}

exposeState(() => ({ view, tab: tabs.view, capture }));

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
  if (tabs.view === 'report') void openReport(id);
  if (tabs.view === 'releases') void openReleases(id);
  if (tabs.view === 'help') openHelp();
  const summary = projectSummaries.find((p) => p.id === id) ?? null;
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

async function openMap(id: string): Promise<void> {
  if (!api) return;
  window.__peoplemap.ready = false;
  mapStale = false;
  view?.close();
  view = null;
  status('Loading the history…');
  const history = await api.history(id);
  status('Laying out the network…');
  const timeline = buildTimeline(history);
  const positions = await layoutFor(id, timeline);
  view = new ProjectView(api, id, timeline, positions, page, status);
  controls.apply(view);
  view.setTime(view.timeline.to);
  if (!captureCounts)
    showCounts({ residents: view.map.moment.visibleNodes, ties: view.map.moment.visibleEdges });
  status(`${history.project.name} is open.`);
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
