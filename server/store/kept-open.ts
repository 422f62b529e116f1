// The network after a project's last change as Neo4j holds it (its open TIE segments), kept
// between reads (kept.ts): after a write only the pairs its events name are read again, so the
// first graph or metrics read after a small write does not read every open segment.
import type { ManagedTransaction } from 'neo4j-driver';
import { pairKey } from '../metrics/network.ts';
import { Kept, effectOf, rereadsAll, type LaterEvent } from './kept.ts';
import { cypher, streamRows } from './neo4j.ts';
import { bySinceKey, type TieSegment } from '../metrics/moment.ts';

const openSegments = async (
  tx: ManagedTransaction,
  name: 'tie-open' | 'tie-open-keys',
  params: { projectId: string; hidden: string[]; keys?: string[] },
) => streamRows<TieSegment>(tx.run(cypher(name), params));

/** The pairs a tail's tie events touch; null when one withdraws an earlier event. */
function touchedPairs(tail: readonly LaterEvent[]): Set<string> | null {
  if (rereadsAll(tail)) return null;
  const keys = new Set<string>();
  for (const e of tail)
    if (effectOf(e).spell === 'tie' && e.from && e.to) keys.add(pairKey(e.from, e.to));
  return keys;
}

/** The open segments of each recently read project and hidden set. */
export const keptOpenSegments = () =>
  new Kept<readonly TieSegment[]>({
    // kept in the order the network adds them, so sorting them for a read costs a pass
    whole: async (tx, projectId, hidden) =>
      (await openSegments(tx, 'tie-open', { projectId, hidden })).sort(bySinceKey),
    extend: async (tx, kept, { projectId, hidden, tail }) => {
      const touched = touchedPairs(await tail());
      if (touched === null) return null;
      if (touched.size === 0) return kept;
      const keys = [...touched];
      const fresh = await openSegments(tx, 'tie-open-keys', { projectId, hidden, keys });
      return [...kept.filter((s) => !touched.has(s.key)), ...fresh].sort(bySinceKey);
    },
  });
