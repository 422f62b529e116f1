// window.__peoplemap: the page's state, read by the browser tests and benchmarks (docs/capture.md,
// "For tests and tools"), from whatever the page shows at the moment it is read.
import type { CaptureView } from './capture/view.ts';
import type { LabelBox } from './graph/labels.ts';
import type { ProjectView } from './map/project-view.ts';
import type { ViewName } from './shared/tabs.ts';

export interface PeoplemapState {
  ready: boolean;
  at: number;
  from: number;
  to: number;
  visibleNodes: number;
  visibleEdges: number;
  selected: string | null;
  lastFrameMs: number;
  /** The residents' names drawn in the last frame of the map, with their boxes. */
  labels: readonly LabelBox[];
  view: ViewName;
  /** The Capture view: writes waiting to be sent, and what its live drawing shows. */
  capture: { waiting: number; residents: number; ties: number } | null;
  setTime(ms: number): void;
  viewportPosition(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __peoplemap: PeoplemapState;
  }
}

/** The page as `now` gives it: the map's project view, the tab shown and the Capture view. */
interface Shown {
  view: ProjectView | null;
  tab: ViewName;
  capture: CaptureView | null;
}

export function exposeState(now: () => Shown): void {
  window.__peoplemap = {
    ready: false,
    get at() {
      return now().view?.at ?? NaN;
    },
    get from() {
      return now().view?.timeline.from ?? NaN;
    },
    get to() {
      return now().view?.timeline.to ?? NaN;
    },
    get visibleNodes() {
      return now().view?.map.moment.visibleNodes ?? 0;
    },
    get visibleEdges() {
      return now().view?.map.moment.visibleEdges ?? 0;
    },
    get selected() {
      return now().view?.selected ?? null;
    },
    get lastFrameMs() {
      return now().view?.map.lastFrameMs ?? 0;
    },
    get labels() {
      return now().view?.map.drawnLabels ?? [];
    },
    get view() {
      return now().tab;
    },
    get capture() {
      const { capture } = now();
      if (!capture) return null;
      return { waiting: capture.state.pending.length, ...capture.drawn };
    },
    setTime: (ms) => now().view?.setTime(ms),
    viewportPosition: (id) => now().view?.map.viewportPosition(id) ?? null,
  };
}
