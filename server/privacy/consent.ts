// Consent as a read rule: which residents a viewer may not see, and the replay inputs without
// them and without every tie, membership, attendance and measure that names them.
import type { Consent } from '../domain.ts';
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { ResidentRecord, TieEvent } from '../metrics/network.ts';
import type { AttendanceRecord } from '../metrics/outcomes.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { Viewer } from './viewer.ts';

/** Withdrawn residents for everyone; pending ones for viewers who do not see pending consent. */
export function hiddenResidents(
  residents: readonly { id: string; consent: Consent }[],
  viewer: Viewer,
): Set<string> {
  const hidden = new Set<string>();
  for (const r of residents) {
    if (r.consent === 'withdrawn' || (r.consent === 'pending' && !viewer.seesPending)) {
      hidden.add(r.id);
    }
  }
  return hidden;
}

/** The parts of a read that name residents; each is optional so one rule serves every route. */
export interface ResidentParts {
  residents?: readonly { id: string }[];
  records?: readonly ResidentRecord[];
  ties?: readonly TieEvent[];
  memberships?: readonly MembershipEvent[];
  measures?: readonly MeasureRecord[];
  attendances?: readonly AttendanceRecord[];
}

/** The same parts without the hidden residents and without anything that names one of them. */
export function withoutHidden<T extends ResidentParts>(parts: T, hidden: ReadonlySet<string>): T {
  if (hidden.size === 0) return parts;
  const shown = (id: string) => !hidden.has(id);
  const out: ResidentParts = { ...parts };
  if (parts.residents) out.residents = parts.residents.filter((r) => shown(r.id));
  if (parts.records) out.records = parts.records.filter((r) => shown(r.id));
  if (parts.ties) out.ties = parts.ties.filter((t) => shown(t.from) && shown(t.to));
  if (parts.memberships) out.memberships = parts.memberships.filter((m) => shown(m.resident));
  if (parts.measures) out.measures = parts.measures.filter((m) => shown(m.resident));
  if (parts.attendances) out.attendances = parts.attendances.filter((a) => shown(a.resident));
  return out as T;
}

/** The resident ids an event names (ties: from and to; the rest: resident). */
export function residentsNamedBy(event: object): string[] {
  const e = event as { from?: unknown; to?: unknown; resident?: unknown };
  return [e.from, e.to, e.resident].filter((v): v is string => typeof v === 'string');
}
