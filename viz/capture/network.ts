// The session's network drawn live with the map's own code: the residents and ties of the session
// become a one-moment history, laid out and drawn by MapView exactly as the Map tab draws a project.
import type { History } from '../common/api.ts';
import { PALETTE, byCommunity, type Colouring } from '../graph/colouring.ts';
import type { Person } from '../common/combobox.ts';
import { computeLayout } from '../graph/layout-compute.ts';
import { MapView } from '../graph/map-view.ts';
import { buildTimeline, type NetworkTimeline } from '../graph/network-timeline.ts';

export interface SessionNetwork {
  at: number;
  residents: (Person & { communityId: string | null; participant: boolean })[];
  ties: { from: string; to: string; kind: string; strength: number }[];
  communities: History['communities'];
}

/** By community when the session names any; else one strong colour (the "no community" grey is faint). */
function colouring(timeline: NetworkTimeline): Colouring {
  if (timeline.residents.some((r) => r.communityId !== null)) return byCommunity(timeline);
  return {
    title: 'Residents',
    entries: [{ label: 'resident', color: PALETTE[3] }],
    category: new Int32Array(timeline.residents.length),
  };
}

export class CaptureNetwork {
  private view: MapView | null = null;
  /** What is drawn, so a redraw happens only when the session's network changed. */
  private drawnKey = '';

  constructor(private readonly container: HTMLElement) {}

  draw(network: SessionNetwork, force = false): void {
    const key = JSON.stringify(network);
    if (key === this.drawnKey && !force) return;
    this.drawnKey = key;
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
      residents: network.residents.map((r) => ({
        ...r,
        joinedAt: at,
        presence: [{ from: at, to: null }],
        participation: r.participant ? [{ from: at, to: null }] : [],
      })),
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
    // Strong gravity keeps the few people not yet tied close to the rest, so a small session fills
    // the frame instead of shrinking to a dot between far-flung isolates.
    const positions = computeLayout(
      { order: timeline.residents.length, ties },
      { strongGravityMode: true, gravity: 0.5 },
    );
    this.view = new MapView(this.container, timeline, positions, colouring(timeline));
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
    this.drawnKey = '';
  }
}
