// The network at a moment written straight to graphology's serialisation format, from residents
// and the TIE segments holding then: moment.ts's selection, nodes and edges, as
// networkFromSegments(...).export() would give them, without building the graph. The plain /graph
// answer is this text; building and exporting a graphology graph only to stringify it cost more than the
// rest of a read after a write, and at a million events held the network three times over.
// It runs on the API thread in slices, giving the event loop back between them, and comes out as
// UTF-8 chunks of about a megabyte: at a million events the text is ~170 MB, which as one string
// would be flattened when sent and encoded again on the way out, three copies at once.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  edgeEntry,
  nodeEntry,
  selectionAt,
  type ResidentRecord,
  type TieSegment,
} from '../metrics/moment.ts';

/** The /graph answer's own attributes: its moment, community and whether groups are in it. */
export const graphAttributes = (
  atMs: number,
  communityId: string | undefined,
  groups: boolean,
) => ({
  at: new Date(atMs).toISOString(),
  community: communityId ?? null,
  groups,
});

/** Nodes or edges written between two turns of the event loop. */
const SLICE = 4096;

export interface GraphJsonInput {
  records: readonly ResidentRecord[];
  segments: readonly TieSegment[];
  atMs: number;
  communityId?: string;
}

/** The graph's text as UTF-8, in chunks to be sent one after another; `signal` stops it between slices. */
export async function graphJson(input: GraphJsonInput, signal?: AbortSignal): Promise<Buffer[]> {
  const { residents, ties } = selectionAt(input.records, input.segments, input.atMs, {
    communityId: input.communityId,
  });
  const head = JSON.stringify({
    options: { type: 'undirected', multi: false, allowSelfLoops: true },
    attributes: graphAttributes(input.atMs, input.communityId, false),
  });
  const node = (r: ResidentRecord) => JSON.stringify(nodeEntry(r, input.atMs));
  const chunks = [Buffer.from(`${head.slice(0, -1)},"nodes":[`)];
  await sliced(residents, node, chunks, signal);
  chunks.push(Buffer.from('],"edges":['));
  await sliced(ties, edge, chunks, signal);
  chunks.push(Buffer.from(']}'));
  return chunks;
}

/**
 * Each segment's edge text, made once: the segments of the network after the last change are kept
 * between versions (kept-open.ts), so after a write only the pairs it touched are written afresh.
 */
const edges = new WeakMap<TieSegment, string>();
function edge(s: TieSegment): string {
  let text = edges.get(s);
  if (text === undefined) {
    text = JSON.stringify(edgeEntry(s));
    edges.set(s, text);
  }
  return text;
}

/**
 * The items' texts joined by commas, added to `chunks` a slice at a time (one chunk per slice),
 * with the event loop given back between slices.
 */
async function sliced<T>(
  items: readonly T[],
  write: (item: T) => string,
  chunks: Buffer[],
  signal: AbortSignal | undefined,
): Promise<void> {
  const texts = new Array<string>(Math.min(items.length, SLICE));
  for (let from = 0; from < items.length; from += SLICE) {
    if (from > 0) {
      await yieldToLoop();
      signal?.throwIfAborted();
    }
    const to = Math.min(items.length, from + SLICE);
    texts.length = to - from;
    for (let i = from; i < to; i++) texts[i - from] = write(items[i]);
    chunks.push(Buffer.from(from > 0 ? `,${texts.join(',')}` : texts.join(',')));
  }
}
