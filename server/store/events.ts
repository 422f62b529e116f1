// The append-only event log: batches are validated whole, written in one transaction with UNWIND,
// and an id already stored (or repeated in the batch) is a no-op.
import type { ManagedTransaction } from 'neo4j-driver';
import type { EventInput } from '../domain.ts';
import { badRequest, itemPath } from '../errors.ts';
import { cypher, neo4jInt, rows, type Database } from './neo4j.ts';

/** An event as stored: the fields it was sent with, `at` in UTC. */
export type StoredEvent = EventInput;
import { advanceLastChange, latest, lockProject, requireProject } from './projects.ts';
import { existing, unknownReferences, type Reference } from './references.ts';
import type { Tombstones } from './tombstones.ts';
import { keyedEvent, spellTails, upkeepSpells, type KeyedEvent } from './projection.ts';
import { pairKey } from '../metrics/network.ts';
import { membershipKey } from '../metrics/memberships.ts';

export interface AppendResult {
  received: number;
  created: number;
  duplicates: number;
}

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

/** Everything but id, type and at, as flat properties of the Event node, and its spell key. */
function propsOf(event: EventInput): Record<string, string | number | null> {
  const { id: _id, type: _type, at: _at, ...rest } = event;
  return {
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v ?? null])),
    spellKey: spellKeyOf(event),
  };
}

function referencesOf(events: EventInput[], path: string | null) {
  const residents: Reference[] = [];
  const groups: Reference[] = [];
  events.forEach((event, i) => {
    if (event.type === 'retraction') return;
    if (event.type === 'connection' || event.type === 'disconnection') {
      residents.push({ path: itemPath(path, i, 'from'), id: event.from });
      residents.push({ path: itemPath(path, i, 'to'), id: event.to });
    } else {
      residents.push({ path: itemPath(path, i, 'resident'), id: event.resident });
      if (event.type !== 'measure')
        groups.push({ path: itemPath(path, i, 'group'), id: event.group });
    }
  });
  return { residents, groups };
}

async function validateReferences(
  tx: ManagedTransaction,
  projectId: string,
  events: EventInput[],
  path: string | null,
): Promise<void> {
  const refs = referencesOf(events, path);
  const knownGroups = await existing(tx, projectId, 'group', refs.groups);
  const details = [
    ...unknownReferences(
      'resident',
      refs.residents,
      await existing(tx, projectId, 'resident', refs.residents),
    ),
    ...unknownReferences('group', refs.groups, knownGroups),
  ];
  events.forEach((event, i) => {
    if (event.type !== 'attendance') return;
    const group = knownGroups.get(event.group);
    if (group && group.kind !== 'activity') {
      details.push({
        path: itemPath(path, i, 'group'),
        message: `attendance needs a group of kind "activity"; "${event.group}" is "${group.kind}"`,
      });
    }
  });
  if (details.length > 0) {
    throw badRequest(
      `${details.length} event field(s) name unknown or unsuitable records; nothing was written`,
      details.slice(0, 100),
    );
  }
}

/**
 * Checks the retractions among the new events: each withdraws a stored event or one earlier in
 * the batch, and never a retraction (a mistaken retraction is not undone by retracting it).
 */
