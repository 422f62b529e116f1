// The map page: 1. find the key and project (link, storage or form), 2. load the project's history
// and layout, 3. wire the controls and keyboard, 4. expose `window.__peoplemap` for tests and benchmarks.
import { ApiError, PeoplemapApi } from './api.ts';
import type { ColourMode } from './colouring.ts';
import { layoutFor } from './layout.ts';
import type { SizeMode } from './map-view.ts';
import { buildTimeline } from './network-timeline.ts';
import { ProjectView, describe, type PageElements } from './project-view.ts';
import { ResidentSearch } from './search.ts';
import { mountImportPanel } from './import-panel.ts';
import { forgetKey, openSession, rememberKey, showProjectInAddress } from './session.ts';

export interface PeoplemapState {
  ready: boolean;
  at: number;
  from: number;
  to: number;
  visibleNodes: number;
  visibleEdges: number;
  selected: string | null;
  lastFrameMs: number;
  setTime(ms: number): void;
  viewportPosition(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __peoplemap: PeoplemapState;
  }
}

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

window.__peoplemap = {
  ready: false,
  get at() {
    return view?.at ?? NaN;
  },
  get from() {
    return view?.timeline.from ?? NaN;
  },
  get to() {
    return view?.timeline.to ?? NaN;
  },
  get visibleNodes() {
    return view?.map.moment.visibleNodes ?? 0;
  },
  get visibleEdges() {
    return view?.map.moment.visibleEdges ?? 0;
  },
  get selected() {
    return view?.selected ?? null;
  },
  get lastFrameMs() {
    return view?.map.lastFrameMs ?? 0;
  },
  setTime: (ms) => view?.setTime(ms),
  viewportPosition: (id) => view?.map.viewportPosition(id) ?? null,
};

function status(message: string, isError = false): void {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', isError);
}

async function start(key: string, wanted: string | null): Promise<void> {
  api = new PeoplemapApi(key);
  keyForm.hidden = true;
  $('forget-key').hidden = false;
  try {
    const { projects } = await api.projects();
    projectSelect.innerHTML = '';
    for (const p of projects) projectSelect.add(new Option(p.name, p.id));
    if (wanted && !projects.some((p) => p.id === wanted))
      projectSelect.add(new Option(wanted, wanted));
    projectSelect.closest('label')!.hidden = false;
    const project = wanted ?? projects[0]?.id;
    if (!project) return status('This key sees no project yet.');
    projectSelect.value = project;
    await openProject(project);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetKey();
      keyForm.hidden = false;
      return status('The key was not accepted. Enter a valid API key.', true);
    }
    status(`Could not load: ${describe(error)}`, true);
  }
}

async function openProject(project: string): Promise<void> {
  if (!api) return;
  window.__peoplemap.ready = false;
  view?.close();
  view = null;
  showProjectInAddress(project);
  status('Loading the history…');
  const history = await api.history(project);
  status('Laying out the network…');
  const timeline = buildTimeline(history);
  const positions = await layoutFor(project, timeline);
  view = new ProjectView(api, project, timeline, positions, page, status);
  view.setColourMode($<HTMLSelectElement>('colour-mode').value as ColourMode);
  view.setSizeMode($<HTMLSelectElement>('size-mode').value as SizeMode);
  view.setLargeText(document.body.classList.contains('large-text'));
  view.speed = Number($<HTMLSelectElement>('speed').value);
  search.setResidents(view.timeline.residents);
  view.setTime(view.timeline.to);
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
$('forget-key').addEventListener('click', () => {
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
$('export').addEventListener('click', async () => {
  if (!view) return;
  const blob = await view.exportPng();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `peoplemap-${view.project}-${new Date(view.at).toISOString().slice(0, 10)}.png`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});

/** Arrows (shift: ten steps), Home and End move the slider, space plays and pauses, Escape clears the selection — except while typing. */
document.addEventListener('keydown', (event) => {
  if (!view) return;
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

/** `#view=import&project=…`: the import panel alone, in the `#import-panel` section the Capture view will hold. */
function openImportPanel(key: string, project: string): void {
  document.querySelector('main')!.hidden = true;
  document.querySelector('footer')!.hidden = true;
  const section = document.createElement('section');
  section.id = 'import-panel';
  statusLine.after(section);
  mountImportPanel(section, { api: new PeoplemapApi(key), projectId: project });
}

const session = openSession();
const importOnly = new URLSearchParams(location.hash.slice(1)).get('view') === 'import';
if (session.key && session.project && importOnly) openImportPanel(session.key, session.project);
else if (session.key) void start(session.key, session.project);
else keyForm.hidden = false;
