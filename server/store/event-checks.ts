// The checks a batch of events passes before anything of it is written: erased residents, unknown
// or unsuitable references, measures of no instrument of the project or out of its range, ids
// already stored, retractions that withdraw nothing, and residents named while away
// (presence-checks.ts). Each throws a 4xx naming the fields, so a refused batch has written
// nothing. What the checks read from the store is read once for all the batches of a write (group
// commit), then each is judged alone.
import type { ManagedTransaction } from 'neo4j-driver';
import type { EventInput } from '../domain-events.ts';
import { badRequest, itemPath, type ErrorDetail } from '../errors.ts';
import { findInstrument, measureProblem, type Instrument } from '../instruments.ts';
import { instrumentRegistry } from './instruments.ts';
import { cypher, rows } from './neo4j.ts';
import { checkPresence, type StoredMoves } from './presence-checks.ts';
import { existing, unknownReferences, type Reference } from './references.ts';
import { refuseErased, type Tombstones } from './tombstones.ts';

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
      if ('group' in event) groups.push({ path: itemPath(path, i, 'group'), id: event.group });
    }
  });
  return { residents, groups };
}

/** What the store holds about the ids some batches name, read in one go. */
export interface Facts {
  erased: Set<string>;
  /** Residents found, with the leaving and returning their nodes hold. */
  residents: Map<string, StoredMoves>;
  groups: Map<string, { kind?: string }>;
  /** The stored events among the batches' ids and retraction targets, with their types. */
  events: Map<string, string>;
  /** The instruments measures may name (read only when a batch holds a measure). */
  instruments: Instrument[];
}

/**
 * Events accepted by earlier batches of the same write and not stored yet (they are stored
 * together after the last batch is checked), by id, in order: they count as stored.
 */
export type Pending = Map<string, EventInput>;

/** Reads, inside the write (the project locked), what the checks of these batches need. */
export async function readFacts(
  tx: ManagedTransaction,
  projectId: string,
  batches: EventInput[][],
  tombstones: Tombstones,
): Promise<Facts> {
  const residents = batches.flatMap((events) => referencesOf(events, null).residents);
  const groups = batches.flatMap((events) => referencesOf(events, null).groups);
  const ids = new Set<string>();
  for (const event of batches.flat()) {
    ids.add(event.id);
    if (event.type === 'retraction') ids.add(event.event);
  }
  const measures = batches.some((events) => events.some((e) => e.type === 'measure'));
  // sent together, not each after the answer to the last: one round trip for them all
  const [stored, erased, residentsFound, groupsFound, instruments] = await Promise.all([
    tx.run(cypher('event-types'), { projectId, ids: [...ids] }),
    tombstones.erased(
      tx,
      projectId,
      residents.map((r) => r.id),
    ),
    existing(tx, projectId, 'resident', residents),
    existing(tx, projectId, 'group', groups),
    measures ? instrumentRegistry(tx, projectId) : [],
  ]);
  // A withdrawn resident takes no new events, and is refused as if the id had never existed: the
  // answer must not tell a coordinator that someone who withdrew is there (docs/privacy.md).
  for (const [id, found] of residentsFound)
    if (found.consent === 'withdrawn') residentsFound.delete(id);
  return {
    erased,
    residents: residentsFound,
    groups: groupsFound,
    events: new Map(rows<{ id: string; type: string }>(stored.records).map((r) => [r.id, r.type])),
    instruments,
  };
}

function checkReferences(events: EventInput[], path: string | null, facts: Facts): void {
  const refs = referencesOf(events, path);
  refuseErased(refs.residents, facts.erased);
  const details = [
    ...unknownReferences('resident', refs.residents, facts.residents),
    ...unknownReferences('group', refs.groups, facts.groups),
  ];
  events.forEach((event, i) => {
    if (event.type !== 'attendance') return;
    const group = facts.groups.get(event.group);
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
 * Each measure names one of the project's instruments, with a score in its range; the events come
 * back with each measure's instrument named by its id, so storage keeps one name per instrument.
 */
function checkMeasures(
  events: EventInput[],
  path: string | null,
  instruments: readonly Instrument[],
): EventInput[] {
  const details: ErrorDetail[] = [];
  const named = events.map((event, i) => {
    if (event.type !== 'measure') return event;
    const problem = measureProblem(instruments, event.instrument, event.score);
    if (problem) details.push({ path: itemPath(path, i, problem.field), message: problem.message });
    const instrument = findInstrument(instruments, event.instrument);
    return instrument ? { ...event, instrument: instrument.id } : event;
  });
  if (details.length > 0) {
    throw badRequest(
      `${details.length} measure(s) name no instrument of the project or a score outside its range; nothing was written`,
      details.slice(0, 100),
    );
  }
  return named;
}

/**
 * Checks the retractions among the new events: each withdraws a stored event or one earlier in
 * the batch, and never a retraction (a mistaken retraction is not undone by retracting it).
 */
function checkRetractions(
  events: EventInput[],
  fresh: Set<string>,
  path: string | null,
  typeOf: (id: string) => string | undefined,
): void {
  const position = new Map<string, number>();
  events.forEach((event, i) => {
    if (!position.has(event.id)) position.set(event.id, i);
  });
  const details = events.flatMap((event, i) => {
    if (event.type !== 'retraction' || !fresh.has(event.id) || position.get(event.id) !== i)
      return [];
    const target = event.event;
    const at = position.get(target);
    const inBatch = at !== undefined && fresh.has(target);
    const type = inBatch ? events[at].type : typeOf(target);
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
 * Judges one batch against the facts and the events pending in the same write, and returns the
 * events to store: the first of each id neither stored nor pending, in the batch's order.
 */
export function judgeEvents(
  events: EventInput[],
  path: string | null,
  facts: Facts,
  pending: Pending,
): EventInput[] {
  checkReferences(events, path, facts);
  const named = checkMeasures(events, path, facts.instruments);
  const firstInBatch = new Map<string, EventInput>();
  for (const event of named) if (!firstInBatch.has(event.id)) firstInBatch.set(event.id, event);
  const fresh = [...firstInBatch.values()].filter(
    (e) => !facts.events.has(e.id) && !pending.has(e.id),
  );
  checkRetractions(
    events,
    new Set(fresh.map((e) => e.id)),
    path,
    (id) => facts.events.get(id) ?? pending.get(id)?.type,
  );
  checkPresence(events, new Set(fresh), path, facts.residents, pending.values());
  return fresh;
}

/** Checks one batch inside the write that will store it (the project locked): the events to store. */
export async function checkEvents(
  tx: ManagedTransaction,
  projectId: string,
  events: EventInput[],
  path: string | null,
  tombstones: Tombstones,
): Promise<EventInput[]> {
  return judgeEvents(events, path, await readFacts(tx, projectId, [events], tombstones), new Map());
}
