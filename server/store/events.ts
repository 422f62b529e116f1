// The append-only event log: batches are validated whole, written in one transaction with UNWIND,
// and an id already stored (or repeated in the batch) is a no-op. Batches sent to one project while
// a write to it is in flight are written together, each still all-or-nothing (group commit).
import type { ManagedTransaction } from 'neo4j-driver';
import type { AppendResult, EventInput } from '../domain-events.ts';
import { isRefusal } from '../errors.ts';
import { checkEvents, judgeEvents, readFacts, type Pending } from './event-checks.ts';
import { cypher, neo4jInt, rows, type Database } from './neo4j.ts';
import { advanceLastChange, latest, lockProject, requireProject } from './projects.ts';
import type { Tombstones } from './tombstones.ts';
import { keyedEvent, spellTails, upkeepSpells, type KeyedEvent } from './projection.ts';
import { GroupCommit, type Outcome } from './group-commit.ts';
import { hiddenIds } from './network.ts';
import { pairKey } from '../metrics/network.ts';
import { membershipKey } from '../metrics/memberships.ts';

/** An event as stored: the fields it was sent with, `at` in UTC. */
export type StoredEvent = EventInput;

/** Rows per UNWIND statement; a batch of many chunks is still one transaction. */
const CHUNK = 10_000;

function residentsNamed(event: EventInput): string[] {
  switch (event.type) {
    case 'connection':
    case 'disconnection':
      return event.from === event.to ? [event.from] : [event.from, event.to];
    case 'retraction':
      return [];
    default:
      return [event.resident];
  }
}

/** The pair or membership whose spells the event opens or closes (null: none). */
function spellKeyOf(event: EventInput): string | null {
  switch (event.type) {
    case 'connection':
    case 'disconnection':
      return event.from === event.to ? null : pairKey(event.from, event.to);
    case 'membership':
    case 'departure':
      return membershipKey(event.resident, event.group);
    default:
      return null;
  }
}

/**
 * Everything but id, type and at, as flat properties of the Event node, and its spell key; a
 * participation's end also in epoch milliseconds (untilMs), as the node's status is computed from.
 */
function propsOf(event: EventInput): Record<string, string | number | null> {
  const { id: _id, type: _type, at: _at, ...rest } = event;
  const props: Record<string, string | number | null> = {
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v ?? null])),
    spellKey: spellKeyOf(event),
  };
  if (event.type === 'participation' && event.until !== undefined) {
    const untilMs = Date.parse(event.until);
    props.until = new Date(untilMs).toISOString();
    props.untilMs = untilMs;
  }
  return props;
}

/** Events that change what a resident's node holds of their presence and participation. */
const STATUS_TYPES: ReadonlySet<EventInput['type']> = new Set(['leave', 'return', 'participation']);

export interface EventQuery {
  fromMs: number;
  toMs: number;
  types: EventInput['type'][] | null;
  residentId: string | null;
  after: Cursor | null;
  limit: number;
}

/** Where a page ended: the replay-order key of its last event. */
export interface Cursor {
  atMs: number;
  batch: number;
  seq: number;
  id: string;
}

/** Properties kept for the service's own bookkeeping, not part of an event as sent. */
const INTERNAL = new Set([
  'projectId',
  'atMs',
  'recordedAtMs',
  'batch',
  'seq',
  'retractedBy',
  'spellKey',
  'untilMs',
]);

/** An Event node's properties as the event was sent: the service's bookkeeping left out. */
export const storedEvent = (properties: Record<string, unknown>): StoredEvent =>
  Object.fromEntries(
    Object.entries(properties).filter(([k, v]) => !INTERNAL.has(k) && v !== null),
  ) as StoredEvent;

/**
 * Validates and appends events inside a write the caller opened (and locked with lockProject), so
 * an import can create residents, groups and events in one transaction.
 */
export async function appendEvents(
  tx: ManagedTransaction,
  projectId: string,
  events: EventInput[],
  path: string | null,
  batch: number,
  tombstones: Tombstones,
): Promise<AppendResult> {
  const fresh = await checkEvents(tx, projectId, events, path, tombstones);
  await writeEvents(tx, projectId, fresh, batch);
  return resultOf(events, fresh);
}

const resultOf = (events: EventInput[], fresh: EventInput[]): AppendResult => ({
  received: events.length,
  created: fresh.length,
  duplicates: events.length - fresh.length,
});