async function validateRetractions(
  tx: ManagedTransaction,
  projectId: string,
  events: EventInput[],
  fresh: Set<string>,
  path: string | null,
): Promise<void> {
  const position = new Map<string, number>();
  events.forEach((event, i) => {
    if (!position.has(event.id)) position.set(event.id, i);
  });
  const retractions = events.flatMap((event, i) =>
    event.type === 'retraction' && fresh.has(event.id) && position.get(event.id) === i
      ? [{ i, target: event.event }]
      : [],
  );
  if (retractions.length === 0) return;
  const storedTypes = new Map(
    rows<{ id: string; type: string }>(
      (
        await tx.run(cypher('event-types'), {
          projectId,
          ids: [...new Set(retractions.map((r) => r.target))],
        })
      ).records,
    ).map((r) => [r.id, r.type]),
  );
  const details = retractions.flatMap(({ i, target }) => {
    const at = position.get(target);
    const inBatch = at !== undefined && fresh.has(target);
    const type = inBatch ? events[at].type : storedTypes.get(target);
    let message: string | null = null;
    if (inBatch && at >= i)
      message = `event "${target}" comes later in the batch; a retraction must follow it`;
    else if (type === undefined) message = `unknown event "${target}"`;
    else if (type === 'retraction') message = `"${target}" is a retraction; it cannot be retracted`;
    return message ? [{ path: itemPath(path, i, 'event'), message }] : [];
  });
  if (details.length > 0) {
    throw badRequest(
      `${details.length} retraction(s) name no event they can withdraw; nothing was written`,
      details.slice(0, 100),
    );
  }
}

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
]);

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
  await tombstones.refuse(tx, projectId, referencesOf(events, path).residents);
  await validateReferences(tx, projectId, events, path);

  const firstInBatch = new Map<string, EventInput>();
  for (const event of events) if (!firstInBatch.has(event.id)) firstInBatch.set(event.id, event);
  const stored = new Set(
    rows<{ id: string }>(
      (await tx.run(cypher('event-ids-existing'), { projectId, ids: [...firstInBatch.keys()] }))
        .records,
    ).map((r) => r.id),
  );
  const fresh = [...firstInBatch.values()].filter((e) => !stored.has(e.id));
  await validateRetractions(tx, projectId, events, new Set(fresh.map((e) => e.id)), path);

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
  for (let i = 0; i < rowsIn.length; i += CHUNK) {
    await tx.run(cypher('event-create'), {
      projectId,
      batch,
      recordedAtMs,
      events: rowsIn.slice(i, i + CHUNK),
    });
  }
  await advanceLastChange(tx, projectId, latest(rowsIn.map((r) => r.atMs)));
  const firstRows = [...firsts].map(([id, atMs]) => ({ id, atMs }));
  for (let i = 0; i < firstRows.length; i += CHUNK) {
    await tx.run(cypher('resident-first-event-advance'), {
      projectId,
      firsts: firstRows.slice(i, i + CHUNK),
    });
  }
  const retractions = fresh.flatMap((e) =>
    e.type === 'retraction' ? [{ id: e.id, event: e.event }] : [],
  );
  // the projection: only the pairs and memberships these events touch change
  let withdrawnKeys: string[] = [];
  if (retractions.length > 0) {
    const withdrawn = rows<{ residents: string[]; keys: string[] }>(
      (await tx.run(cypher('event-retract'), { projectId, retractions })).records,
    )[0];
    await tx.run(cypher('event-first-refresh'), { projectId, ids: withdrawn.residents });
    withdrawnKeys = withdrawn.keys;
  }
  await upkeepSpells(tx, projectId, appended, tails, withdrawnKeys);
  return {
    received: events.length,
    created: fresh.length,
    duplicates: events.length - fresh.length,
  };
}

export class EventStore {
  constructor(
    private readonly db: Database,
    private readonly tombstones: Tombstones,
  ) {}

  /** One page of the event log in replay order, and the cursor of its last event (null: no more). */
  page(
    projectId: string,
    query: EventQuery,
    options: { hidden?: readonly string[] } = {},
  ): Promise<{ events: StoredEvent[]; next: Cursor | null }> {
    return this.db.read(async (tx) => {
      await requireProject(tx, projectId);
      const found = rows<{ event: Record<string, unknown> }>(
        (
          await tx.run(cypher('event-page'), {
            projectId,
            ...query,
            limit: neo4jInt(query.limit + 1),
            hidden: [...(options.hidden ?? [])],
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
      const events = page.map(
        (e) =>
          Object.fromEntries(
            Object.entries(e).filter(([k, v]) => !INTERNAL.has(k) && v !== null),
          ) as StoredEvent,
      );
      return { events, next };
    });
  }

  async append(
    projectId: string,
    events: EventInput[],
    path: string | null = 'events',
  ): Promise<AppendResult> {
    return this.db.write(async (tx) => {
      // The version taken under the project's lock orders this batch after every earlier one,
      // whatever the clocks of the API replicas say.
      const { version: batch } = await lockProject(tx, projectId);
      return appendEvents(tx, projectId, events, path, batch, this.tombstones);
    });
  }
}
