// GraphML of the network at one moment (graphology-graphml only parses, so the writer is here).
import { xmlEscape } from './xml.ts';
import type { ResidentNetwork } from '../metrics/moment.ts';

const NODE_KEYS = [
  ['name', 'string'],
  ['communityId', 'string'],
  ['participant', 'boolean'],
  ['joinedAt', 'string'],
] as const;
const EDGE_KEYS = [
  ['weight', 'double'],
  ['kind', 'string'],
  ['formedAt', 'string'],
  ['lastAt', 'string'],
] as const;

const data = (key: string, value: unknown) =>
  value === null || value === undefined
    ? ''
    : `<data key="${key}">${xmlEscape(String(value))}</data>`;

export function networkToGraphml(graph: ResidentNetwork, at: string): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...NODE_KEYS.map(
      ([k, type]) => `  <key id="${k}" for="node" attr.name="${k}" attr.type="${type}"/>`,
    ),
    ...EDGE_KEYS.map(
      ([k, type]) => `  <key id="${k}" for="edge" attr.name="${k}" attr.type="${type}"/>`,
    ),
    `  <graph id="at-${xmlEscape(at)}" edgedefault="undirected">`,
  ];
  graph.forEachNode((node, attributes) => {
    const values = NODE_KEYS.map(([k]) => data(k, attributes[k])).join('');
    lines.push(`    <node id="${xmlEscape(node)}">${values}</node>`);
  });
  graph.forEachEdge((edge, attributes, source, target) => {
    const values = EDGE_KEYS.map(([k]) => data(k, attributes[k])).join('');
    lines.push(
      `    <edge id="${xmlEscape(edge)}" source="${xmlEscape(source)}" target="${xmlEscape(target)}">${values}</edge>`,
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
