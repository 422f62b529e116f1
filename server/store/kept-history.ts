// A project's whole history as replays need it (tie and membership events in replay order, and the
// span of the log), kept per project and hidden set and brought up to the project's version by
// reading only the batches written since: every event carries as its batch the project version
// that wrote it, so the batches after a kept version are exactly what it lacks. A retraction in
// them (it withdraws an earlier event) or an erasure since (it deletes events) makes the read whole
// again. Neo4j reads are read-committed, so a read is kept only when the project's version did not
// move while it ran; otherwise it serves its reader (it holds every write acknowledged before the
// reader arrived) and is not kept.
import type { ManagedTransaction } from 'neo4j-driver';
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { TieEvent } from '../metrics/network.ts';
import { cypher, rows } from './neo4j.ts';
import { requireProject, type VersionedProject } from './projects.ts';

export interface Span {
  firstMs: number | null;
  lastMs: number | null;
  count: number;
}

export interface History {
  ties: TieEvent[];
  memberships: MembershipEvent[];
  span: Span;
}

interface TailRow {
  id: string;
  type: string;
  atMs: number;
  from: string | null;
  to: string | null;
  kind: string | null;
  strength: number | null;
  resident: string | null;
  group: string | null;
}

/** Projects and hidden sets whose history is kept per API process. */
const KEPT = 8;

const toTie = (t: Omit<TieEvent, 'seq'>, seq: number): TieEvent => ({
  ...t,
  strength: t.strength ?? undefined,
  kind: t.kind ?? undefined,
  seq,
});

/** Two lists in replay order merged; at one instant the earlier batch (`kept`) comes first. */
function merge<T extends { atMs: number }>(kept: readonly T[], tail: readonly T[]): T[] {
  if (tail.length === 0) return kept as T[];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < tail.length) {
    if (j === tail.length || (i < kept.length && kept[i].atMs <= tail[j].atMs)) out.push(kept[i++]);
    else out.push(tail[j++]);
  }
  return out;
}

const lower = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.min(a, b);
const upper = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);

async function readWhole(
  tx: ManagedTransaction,
  projectId: string,
  hidden: string[],
): Promise<History> {
  const ties = rows<Omit<TieEvent, 'seq'>>(
    (await tx.run(cypher('event-ties'), { projectId, hidden })).records,
  ).map(toTie);
  const memberships = rows<MembershipEvent>(
    (await tx.run(cypher('event-memberships'), { projectId, hidden })).records,
  );
  const span = rows<Span>((await tx.run(cypher('event-span'), { projectId })).records)[0];
  return { ties, memberships, span };
}

/** The kept history with the tail's events added, or null when the tail holds a retraction. */
function extend(kept: History, tail: TailRow[], hidden: ReadonlySet<string>): History | null {
  if (tail.some((e) => e.type === 'retraction')) return null;
  const shown = (id: string | null) => id !== null && !hidden.has(id);
  const ties = tail
    .filter(
      (e) =>
        (e.type === 'connection' || e.type === 'disconnection') && shown(e.from) && shown(e.to),
    )
    .map((e) => ({
      id: e.id,
      type: e.type as TieEvent['type'],
      atMs: e.atMs,
      from: e.from!,
      to: e.to!,
      kind: e.kind ?? undefined,
      strength: e.strength ?? undefined,
      seq: 0,
    }));
  const memberships = tail
    .filter((e) => (e.type === 'membership' || e.type === 'departure') && shown(e.resident))
    .map((e) => ({
      type: e.type as MembershipEvent['type'],
      atMs: e.atMs,
      resident: e.resident!,
      group: e.group!,
    }));
  let span = kept.span;
  for (const e of tail) {
    span = {
      firstMs: lower(span.firstMs, e.atMs),
      lastMs: upper(span.lastMs, e.atMs),
      count: span.count + 1,
    };
  }
  return {
    ties:
      ties.length === 0
        ? kept.ties
        : merge(kept.ties, ties).map((t, seq) => (t.seq === seq ? t : { ...t, seq })),
    memberships: merge(kept.memberships, memberships),
    span,
  };
}

export class KeptHistory {
  private readonly kept = new Map<string, { version: number; history: History }>();

  /** The history of `project` (read in this transaction at its version) without `hidden`. */
  async read(
    tx: ManagedTransaction,
    project: VersionedProject,
    hidden: string[],
  ): Promise<History> {
    const key = JSON.stringify([project.id, hidden]);
    const found = this.kept.get(key);
    if (found && found.version === project.version) {
      this.kept.delete(key);
      this.kept.set(key, found);
      return found.history;
    }
    let history: History | null = null;
    if (
      found &&
      found.version < project.version &&
      (project.historyRewrittenAt ?? 0) <= found.version
    ) {
      const tail = rows<TailRow>(
        (await tx.run(cypher('event-tail'), { projectId: project.id, after: found.version }))
          .records,
      );
      history = extend(found.history, tail, new Set(hidden));
    }
    history ??= await readWhole(tx, project.id, hidden);
    const after = await requireProject(tx, project.id);
    if (after.version === project.version) {
      this.kept.delete(key);
      this.kept.set(key, { version: project.version, history });
      while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    }
    return history;
  }
}
