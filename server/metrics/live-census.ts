// Graph-level metrics of a growing graph kept up to date edge by edge, so a timeline pays for each
// change once instead of recounting triangles and components at every point. It listens to the
// graphology graph's events; the numbers come out of graph-metrics.ts's one formula.
import type Graph from 'graphology-types';
import { localClustering } from './clustering.ts';
import { summarise, type GraphMetrics } from './graph-metrics.ts';

export class LiveCensus {
  private readonly position = new Map<string, number>();
  /** The node at each position: a leaving node's place is taken by the last one. */
  private readonly keys: string[] = [];
  private readonly degrees: number[] = [];
  private readonly triangles: number[] = [];
  /** Union-find over node positions; rebuilt from the graph after a tie ends. */
  private parent: number[] = [];
  private size: number[] = [];
  private componentsStale = false;
  private components = 0;

  constructor(private readonly graph: Graph) {
    if (graph.order > 0)
      throw new Error('peoplemap/metrics/live-census: start from an empty graph.');
    graph.on('nodeAdded', ({ key }: { key: string }) => this.addNode(key));
    graph.on('edgeAdded', ({ source, target }: { source: string; target: string }) =>
      this.changeEdge(source, target, +1),
    );
    graph.on('edgeDropped', ({ source, target }: { source: string; target: string }) =>
      this.changeEdge(source, target, -1),
    );
    graph.on('nodeDropped', ({ key }: { key: string }) => this.dropNode(key));
  }

  metrics(): GraphMetrics {
    if (this.componentsStale) this.rebuildComponents();
    let largest = 0;
    for (let i = 0; i < this.parent.length; i++) {
      if (this.parent[i] === i && this.size[i] > largest) largest = this.size[i];
    }
    const clustering = this.degrees.map((degree, i) => localClustering(this.triangles[i], degree));
    return summarise({
      edgeCount: this.graph.size,
      degrees: this.degrees,
      triangles: this.triangles,
      clustering,
      components: this.components,
      largestComponent: largest,
    });
  }

  private addNode(key: string): void {
    const i = this.degrees.length;
    this.position.set(key, i);
    this.keys.push(key);
    this.degrees.push(0);
    this.triangles.push(0);
    this.parent.push(i);
    this.size.push(1);
    this.components += 1;
  }

  /**
   * A resident left. Their edges went first, each through edgeDropped (graphology's dropNode drops
   * them without telling: the replay drops them itself), so their degree and triangles are 0; the
   * last node moves into their place and the components are counted again when next asked.
   */
  private dropNode(key: string): void {
    const i = this.position.get(key)!;
    if (this.degrees[i] !== 0)
      throw new Error("peoplemap/metrics/live-census: drop a node's edges before the node.");
    const last = this.keys.length - 1;
    const moved = this.keys[last];
    this.keys[i] = moved;
    this.position.set(moved, i);
    this.degrees[i] = this.degrees[last];
    this.triangles[i] = this.triangles[last];
    this.keys.pop();
    this.degrees.pop();
    this.triangles.pop();
    this.position.delete(key);
    this.parent.pop();
    this.size.pop();
    this.componentsStale = true;
  }

  /** An edge came (+1) or went (−1): its endpoints' degrees, and every triangle it closes. */
  private changeEdge(source: string, target: string, sign: 1 | -1): void {
    if (source === target) return;
    const s = this.position.get(source)!;
    const t = this.position.get(target)!;
    this.degrees[s] += sign;
    this.degrees[t] += sign;
    const [small, other] =
      this.graph.degree(source) <= this.graph.degree(target) ? [source, target] : [target, source];
    this.graph.forEachNeighbor(small, (corner) => {
      if (corner === other || !this.graph.hasEdge(other, corner)) return;
      this.triangles[s] += sign;
      this.triangles[t] += sign;
      this.triangles[this.position.get(corner)!] += sign;
    });
    if (sign < 0) this.componentsStale = true;
    else if (!this.componentsStale) this.union(s, t);
  }

  private find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[i] !== root) {
      const next = this.parent[i];
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  private union(a: number, b: number): void {
    let x = this.find(a);
    let y = this.find(b);
    if (x === y) return;
    if (this.size[x] < this.size[y]) [x, y] = [y, x];
    this.parent[y] = x;
    this.size[x] += this.size[y];
    this.components -= 1;
  }

  private rebuildComponents(): void {
    const n = this.degrees.length;
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.size = new Array<number>(n).fill(1);
    this.components = n;
    this.componentsStale = false;
    this.graph.forEachEdge((_edge, _attributes, source, target) => {
      this.union(this.position.get(source)!, this.position.get(target)!);
    });
  }
}
