// Neo4j Graph Data Science on the network at a moment: whether GDS is installed, and the numbers
// its algorithms give on a projection made for one request (cypher/gds-project-moment) and dropped
// after it. The numbers come back as GDS computes them; metrics/gds-conventions.ts turns them into
// the NetworkX conventions of every other answer.
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { GdsNode, GdsRun } from '../metrics/gds-conventions.ts';
import { byId } from '../metrics/id-keys.ts';
import { cypher, rows, type Database } from './neo4j.ts';

/** The network at a moment as the projection takes it. */
export interface GdsMoment {
  projectId: string;
  atMs: number;
  /**
   * The residents in the network at the moment, as metrics/moment.ts decides (the time rule, the
   * community, consent): the projection takes these and the ties holding between them.
   */
  present: readonly string[];
}

/** The algorithms every run takes, each writing its property into the projection. */
const ALGORITHMS = [
  'gds-degree',
  'gds-closeness',
  'gds-pagerank',
  'gds-eigenvector',
  'gds-clustering',
  'gds-triangles',
  'gds-components',
  'gds-louvain',
] as const;
const PROPERTIES = [
  'degree',
  'closeness',
  'pagerank',
  'eigenvector',
  'clustering',
  'triangles',
  'community',
];

/** How long an answer to "is GDS installed?" is kept: it changes only when Neo4j restarts. */
const VERSION_KEPT_MS = 60_000;

export class GdsStore {
  private known: { version: Promise<string | null>; atMs: number } | null = null;

  constructor(private readonly db: Database) {}

  /** GDS's version, or null where it is not installed. A database that cannot answer is a 503. */
  version(): Promise<string | null> {
    const now = Date.now();
    if (!this.known || now - this.known.atMs > VERSION_KEPT_MS) {
      const version = this.ask();
      this.known = { version, atMs: now };
      version.catch(() => (this.known = null));
    }
    return this.known.version;
  }

  private async ask(): Promise<string | null> {
    try {
      return await this.db.read(
        async (tx) => (await tx.run(cypher('gds-version'))).records[0].get('version') as string,
      );
    } catch (error) {
      // the database is down or busy: say so, rather than that GDS is missing
      if (error instanceof AppError && error.status >= 500) throw error;
      return null;
    }
  }

  /**
   * Projects the network at the moment, runs every algorithm on it (exact betweenness only when
   * asked) and drops the projection, also when the work fails or `signal` aborts it between steps.
   * Each step may take `timeoutMs` (the analysis budget) rather than a transaction's usual limit.
   */
  async metricsAt(
    moment: GdsMoment,
    options: { betweenness: boolean; timeoutMs?: number },
    signal: AbortSignal,
  ): Promise<GdsRun> {
    const names: string[] = [];
    const step = async <T>(name: string, params: Record<string, unknown> = {}): Promise<T> => {
      signal.throwIfAborted();
      return this.db.read(async (tx) => {
        // a retried projection gets a name of its own: the failed try's graph may exist
        if (name === 'gds-project-moment') names.push(`peoplemap-${randomUUID()}`);
        const graphName = names.at(-1);
        return rows<T>((await tx.run(cypher(name), { ...params, graphName })).records)[0];
      }, options.timeoutMs);
    };
    try {
      const { nodeCount, relationshipCount } = await step<{
        nodeCount: number;
        relationshipCount: number;
      }>('gds-project-moment', {
        projectId: moment.projectId,
        atMs: moment.atMs,
        present: moment.present,
      });
      const stats: Record<string, Record<string, unknown>> = {};
      const algorithms = options.betweenness ? [...ALGORITHMS, 'gds-betweenness'] : ALGORITHMS;
      for (const algorithm of algorithms) stats[algorithm] = await step(algorithm);
      const properties = options.betweenness ? [...PROPERTIES, 'betweenness'] : PROPERTIES;
      signal.throwIfAborted();
      const nodes = await this.db.read(async (tx) => {
        const result = await tx.run(cypher('gds-node-properties'), {
          graphName: names.at(-1),
          properties,
        });
        const nodes = byId<GdsNode>();
        for (const record of result.records) {
          const values = record.get('values') as number[];
          const node: Record<string, number> = {};
          (record.get('names') as string[]).forEach((property, i) => (node[property] = values[i]));
          nodes[record.get('id') as string] = node as unknown as GdsNode;
        }
        return nodes;
      }, options.timeoutMs);
      return {
        nodeCount,
        edgeCount: relationshipCount / 2,
        nodes,
        components: stats['gds-components'].componentCount as number,
        largestComponent: (stats['gds-components'].largest as number | null) ?? 0,
        modularity: stats['gds-louvain'].modularity as number,
        eigenvectorConverged: stats['gds-eigenvector'].didConverge as boolean,
        pagerankConverged: stats['gds-pagerank'].didConverge as boolean,
      };
    } finally {
      for (const graphName of names)
        await this.db.read((tx) => tx.run(cypher('gds-drop'), { graphName })).catch(() => {});
    }
  }
}
