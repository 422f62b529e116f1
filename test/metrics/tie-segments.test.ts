// The network at a moment built from the projection's TIE segments (tie-segments.ts).
import t from 'tap';
import { networkFromSegments, type TieSegment } from '../../server/metrics/tie-segments.ts';
import type { ResidentRecord } from '../../server/metrics/network.ts';

const resident = (id: string): ResidentRecord => ({
  id,
  name: id,
  communityId: null,
  participant: false,
  joinedAtMs: 0,
});

const segment = (since: number, until: number | null, strength: number): TieSegment => ({
  key: 'a|b',
  source: 'a',
  target: 'b',
  since,
  until,
  formed: 100,
  kind: 'knows',
  strength,
  from: 'a',
  to: 'b',
});

t.test('a read that meets a segment and its successor keeps one edge, the later one', async (t) => {
  // Both rows can reach a read that overlaps the write replacing the pair (read-committed).
  const residents = [resident('a'), resident('b')];
  for (const order of [
    [segment(100, null, 1), segment(200, null, 3)],
    [segment(200, null, 3), segment(100, null, 1)],
  ]) {
    const graph = networkFromSegments(residents, order, 300);
    t.equal(graph.size, 1);
    t.equal(graph.getEdgeAttribute('a|b', 'weight'), 3);
    t.equal(graph.getEdgeAttribute('a|b', 'lastAt'), new Date(200).toISOString());
  }
});

t.test('a segment that ended by the moment draws no edge', async (t) => {
  const graph = networkFromSegments([resident('a'), resident('b')], [segment(100, 200, 1)], 200);
  t.equal(graph.size, 0);
  t.equal(graph.order, 2);
});
