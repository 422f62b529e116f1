// The /graph text written straight from segments (graph-json.ts) against two independent readings
// of the same network: the time rule replaying every event (networkAt), and graphology's own
// export of the graph built from the segments (the worker's path, still used for the group layer).
import t from 'tap';
import { createRandom } from '../../fixtures/prng.ts';
import { graphJson, type GraphJsonInput } from '../../server/analysis/graph-json.ts';
import { graphAt } from '../../server/analysis/tasks.ts';
import { networkAt, type TieEvent } from '../../server/metrics/network.ts';
import { tieSegments } from '../../server/metrics/tie-segments.ts';
import type { ResidentRecord, TieSegment } from '../../server/metrics/moment.ts';

interface Exported {
  attributes: Record<string, unknown>;
  nodes: { key: string; attributes?: Record<string, unknown> }[];
  edges: { key?: string; source: string; target: string; attributes?: Record<string, unknown> }[];
}

/** The text of the chunks graphJson answers with, as the client reads them one after another. */
const textOf = async (input: GraphJsonInput) => Buffer.concat(await graphJson(input)).toString();

const byKey = <T extends { key?: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));

/** A programme of `size` residents in two communities, joining over time, and its tie events. */
function programme(seed: number, size: number, events: number) {
  const random = createRandom(seed);
  const records: ResidentRecord[] = Array.from({ length: size }, (_, i) => ({
    id: `r${i}`,
    name: random.chance(0.2) ? null : `Resident "${i}"\n`,
    communityId: random.chance(0.1) ? null : random.pick(['north', 'south']),
    participant: random.chance(0.3),
    joinedAtMs: random.int(0, 50) * 1000,
  }));
  const ties: TieEvent[] = Array.from({ length: events }, (_, seq) => {
    const [from, to] = random.shuffle(records).slice(0, 2);
    return {
      id: String(seq),
      type: random.chance(0.8) ? 'connection' : 'disconnection',
      atMs: random.int(0, 100) * 1000,
      seq,
      from: from.id,
      to: to.id,
      kind: random.chance(0.3) ? undefined : random.pick(['neighbour', 'kin', 'café ☕']),
      strength: random.chance(0.5) ? undefined : random.int(1, 4) / 2,
    };
  });
  ties.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq).forEach((e, seq) => (e.seq = seq));
  return { records, ties, segments: random.shuffle(tieSegments(ties)) };
}

t.test(
  'the text is the network the time rule replays, node for node and tie for tie',
  async (t) => {
    // more nodes and ties than one slice (4,096), so the slices' joins are crossed
    const { records, ties, segments } = programme(1, 5000, 20000);
    let edges = 0;
    for (const atMs of [-1, 20_500, 75_000, 200_000]) {
      for (const communityId of [undefined, 'north']) {
        const text = await textOf({ records, segments, atMs, communityId });
        const ours = JSON.parse(text) as Exported;
        const replayed = networkAt(records, ties, atMs, { communityId }).export() as Exported;
        t.same(byKey(ours.nodes), byKey(replayed.nodes), `nodes at ${atMs} ${communityId ?? ''}`);
        t.same(byKey(ours.edges), byKey(replayed.edges), `edges at ${atMs} ${communityId ?? ''}`);
        t.same(ours.attributes, {
          at: new Date(atMs).toISOString(),
          community: communityId ?? null,
          groups: false,
        });
        edges += ours.edges.length;
      }
    }
    t.ok(edges > 10000, `the moments hold ties (${edges} in all)`);
  },
);

t.test("the text is graphology's export of the same network, byte for byte", async (t) => {
  const { records, segments } = programme(2, 300, 3000);
  // a read overlapping a write can meet a pair's old segment and its successor: one edge, the later
  const pair = segments.find((s) => s.until === null)!;
  const stale: TieSegment = { ...pair, since: pair.since - 1, strength: 9, kind: 'stale' };
  for (const input of [segments, [...segments, stale], [stale, ...segments]]) {
    for (const communityId of [undefined, 'south']) {
      const task = { records, segments: input, atMs: 100_000, communityId };
      t.equal(await textOf(task), JSON.stringify(graphAt(task)));
    }
  }
  const text = await textOf({ records, segments: [stale, pair], atMs: 100_000 });
  const edge = (JSON.parse(text) as Exported).edges.find((e) => e.key === pair.key);
  t.equal(edge?.attributes?.weight, pair.strength, 'the later segment of the pair is its tie');
});

t.test('an empty network is a graph with no nodes and no edges', async (t) => {
  t.same(JSON.parse(await textOf({ records: [], segments: [], atMs: 0 })), {
    options: { type: 'undirected', multi: false, allowSelfLoops: true },
    attributes: { at: '1970-01-01T00:00:00.000Z', community: null, groups: false },
    nodes: [],
    edges: [],
  });
});

t.test('a stopped read stops between slices', async (t) => {
  const { records, segments } = programme(3, 9000, 100);
  const stop = new AbortController();
  const text = graphJson({ records, segments, atMs: 100_000 }, stop.signal);
  stop.abort(new Error('the reader went away'));
  await t.rejects(text, { message: 'the reader went away' });
});
