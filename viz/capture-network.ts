// The session's network drawn live with the map's own code: the residents and ties of the session
// become a one-moment history, laid out and drawn by MapView exactly as the Map tab draws a project.
import type { History } from './api.ts';
import { byCommunity } from './colouring.ts';
import type { Person } from './capture-combobox.ts';
import { computeLayout } from './layout-compute.ts';
import { MapView } from './map-view.ts';
import { buildTimeline } from './network-timeline.ts';

export interface SessionNetwork {
  at: number;
  residents: (Person & { communityId: string | null; participant: boolean })[];
  ties: { from: string; to: string; kind: string; strength: number }[];
  communities: History['communities'];
}

export class CaptureNetwork {
  private view: MapView | null = null;

  constructor(private readonly container: HTMLElement) {}

  draw(network: SessionNetwork): void {
    this.view?.kill();
    this.view = null;
    if (network.residents.length === 0) {
      this.container.textContent = 'Residents and ties appear here as you record them.';
      return;
    }
    this.container.textContent = '';
    const at = new Date(network.at).toISOString();
    const history: History = {
      project: { id: 'session', name: 'session' },
      from: at,
      to: at,
      communities: network.communities,
      groups: [],
      residents: network.residents.map((r) => ({ ...r, joinedAt: at })),
      ties: network.ties.map((t) => ({
        source: t.from,
        target: t.to,
        kind: t.kind,
        weight: t.strength,
        spells: [{ from: at, to: null }],
      })),
      memberships: [],
    };
    const timeline = buildTimeline(history);
    const ties = new Int32Array(timeline.tieSource.length * 2);
    timeline.tieSource.forEach((s, e) => {
      ties[2 * e] = s;
      ties[2 * e + 1] = timeline.tieTarget[e];
    });
    const positions = computeLayout({ order: timeline.residents.length, ties });
    this.view = new MapView(this.container, timeline, positions, byCommunity(timeline));
    this.view.setTime(timeline.to);
    this.view.redrawAll();
  }

  get drawn(): { residents: number; ties: number } {
    return {
      residents: this.view?.moment.visibleNodes ?? 0,
      ties: this.view?.moment.visibleEdges ?? 0,
    };
  }

  kill(): void {
    this.view?.kill();
    this.view = null;
  }
}
