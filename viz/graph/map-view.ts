// The Sigma.js map: one graph holding every resident and tie ever, laid out once; what is not
// there at the slider's moment is hidden by the reducers, and a step redraws only what changed.
// Nodes are keyed by the resident's index, not their id: graphology keeps neighbours in plain
// objects, where an id such as `constructor` or `__proto__` would collide with Object.prototype.
import { drawOnCanvas } from '@sigma/export-image';
import { createNodeBorderProgram } from '@sigma/node-border';
import { UndirectedGraph } from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram, NodePointProgram } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { ownEntry, type MetricsAt } from '../common/api.ts';
import { FRESH_TIE, updateGroupCategory, type Colouring } from './colouring.ts';
import { LabelPlacer, type LabelBox } from './labels.ts';
import { NetworkMoment, TIE_FRESH, TIE_HIDDEN, type NetworkTimeline } from './network-timeline.ts';

export type SizeMode = 'degree' | 'betweenness' | 'pagerank';

const TIE = '#B4B4B4';
const EGO_TIE = '#1d1d1b';
const FADED_NODE = '#E8E8E8';
const FADED_TIE = '#F1F1F1';
/**
 * Above these sizes the map draws with sigma's cheapest programs: one-pixel lines for ties and
 * border-less point sprites for residents. Thick anti-aliased ties and bordered discs cost per pixel,
 * and with software WebGL 13.8k ties took ~250 ms a frame against ~13 ms as lines
 * (bench/map-frame.ts); at that density ties are a texture anyway and dots are a few pixels wide.
 */
const MANY_TIES = 3000;
const MANY_RESIDENTS = 1000;
/** Sigma's label grid: at most one name per cell this wide, larger on a projector's large text. */
const LABEL_CELL = 120;
const LARGE_LABEL_CELL = 200;

type NodeAttributes = { x: number; y: number; label: string; index: number };
type EdgeAttributes = { index: number };

export class MapView {
  readonly moment: NetworkMoment;
  /** Duration of the last `setTime`: state update, reducers and the WebGL draw. */
  lastFrameMs = 0;
  private readonly graph = new UndirectedGraph<NodeAttributes, EdgeAttributes>();
  private readonly renderer: Sigma<NodeAttributes, EdgeAttributes>;
  private readonly nodeKeys: string[];
  private readonly edgeKeys: string[];
  private readonly changedNodeKeys: string[] = [];
  private readonly changedEdgeKeys: string[] = [];
  private readonly ego: Uint8Array;
  private readonly labels = new LabelPlacer();
  private selectedIndex = -1;
  private sizeValues: Float64Array | null = null;
  private scale = 1;
  /** Smaller dots when there are many residents, so a dense network stays readable. */
  private readonly crowding: number;
  /** Ties that formed within this long before the moment are drawn as new. */
  private readonly freshWindow: number;

  constructor(
    container: HTMLElement,
    private readonly timeline: NetworkTimeline,
    positions: Float64Array,
    public colouring: Colouring,
  ) {
    this.moment = new NetworkMoment(timeline);
    this.ego = new Uint8Array(timeline.residents.length);
    const order = timeline.residents.length;
    this.crowding = order > MANY_RESIDENTS ? 0.5 : order > 200 ? 0.75 : 1;
    this.freshWindow = Math.max((timeline.to - timeline.from) / 60, 1);
    this.nodeKeys = timeline.residents.map((_, i) => String(i));
    this.edgeKeys = Array.from(timeline.tieSource, (_, e) => String(e));
    timeline.residents.forEach((r, i) =>
      this.graph.addNode(this.nodeKeys[i], {
        x: positions[2 * i],
        y: positions[2 * i + 1],
        label: r.name ?? r.id,
        index: i,
      }),
    );
    for (let e = 0; e < timeline.tieSource.length; e++) {
      const [s, d] = [this.nodeKeys[timeline.tieSource[e]], this.nodeKeys[timeline.tieTarget[e]]];
      this.graph.addEdgeWithKey(this.edgeKeys[e], s, d, { index: e });
    }
    this.moment.advance(timeline.to, this.freshWindow);
    const manyTies = timeline.tieSource.length > MANY_TIES;
    this.renderer = new Sigma<NodeAttributes, EdgeAttributes>(this.graph, container, {
      defaultNodeType: order > MANY_RESIDENTS ? 'point' : 'bordered',
      nodeProgramClasses: {
        bordered: createNodeBorderProgram({
          borders: [
            { size: { value: 0.12 }, color: { attribute: 'borderColor', defaultValue: '#ffffff' } },
            { size: { fill: true }, color: { attribute: 'color' } },
          ],
        }),
        point: NodePointProgram,
      },
      defaultEdgeType: manyTies ? 'line' : 'rectangle',
      edgeProgramClasses: { rectangle: EdgeRectangleProgram, line: EdgeLineProgram },
      labelRenderedSizeThreshold: 7,
      labelDensity: 1,
      labelGridCellSize: LABEL_CELL,
      labelSize: 13,
      labelFont: 'system-ui, sans-serif',
      defaultDrawNodeLabel: this.labels.draw,
      allowInvalidContainer: true,
      nodeReducer: (_key, attributes) => this.reduceNode(attributes),
      edgeReducer: (_key, attributes) => this.reduceEdge(attributes),
    });
    this.renderer.on('beforeRender', () => this.startLabels());
  }

