// The partner's view of the same parts: every resident id replaced by the key's pseudonym, no
// names and no free attributes. Groups and communities keep their ids and names: they are places
// and assets, not people.
import { pairKey } from '../metrics/network.ts';
import type { ResidentParts } from './consent.ts';
import type { Pseudonyms } from './pseudonyms.ts';
import type { TieSegment } from '../metrics/moment.ts';

type Named = { id: string; name?: string | null; attributes?: Record<string, unknown> };

function person<T extends Named>(resident: T, names: Pseudonyms): T {
  const seen: Named = { ...resident, id: names.of(resident.id) };
  if ('name' in resident) seen.name = null;
  if ('attributes' in resident) seen.attributes = {};
  return seen as T;
}

export function pseudonymise<T extends ResidentParts>(parts: T, names: Pseudonyms): T {
  const out: ResidentParts = { ...parts };
  if (parts.residents) out.residents = parts.residents.map((r) => person(r, names));
  if (parts.records) out.records = parts.records.map((r) => person(r, names));
  if (parts.ties) {
    out.ties = parts.ties.map((t) => ({
      ...t,
      id: names.event(t.id),
      from: names.of(t.from),
      to: names.of(t.to),
    }));
  }
  if (parts.memberships) {
    out.memberships = parts.memberships.map((m) => ({ ...m, resident: names.of(m.resident) }));
  }
  if (parts.measures) {
    out.measures = parts.measures.map((m) => ({ ...m, resident: names.of(m.resident) }));
  }
  if (parts.attendances) {
    out.attendances = parts.attendances.map((a) => ({ ...a, resident: names.of(a.resident) }));
  }
  return out as T;
}

/** Fields of a logged event that hold a resident id, and those that hold an event id. */
const RESIDENT_FIELDS = ['from', 'to', 'resident'] as const;
const EVENT_FIELDS = ['id', 'event'] as const;

/** A logged event as a partner sees it (measures never reach this: partners read none). */
export function pseudonymiseEvent<T extends object>(event: T, names: Pseudonyms): T {
  const seen: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  for (const field of RESIDENT_FIELDS) {
    const id = seen[field];
    if (typeof id === 'string') seen[field] = names.of(id);
  }
  for (const field of EVENT_FIELDS) {
    const id = seen[field];
    if (typeof id === 'string') seen[field] = names.event(id);
  }
  return seen as T;
}

/** Tie segments of the projection as a partner sees them: pseudonymous ends and pair keys. */
export function pseudonymiseSegments(
  segments: readonly TieSegment[],
  names: Pseudonyms,
): TieSegment[] {
  return segments.map((segment) => {
    const a = names.of(segment.source);
    const b = names.of(segment.target);
    const [source, target] = a < b ? [a, b] : [b, a];
    return {
      ...segment,
      key: pairKey(source, target),
      source,
      target,
      from: names.of(segment.from),
      to: names.of(segment.to),
    };
  });
}
