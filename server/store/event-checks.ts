// The checks a batch of events passes before anything of it is written: erased residents, unknown
// or unsuitable references, ids already stored, and retractions that withdraw nothing. Each throws
// a 4xx naming the fields, so a refused batch has written nothing.
import type { ManagedTransaction } from 'neo4j-driver';
import type { EventInput } from '../domain.ts';
import { badRequest, itemPath } from '../errors.ts';
import { cypher, rows } from './neo4j.ts';
import { existing, unknownReferences, type Reference } from './references.ts';
import type { Tombstones } from './tombstones.ts';

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

/**
 * Checks a batch inside the write that will store it (the project locked) and returns the events
 * to store: the first of each id not stored yet, in the batch's order. Reads see the transaction's
 * own writes, so a batch written earlier in the same transaction counts as stored.
 */
export async function checkEvents(
  tx: ManagedTransaction,
  projectId: string,
  events: EventInput[],
  path: string | null,
  tombstones: Tombstones,
): Promise<EventInput[]> {
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

  return fresh;
}
