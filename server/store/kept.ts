// What the API keeps of a project between reads, per project and hidden set, brought up to the
// project's version by reading only the batches written since: every event carries as its batch
// the project version that wrote it, so the batches after a kept version are exactly what it lacks.
// A keeping may answer "read it whole" (null) for a tail it cannot apply (a retraction withdraws
// an earlier event); an erasure since (it deletes events) makes the read whole too. Neo4j reads are
// read-committed, so a read is kept only when the project's version did not move while it ran;
// otherwise it serves its reader (it holds every write acknowledged before the reader arrived) and
// is not kept.
import type { ManagedTransaction } from 'neo4j-driver';
import type { EventType } from '../domain-events.ts';
import { cypher, rows } from './neo4j.ts';
import type { EventRow } from './projection.ts';
import { requireProject, type VersionedProject } from './projects.ts';

/** An event written after the kept version; retractions and resident events come too. */
export type LaterEvent = EventRow & { id: string };

/** What one event written after a kept version changes in what is kept. */
interface TailEffect {
  /**
   * The fields naming residents, re-read from their nodes: their first event (and so their
   * effective joinedAt) may move, and a leave, return or participation changes what the node holds.
   */
  names: readonly ('from' | 'to' | 'resident')[];
  /** The spell it opens or closes: a tie's (the pair's open segment) or a membership's. */
  spell: 'tie' | 'membership' | null;
  /** It withdraws an earlier event, which may be anywhere in what is kept: read it all again. */
  rereadsAll: boolean;
}

/** The one table of what each type of event written since invalidates in the kept reads. */
export const TAIL_EFFECTS: Readonly<Record<EventType, TailEffect>> = {
  connection: { names: ['from', 'to'], spell: 'tie', rereadsAll: false },
  disconnection: { names: ['from', 'to'], spell: 'tie', rereadsAll: false },
  membership: { names: ['resident'], spell: 'membership', rereadsAll: false },
  departure: { names: ['resident'], spell: 'membership', rereadsAll: false },
  attendance: { names: ['resident'], spell: null, rereadsAll: false },
  measure: { names: ['resident'], spell: null, rereadsAll: false },
  leave: { names: ['resident'], spell: null, rereadsAll: false },
  return: { names: ['resident'], spell: null, rereadsAll: false },
  participation: { names: ['resident'], spell: null, rereadsAll: false },
  interview: { names: ['resident'], spell: null, rereadsAll: false },
  retraction: { names: [], spell: null, rereadsAll: true },
};

/** The effect of a tail's event (its type is one the domain knows: the log holds no other). */
export const effectOf = (event: LaterEvent): TailEffect => TAIL_EFFECTS[event.type as EventType];

/** Whether any event of the tail makes the kept reads read whole. */
export const rereadsAll = (tail: readonly LaterEvent[]): boolean =>
  tail.some((event) => effectOf(event).rereadsAll);

/** How one kind of kept read is made whole, and brought forward by a tail of new events. */
export interface Keeping<T> {
  whole(tx: ManagedTransaction, projectId: string, hidden: string[]): Promise<T>;
  /** The kept value brought forward, or null when only a whole read will do. */
  extend(tx: ManagedTransaction, kept: T, since: Since): Promise<T | null>;
}

/** What a keeping is told about the writes after its kept version. */
export interface Since {
  projectId: string;
  hidden: string[];
  /** The kept version: every batch after it is new. */
  after: number;
  /** The events of those batches in replay order (read on first call). */
  tail(): Promise<LaterEvent[]>;
}

export class Kept<T> {
  private readonly kept = new Map<string, { version: number; value: T }>();

  /** `capacity`: projects and hidden sets kept per API process, least recently read dropped. */
  constructor(
    private readonly keeping: Keeping<T>,
    private readonly capacity = 8,
  ) {}

  /** The value kept at exactly `version`, if any: no read needed. */
  at(projectId: string, hidden: string[], version: number): T | null {
    const found = this.kept.get(JSON.stringify([projectId, hidden]));
    return found?.version === version ? found.value : null;
  }

  /** The value for `project` (read in this transaction at its version) without `hidden`. */
  async read(tx: ManagedTransaction, project: VersionedProject, hidden: string[]): Promise<T> {
    const key = JSON.stringify([project.id, hidden]);
    const found = this.kept.get(key);
    if (found && found.version === project.version) {
      this.kept.delete(key);
      this.kept.set(key, found);
      return found.value;
    }
    let value: T | null = null;
    if (
      found &&
      found.version < project.version &&
      (project.historyRewrittenAt ?? 0) <= found.version
    ) {
      let tail: Promise<LaterEvent[]> | undefined;
      const after = found.version;
      value = await this.keeping.extend(tx, found.value, {
        projectId: project.id,
        hidden,
        after,
        tail: () =>
          (tail ??= tx
            .run(cypher('event-tail'), { projectId: project.id, after })
            .then((result) => rows<LaterEvent>(result.records))),
      });
    }
    value ??= await this.keeping.whole(tx, project.id, hidden);
    const after = await requireProject(tx, project.id);
    if (after.version === project.version) {
      this.kept.delete(key);
      this.kept.set(key, { version: project.version, value });
      while (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
    }
    return value;
  }
}
