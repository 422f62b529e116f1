// The partner's view of the same parts: every resident and group id replaced by the key's
// pseudonym, no names and no free attributes, no tie's direction, and every list in the order of
// its pseudonyms, so two keys' extracts do not line up row by row. Communities keep their ids and names: they are
// areas, not people; a group's name can say what its members share (a church, a condition).
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
    out.ties = parts.ties.map((t) => ({ ...t, id: names.event(t.id), ...ends(t, names) }));
  }
  if (parts.memberships) {
    out.memberships = parts.memberships.map((m) => ({
      ...m,
      resident: names.of(m.resident),
      group: names.group(m.group),
    }));
  }
  if (parts.measures) {
    out.measures = parts.measures.map((m) => ({ ...m, resident: names.of(m.resident) }));
  }
  if (parts.attendances) {
    out.attendances = parts.attendances.map((a) => ({ ...a, resident: names.of(a.resident) }));
  }
  return out as T;
}

/**
 * A tie's ends as a partner sees them: in the order of their pseudonyms, not of who named whom. The
 * direction of a naming says who answered a workshop's or an interview's name question, and how
 * many people each named: the interview, event by event, that a partner does not read.
 */
function ends(tie: { from: string; to: string }, names: Pseudonyms): { from: string; to: string } {
  const a = names.of(tie.from);
  const b = names.of(tie.to);
  return a < b ? { from: a, to: b } : { from: b, to: a };
}

/** Groups as a partner sees them: the pseudonym as id and name, with their kind and community. */
export function pseudonymiseGroups<G extends { id: string; name: string }>(
  groups: readonly G[],
  names: Pseudonyms,
): G[] {
  return groups.map((g) => {
    const id = names.group(g.id);
    return { ...g, id, name: id };
  });
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Listed {
  records?: readonly { id: string }[];
  residents?: readonly { id: string }[];
  groups?: readonly { id: string }[];
  segments?: readonly { key: string }[];
  ties?: readonly { atMs: number; from: string; to: string }[];
  memberships?: readonly { resident: string; group: string; atMs?: number }[];
}

/**
 * Every list of a partner's parts in the order of its pseudonyms (time first where the replay
 * needs it; a sort that keeps the order of equals, so one pair's events stay in replay order).
 */
export function byPseudonym<T extends Listed>(parts: T): T {
  const out: Listed = { ...parts };
  const byId = (a: { id: string }, b: { id: string }) => compare(a.id, b.id);
  if (parts.records) out.records = [...parts.records].sort(byId);
  if (parts.residents) out.residents = [...parts.residents].sort(byId);
  if (parts.groups) out.groups = [...parts.groups].sort(byId);
  if (parts.segments) out.segments = [...parts.segments].sort((a, b) => compare(a.key, b.key));
  if (parts.ties)
    out.ties = [...parts.ties]
      .sort((a, b) => a.atMs - b.atMs || compare(pairKey(a.from, a.to), pairKey(b.from, b.to)))
      .map((e, seq) => ({ ...e, seq }));
  if (parts.memberships)
    out.memberships = [...parts.memberships].sort(
      (a, b) =>
        (a.atMs ?? 0) - (b.atMs ?? 0) ||
        compare(a.resident, b.resident) ||
        compare(a.group, b.group),
    );
  return out as T;
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
      // no direction: who named whom (ends, above)
      from: source,
      to: target,
    };
  });
}
