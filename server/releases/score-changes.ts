// Who changed a score cell between two moments: the residents of its class measured again, on its
// instrument, between the moments. Differencing withholds a cell when 1 to k−1 of them did, even
// with its n unchanged (two means a month apart, times n, would differ by their changes alone).
// The classes are the report's own: the participant flag, and for the butterfly effect the
// distance to the nearest participant in the scope's network at the follow-up.
import type { ReportInput } from '../analysis/report-input.ts';
import { instrumentNamer } from '../instruments.ts';
import { participantDistances } from '../metrics/evaluation.ts';
import { networkAt } from '../metrics/network.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { Changed } from '../privacy/disclosure/control.ts';

const CLASSES = ['participants', 'others', 'direct', 'indirect', 'unreached'];

/** The exposure class of each resident of the scope at the follow-up (butterfly's own rule). */
function exposure(input: ReportInput, communityId: string | null, followupMs: number) {
  const scope = input.records.filter((r) => communityId === null || r.communityId === communityId);
  const distance = participantDistances(networkAt(scope, input.ties, followupMs), 2);
  const classes = new Map<string, string>();
  for (const r of scope) {
    const steps = distance.get(r.id);
    const away = steps === 1 ? 'direct' : steps === 2 ? 'indirect' : 'unreached';
    classes.set(r.id, r.participant ? 'participants' : away);
  }
  return classes;
}

/** The residents measured on `instrument` in (from, to], or (to, from] when `to` is earlier. */
function measuredBetween(
  measures: readonly MeasureRecord[],
  instrument: string,
  a: number,
  b: number,
) {
  const [from, to] = a <= b ? [a, b] : [b, a];
  const who = new Set<string>();
  for (const m of measures)
    if (m.instrument === instrument && m.atMs > from && m.atMs <= to) who.add(m.resident);
  return who;
}

export function scoreChanges(input: ReportInput, followupMs: number): Changed {
  const named = instrumentNamer(input.instruments);
  const measures = input.measures.map((m) => ({ ...m, instrument: named(m.instrument) }));
  const records = new Map(input.records.map((r) => [r.id, r]));
  const exposures = new Map<string | null, Map<string, string>>();
  const exposureOf = (scope: string | null) => {
    if (!exposures.has(scope)) exposures.set(scope, exposure(input, scope, followupMs));
    return exposures.get(scope)!;
  };
  return (leaf, then) => {
    // value for money counts the participants' points on the primary instrument
    const [section, instrument, cls] =
      leaf.name[0] === 'valueForMoney'
        ? ['wellbeing', named(input.primaryInstrument), 'participants']
        : leaf.name;
    if (!['wellbeing', 'butterfly'].includes(section) || !CLASSES.includes(cls)) return null;
    if (then.length !== leaf.moments.length) return null;
    const moved = new Set<string>();
    leaf.moments.forEach((atMs, i) => {
      for (const id of measuredBetween(measures, instrument, then[i], atMs)) moved.add(id);
    });
    const inClass = (id: string) => {
      const r = records.get(id);
      if (!r || (leaf.scope !== null && r.communityId !== leaf.scope)) return false;
      if (section === 'wellbeing') return (cls === 'participants') === r.participant;
      return exposureOf(leaf.scope).get(id) === cls;
    };
    return [...moved].filter(inClass).length;
  };
}
