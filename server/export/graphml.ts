// GraphML of the network at one moment (graphology-graphml only parses, so the writer is here).
// Each tie carries its strength (1–3, higher is closer) and its distance (1/strength), and no
// `weight` unless asked: igraph takes an edge attribute named `weight` as a length in betweenness,
// closeness and shortest paths, and NetworkX's `weight=` means whatever the caller says. A partner's
// file carries how it was de-identified as graph attributes (`privacy.k`, `privacy.generalised.*`),
// which NetworkX reads into G.graph and igraph into graph_attr; a value not shown is left out.
import { idOfNode } from '../metrics/id-keys.ts';
import type { PrivacyNote } from '../privacy/generalise.ts';
import { privacyAttributes } from './privacy-note.ts';
import { xmlEscape } from './xml.ts';
import type { ResidentNetwork } from '../metrics/moment.ts';

/** What a GraphML `weight` may hold, when asked for: a copy of strength or of distance. */
export const GRAPHML_WEIGHTS = ['strength', 'distance'] as const;
export type GraphmlWeight = (typeof GRAPHML_WEIGHTS)[number];

const NODE_KEYS = [
  ['name', 'string'],
  ['communityId', 'string'],
  ['participant', 'boolean'],
  ['joinedAt', 'string'],
] as const;
const EDGE_KEYS = [
  ['strength', 'double'],
  ['distance', 'double'],
  ['kind', 'string'],
  ['formedAt', 'string'],
  ['lastAt', 'string'],
] as const;

const data = (key: string, value: unknown) =>
  value === null || value === undefined
    ? ''
    : `<data key="${key}">${xmlEscape(String(value))}</data>`;

const keyTag = (key: string, type: string, on: 'graph' | 'node' | 'edge') =>
  `  <key id="${key}" for="${on}" attr.name="${key}" attr.type="${type}"/>`;

export function networkToGraphml(
  graph: ResidentNetwork,
  at: string,
  weight: GraphmlWeight | null,
  privacy: PrivacyNote | null,
): string {
  const graphData = privacy ? privacyAttributes(privacy) : [];
  const edgeKeys: (readonly [string, string])[] = weight
    ? [...EDGE_KEYS, ['weight', 'double']]
    : [...EDGE_KEYS];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...graphData.map(([k]) => keyTag(k, 'int', 'graph')),
    ...NODE_KEYS.map(([k, type]) => keyTag(k, type, 'node')),
    ...edgeKeys.map(([k, type]) => keyTag(k, type, 'edge')),
    `  <graph id="at-${xmlEscape(at)}" edgedefault="undirected">`,
    ...graphData.map(([k, value]) => `    ${data(k, value)}`),
  ];
  graph.forEachNode((node, attributes) => {
    const values = NODE_KEYS.map(([k]) => data(k, attributes[k])).join('');
    lines.push(`    <node id="${xmlEscape(idOfNode(node))}">${values}</node>`);
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    const values: Record<string, unknown> = { ...attributes, strength: attributes.weight };
    if (weight) values.weight = values[weight];
    const cells = edgeKeys.map(([k]) => data(k, values[k])).join('');
    lines.push(
      `    <edge id="${xmlEscape(edge)}" source="${xmlEscape(idOfNode(source))}" target="${xmlEscape(idOfNode(target))}">${cells}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