  /** The names drawn in the last frame, with their boxes (none overlaps another). */
  get drawnLabels(): readonly LabelBox[] {
    return this.labels.drawn;
  }

  get sigma(): Sigma<NodeAttributes, EdgeAttributes> {
    return this.renderer;
  }

  get selected(): string | null {
    return this.selectedIndex === -1 ? null : this.timeline.residents[this.selectedIndex].id;
  }

  /** The resident id of a node key sigma names (in a click or hover). */
  residentOf(key: string): string {
    return this.timeline.residents[Number(key)].id;
  }

  /** Moves the map to moment t, redrawing only the residents and ties that changed. */
  setTime(t: number): void {
    const start = performance.now();
    const { moment, timeline, changedNodeKeys, changedEdgeKeys } = this;
    moment.advance(Math.min(Math.max(t, timeline.from), timeline.to), this.freshWindow);
    changedNodeKeys.length = 0;
    changedEdgeKeys.length = 0;
    for (const i of moment.changedNodes) changedNodeKeys.push(this.nodeKeys[i]);
    for (const e of moment.changedEdges) changedEdgeKeys.push(this.edgeKeys[e]);
    if (this.colouring.groupSlot) {
      for (let i = 0; i < this.nodeKeys.length; i++) {
        if (
          moment.nodeVisible[i] === 1 &&
          updateGroupCategory(this.colouring, timeline, i, moment.at)
        ) {
          changedNodeKeys.push(this.nodeKeys[i]);
        }
      }
    }
    this.updateEgo(changedNodeKeys);
    this.renderer.refresh({
      partialGraph: { nodes: changedNodeKeys, edges: changedEdgeKeys },
      skipIndexation: true,
    });
    this.lastFrameMs = performance.now() - start;
  }

  /** A full re-index, e.g. once the slider settles, so residents who joined get their labels placed. */
  redrawAll(): void {
    this.renderer.refresh();
  }

  setColouring(colouring: Colouring): void {
    this.colouring = colouring;
    if (colouring.groupSlot) {
      for (let i = 0; i < this.nodeKeys.length; i++)
        updateGroupCategory(colouring, this.timeline, i, this.moment.at);
    }
    this.renderer.refresh();
  }

  /** Degree is counted here at every step; betweenness and pagerank come from the metrics endpoint. */
  setSize(mode: SizeMode, metrics: MetricsAt | null): void {
    this.sizeValues = null;
    if (mode !== 'degree' && metrics) {
      const values = new Float64Array(this.nodeKeys.length);
      let max = 0;
      this.timeline.residents.forEach(({ id }, i) => {
        values[i] = ownEntry(metrics.nodes, id)?.[mode] ?? 0;
        max = Math.max(max, values[i]);
      });
      if (max > 0) for (let i = 0; i < values.length; i++) values[i] /= max;
      this.sizeValues = values;
    }
    this.renderer.refresh();
  }

  setLargeText(large: boolean): void {
    this.scale = large ? 1.6 : 1;
    this.renderer.setSetting('labelGridCellSize', large ? LARGE_LABEL_CELL : LABEL_CELL);
    this.renderer.setSetting('labelSize', large ? 22 : 13);
  }

  select(id: string | null): void {
    this.selectedIndex = id === null ? -1 : (this.timeline.residentIndex.get(id) ?? -1);
    this.ego.fill(0);
    this.updateEgo([]);
    this.renderer.refresh();
  }

