// CSV tables of the network at one moment: its ties, or its residents with their degree.
import { csvCell } from './xml.ts';
import type { ResidentNetwork } from '../metrics/moment.ts';

const row = (cells: (string | number | boolean | null)[]) => cells.map(csvCell).join(',');

export function tiesCsv(graph: ResidentNetwork): string {
  const lines = [row(['source', 'target', 'kind', 'weight', 'formedAt', 'lastAt'])];
  graph.forEachEdge((_edge, a, source, target) => {
    lines.push(row([source, target, a.kind, a.weight, a.formedAt, a.lastAt]));
  });
  return lines.join('\r\n') + '\r\n';
}

export function residentsCsv(graph: ResidentNetwork): string {
  const lines = [row(['id', 'name', 'communityId', 'participant', 'joinedAt', 'degree'])];
  graph.forEachNode((node, a) => {
    lines.push(row([node, a.name, a.communityId, a.participant, a.joinedAt, graph.degree(node)]));
  });
  return lines.join('\r\n') + '\r\n';
}