/** Stores checked events (none of them stored yet) as one batch, and keeps the projection up. */
async function writeEvents(
  tx: ManagedTransaction,
  projectId: string,
  fresh: EventInput[],
  batch: number,
): Promise<void> {
  const recordedAtMs = Date.now();
  const firsts = new Map<string, number>();
  const appended: KeyedEvent[] = [];
  const rowsIn = fresh.map((event, seq) => {
    const atMs = Date.parse(event.at);
    const named = residentsNamed(event);
    for (const id of named) firsts.set(id, Math.min(firsts.get(id) ?? Infinity, atMs));
    const props = propsOf(event);
    if (props.spellKey !== null) appended.push(keyedEvent(event.type, atMs, props));
    return { id: event.id, type: event.type, at: event.at, atMs, seq, props, residents: named };
  });
  // read before the new events are stored: what each touched pair or membership held until now
  const tails = await spellTails(tx, projectId, new Set(appended.map((e) => e.spellKey)));
  // The statements below are sent together, not each after the answer to the last (the driver
  // pipelines them; Neo4j runs them in the order sent): under load every wait for an answer is a
  // turn of a busy event loop, and a write of ten statements waited ten.
  const writes: PromiseLike<unknown>[] = [];
  for (let i = 0; i < rowsIn.length; i += CHUNK) {
    writes.push(
      tx.run(cypher('event-create'), {
        projectId,
        batch,
        recordedAtMs,
        events: rowsIn.slice(i, i + CHUNK),
      }),
    );
  }
  writes.push(advanceLastChange(tx, projectId, latest(rowsIn.map((r) => r.atMs))));
  const firstRows = [...firsts].map(([id, atMs]) => ({ id, atMs }));
  for (let i = 0; i < firstRows.length; i += CHUNK) {
    writes.push(
      tx.run(cypher('resident-first-event-advance'), {
        projectId,
        firsts: firstRows.slice(i, i + CHUNK),
      }),
    );
  }
  const retractions = fresh.flatMap((e) =>
    e.type === 'retraction' ? [{ id: e.id, event: e.event }] : [],
  );
  const retracted =
    retractions.length > 0 ? tx.run(cypher('event-retract'), { projectId, retractions }) : null;
  await Promise.all([...writes, retracted]);
  // the projection: only the pairs and memberships these events touch change, and the status of
  // the residents whose leaving, returning or participation they change
  let withdrawnKeys: string[] = [];
  const statusOf = new Set(
    fresh.flatMap((e) => (STATUS_TYPES.has(e.type) ? residentsNamed(e) : [])),
  );
  if (retracted) {
    const withdrawn = rows<{ residents: string[]; keys: string[] }>((await retracted).records)[0];
    await tx.run(cypher('event-first-refresh'), { projectId, ids: withdrawn.residents });
    for (const id of withdrawn.residents) statusOf.add(id);
    withdrawnKeys = withdrawn.keys;
  }
  if (statusOf.size > 0)
    await tx.run(cypher('resident-status-refresh'), { projectId, ids: [...statusOf] });
  await upkeepSpells(tx, projectId, appended, tails, withdrawnKeys);
}

interface PendingBatch {
  events: EventInput[];
  path: string | null;
}

/** A group is at most this many batches, or this many events (a bigger batch goes alone). */
const GROUP_BATCHES = 50;
const GROUP_EVENTS = 10_000;

export class EventStore {
  private readonly queue = new GroupCommit<PendingBatch, AppendResult>(
    (projectId, batches) => this.writeGroup(projectId, batches),
    { maxItems: GROUP_BATCHES, maxWeight: GROUP_EVENTS, weight: (batch) => batch.events.length },
  );

  constructor(
    private readonly db: Database,
    private readonly tombstones: Tombstones,
  ) {}

  /**
   * One page of the event log in replay order without the events naming a `hidden` resident
   * (required: no default of "none"), and the cursor of its last event (null: no more).
   */
  async page(
    projectId: string,
    query: EventQuery,
    options: { hidden: readonly string[] },
  ): Promise<{ events: StoredEvent[]; next: Cursor | null }> {
    const hidden = hiddenIds(options?.hidden);
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      const found = rows<{ event: Record<string, unknown> }>(
        (
          await tx.run(cypher('event-page'), {
            projectId,
            ...query,
            limit: neo4jInt(query.limit + 1),
            hidden,
          })
        ).records,
      ).map((r) => r.event);
      const more = found.length > query.limit;
      const page = found.slice(0, query.limit);
      const last = page.at(-1);
      const next =
        more && last
          ? {
              atMs: last.atMs as number,
              batch: last.batch as number,
              seq: last.seq as number,
              id: last.id as string,
            }
          : null;
      return { events: page.map(storedEvent), next };
    });
  }

  /** Appends one batch; answers once the transaction holding it has committed. */
  append(
    projectId: string,
    events: EventInput[],
    path: string | null = 'events',
  ): Promise<AppendResult> {
    return this.queue.submit(projectId, { events, path });
  }

  /**
   * Writes the batches of one group in one transaction, in their order of arrival. What their
   * checks need is read once; then each is judged against it and against what earlier batches of
   * the group bring. A batch its checks refuse (a 4xx) adds nothing and gets its error, and the
   * others go on. The events accepted are stored together as one batch, in order of arrival. Any
   * other error fails the whole group. The work may run again on a transient error, so it keeps
   * no state outside.
   */
  private writeGroup(projectId: string, batches: PendingBatch[]): Promise<Outcome<AppendResult>[]> {
    return this.db.write(async (tx) => {
      // The version taken under the project's lock orders this group after every earlier write,
      // whatever the clocks of the API replicas say.
      const { version: batch } = await lockProject(tx, projectId);
      const facts = await readFacts(
        tx,
        projectId,
        batches.map((b) => b.events),
        this.tombstones,
      );
      const pending: Pending = new Map();
      const accepted: EventInput[] = [];
      const outcomes: Outcome<AppendResult>[] = [];
      for (const { events, path } of batches) {
        let fresh: EventInput[];
        try {
          fresh = judgeEvents(events, path, facts, pending);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          outcomes.push({ ok: false, error });
          continue;
        }
        for (const event of fresh) pending.set(event.id, event);
        accepted.push(...fresh);
        outcomes.push({ ok: true, value: resultOf(events, fresh) });
      }
      if (accepted.length > 0) await writeEvents(tx, projectId, accepted, batch);
      return outcomes;
    });
  }
}
