// What the web app exposes as `window.__peoplemap`, for the browser tests and the benchmarks
// (docs/capture.md, "For tests and tools"), read from whatever the page shows at that moment.
import type { CaptureView } from '../capture/view.ts';
import type { LabelBox } from '../graph/labels.ts';
import type { ProjectView } from '../map/project-view.ts';
import type { ViewName } from './tabs.ts';

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
  /** Live changes received since the project was opened, and map redraws they made. */
  live: { changes: number; redraws: number };
  setTime(ms: number): void;
  viewportPosition(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __peoplemap: PeoplemapState;
  }
}

/** What the state is read from, as it is at the moment it is read. */
export interface PageParts {
  map: ProjectView | null;
  capture: CaptureView | null;
  view: ViewName;
  changes: number;
  redraws: number;
}

export function exposeState(parts: () => PageParts): void {
  window.__peoplemap = {
    ready: false,
    get at() {
      return parts().map?.at ?? NaN;
    },
    get from() {
      return parts().map?.timeline.from ?? NaN;
    },
    get to() {
      return parts().map?.timeline.to ?? NaN;
    },
    get visibleNodes() {
      return parts().map?.map.moment.visibleNodes ?? 0;
    },
    get visibleEdges() {
      return parts().map?.map.moment.visibleEdges ?? 0;
    },
    get selected() {
      return parts().map?.selected ?? null;
    },
    get lastFrameMs() {
      return parts().map?.map.lastFrameMs ?? 0;
    },
    get labels() {
      return parts().map?.map.drawnLabels ?? [];
    },
    get view() {
      return parts().view;
    },
    get capture() {
      const { capture } = parts();
      if (!capture) return null;
      return { waiting: capture.state.pending.length, ...capture.drawn };
    },
    get live() {
      const { changes, redraws } = parts();
      return { changes, redraws };
    },
    setTime: (ms) => parts().map?.setTime(ms),
    viewportPosition: (id) => parts().map?.map.viewportPosition(id) ?? null,
  };
}
