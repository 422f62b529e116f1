// Consent as a read rule: which residents a viewer may not see. The store's queries leave them
// out, with every tie, membership, attendance and measure that names them.
import type { Consent } from '../domain.ts';
import type { MembershipEvent } from '../metrics/memberships.ts';
import type { TieEvent } from '../metrics/network.ts';
import type { AttendanceRecord } from '../metrics/outcomes.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { Viewer } from './viewer.ts';
import type { ResidentRecord } from '../metrics/moment.ts';

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
