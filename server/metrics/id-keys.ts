// Client-chosen ids as keys. Graphology keeps each node's neighbours in plain objects keyed by the
// neighbour's key, so a resident id naming a member of Object.prototype (`constructor`, `toString`,
// `__proto__`…) would read as a tie that is not there, or replace that object's prototype: such an
// id gets a node key of its own. Results keyed by ids are null-prototype objects.
import type { default as Graph, SerializedGraph } from 'graphology-types';

const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** No id starts with `#` (domain.ts Id), nor does a group's node key (`group/<id>`). */
const ESCAPE = '#';

/** The graphology node key of a resident: the id itself, unless it names a prototype member. */
export const nodeKey = (id: string): string => (PROTOTYPE_NAMES.has(id) ? ESCAPE + id : id);

/** The resident id of a node key (group keys come back unchanged). */
export const idOfNode = (key: string): string => (key.startsWith(ESCAPE) ? key.slice(1) : key);

/**
 * An empty object to key by ids: with no prototype, `constructor` is absent until set and
 * `__proto__` is an ordinary key (it survives structured cloning and JSON.stringify as one).
 */
export const byId = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** A graph's serialisation with resident ids, not node keys, as nodes and edge ends. */
export function exportWithIds(graph: Graph): SerializedGraph {
  const serialised = graph.export();
  for (const node of serialised.nodes) node.key = idOfNode(node.key);
  for (const edge of serialised.edges) {
    edge.source = idOfNode(edge.source);
    edge.target = idOfNode(edge.target);
  }
  return serialised;
}
