// Who changed a score cell between two moments: the residents of its class measured again, on its
// instrument, between the moments. Differencing withholds a cell when 1 to k−1 of them did, even
// with its n unchanged (two means a month apart, times n, would differ by their changes alone).
// The classes are the report's own: participation at the cell's moment, and for the butterfly
// effect the exposure class in the whole network and participation at the release's baseline.
import type { ReportInput } from '../analysis/report-input.ts';
import { instrumentNamer } from '../instruments.ts';
import { exposureAtBaseline } from '../metrics/butterfly.ts';
import { isParticipant } from '../metrics/moment.ts';
import { networkAt } from '../metrics/network.ts';
import type { MeasureRecord } from '../metrics/wellbeing.ts';
import type { Changed } from '../privacy/disclosure/control.ts';

const CLASSES = ['participants', 'others', 'direct', 'indirect', 'unreached'];

/** The exposure class of each resident of the scope at the baseline (butterfly's own rule). */
function exposure(input: ReportInput, communityId: string | null, baselineMs: number) {
  const scope = input.records.filter((r) => communityId === null || r.communityId === communityId);
  const whole = networkAt(input.records, input.ties, baselineMs);
  return exposureAtBaseline(whole, new Set(scope.map((r) => r.id)));
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

export function scoreChanges(input: ReportInput, baselineMs: number): Changed {
  const named = instrumentNamer(input.instruments);
  const measures = input.measures.map((m) => ({ ...m, instrument: named(m.instrument) }));
  const records = new Map(input.records.map((r) => [r.id, r]));
  const exposures = new Map<string | null, Map<string, string>>();
  const exposureOf = (scope: string | null) => {
    if (!exposures.has(scope)) exposures.set(scope, exposure(input, scope, baselineMs));
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
      if (section === 'wellbeing')
        return (cls === 'participants') === isParticipant(r, leaf.moments.at(-1)!);
      return exposureOf(leaf.scope).get(id) === cls;
    };
    return [...moved].filter(inClass).length;
  };
}