  /** Neighbours of the selected resident at the moment. */
  egoSize(): number {
    let count = 0;
    for (let i = 0; i < this.ego.length; i++) count += this.ego[i];
    return count;
  }

  /** Where a resident is drawn, in CSS pixels of the map container (for tests and tooltips). */
  viewportPosition(id: string): { x: number; y: number } | null {
    const index = this.timeline.residentIndex.get(id);
    const data = index === undefined ? undefined : this.renderer.getNodeDisplayData(String(index));
    return data ? this.renderer.framedGraphToViewport(data) : null;
  }

  /** The current view as a PNG, with the project and moment written in the corner. */
  async exportPng(caption: string): Promise<Blob> {
    const canvas = await drawOnCanvas(this.renderer as unknown as Sigma, {
      backgroundColor: '#ffffff',
    });
    const context = canvas.getContext('2d')!;
    const ratio = window.devicePixelRatio || 1;
    context.font = `${16 * ratio}px system-ui, sans-serif`;
    context.fillStyle = '#1d1d1b';
    context.fillText(caption, 12 * ratio, 24 * ratio);
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))),
        'image/png',
      ),
    );
  }

  kill(): void {
    this.renderer.kill();
  }

  /** Each frame places the selected resident's name first, so no other name can crowd it out. */
  private startLabels(): void {
    const settings = this.renderer.getSettings();
    const font = {
      size: settings.labelSize,
      weight: settings.labelWeight,
      family: settings.labelFont,
    };
    const data =
      this.selectedIndex === -1
        ? undefined
        : this.renderer.getNodeDisplayData(String(this.selectedIndex));
    if (!data || data.hidden || !data.label) return this.labels.startFrame(null, font);
    const { x, y } = this.renderer.framedGraphToViewport(data);
    const size = this.renderer.scaleSize(data.size);
    this.labels.startFrame({ label: data.label, x, y, size }, font);
  }

  private updateEgo(changedNodeKeys: string[]): void {
    if (this.selectedIndex === -1) return;
    const selected = this.nodeKeys[this.selectedIndex];
    this.graph.forEachEdge(selected, (_edge, attributes, source, target) => {
      const other = Number(source === selected ? target : source);
      const inEgo = this.moment.tieState[attributes.index] === TIE_HIDDEN ? 0 : 1;
      if (this.ego[other] === inEgo) return;
      this.ego[other] = inEgo;
      changedNodeKeys.push(this.nodeKeys[other]);
    });
  }

  private nodeSize(i: number): number {
    const share =
      this.sizeValues !== null
        ? this.sizeValues[i]
        : this.moment.degree[i] / Math.max(this.timeline.maxDegreeEver, 1);
    return (6 + 12 * Math.sqrt(share)) * this.scale * this.crowding;
  }

  private reduceNode(attributes: NodeAttributes): Partial<NodeDisplayData> {
    const i = attributes.index;
    const display = attributes as NodeAttributes &
      Partial<NodeDisplayData> & { borderColor?: string };
    if (this.moment.nodeVisible[i] === 0) {
      display.hidden = true;
      return display;
    }
    display.color = this.colouring.entries[this.colouring.category[i]].color;
    display.size = this.nodeSize(i);
    display.borderColor = '#ffffff';
    if (this.selectedIndex === -1) return display;
    if (i === this.selectedIndex) {
      display.highlighted = true;
      display.forceLabel = true;
      display.borderColor = '#1d1d1b';
    } else if (this.ego[i] === 1) {
      display.forceLabel = true;
    } else {
      display.color = FADED_NODE;
      display.label = '';
    }
    return display;
  }

  private reduceEdge(attributes: EdgeAttributes): Partial<EdgeDisplayData> {
    const state = this.moment.tieState[attributes.index];
    const display = attributes as EdgeAttributes & Partial<EdgeDisplayData>;
    if (state === TIE_HIDDEN) {
      display.hidden = true;
      return display;
    }
    const fresh = state === TIE_FRESH;
    display.color = fresh ? FRESH_TIE : TIE;
    display.size = (fresh ? 2.5 : 0.8) * this.scale;
    if (this.selectedIndex === -1) return display;
    const source = this.timeline.tieSource[attributes.index];
    const target = this.timeline.tieTarget[attributes.index];
    if (source === this.selectedIndex || target === this.selectedIndex) {
      display.color = fresh ? FRESH_TIE : EGO_TIE;
      display.size = 1.6 * this.scale;
    } else {
      display.color = FADED_TIE;
    }
    return display;
  }
}
