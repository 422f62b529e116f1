// CSV tables of the network at one moment: its ties (strength and distance named as in GraphML, no
// `weight` for igraph's graph_from_data_frame to take as a length), or its residents with degree.
import { csvCell } from '../csv-cell.ts';
import { idOfNode } from '../metrics/id-keys.ts';
import type { ResidentNetwork } from '../metrics/moment.ts';

const row = (cells: (string | number | boolean | null)[]) => cells.map(csvCell).join(',');

export function tiesCsv(graph: ResidentNetwork): string {
  const lines = [row(['source', 'target', 'kind', 'strength', 'distance', 'formedAt', 'lastAt'])];
  graph.forEachEdge((_edge, a, source, target) => {
    lines.push(
      row([idOfNode(source), idOfNode(target), a.kind, a.weight, a.distance, a.formedAt, a.lastAt]),
    );
  });
  return lines.join('\r\n') + '\r\n';
}

export function residentsCsv(graph: ResidentNetwork): string {
  const lines = [row(['id', 'name', 'communityId', 'participant', 'joinedAt', 'degree'])];
  graph.forEachNode((node, a) => {
    const cells = [a.name, a.communityId, a.participant, a.joinedAt, graph.degree(node)];
    lines.push(row([idOfNode(node), ...cells]));
  });
  return lines.join('\r\n') + '\r\n';
}
