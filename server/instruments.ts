// What an instrument is (its range and which way is better) and the one rule that says which
// instrument a measure names, shared by validation, storage, the metrics, the report and the
// Capture form (viz/). No imports: Vite builds it too.

export interface Instrument {
  /** What measures name it by, matched by instrumentKey ("UCLA-3", "ucla 3" and "UCLA_3" are one). */
  id: string;
  /** Its name in words, for the report. */
  name: string;
  min: number;
  max: number;
  /** True when a higher score is the better outcome (WEMWBS); false when lower is (UCLA-3). */
  higherIsBetter: boolean;
  description?: string | null;
}

/**
 * The instruments every project has. WEMWBS and SWEMWBS: Warwick-Edinburgh scales (14 and 7 items,
 * 1–5 each; SWEMWBS metric scores are 7.00–35.00); UCLA-3: the three-item loneliness scale (1–3
 * each, higher is lonelier); BRS: Brief Resilience Scale, the mean of six items (1–5).
 */
export const BUILT_IN_INSTRUMENTS: readonly Instrument[] = [
  {
    id: 'WEMWBS',
    name: 'Warwick-Edinburgh Mental Wellbeing Scale',
    min: 14,
    max: 70,
    higherIsBetter: true,
    description: 'Fourteen statements about feelings and thoughts, each scored 1 to 5.',
  },
  {
    id: 'SWEMWBS',
    name: 'Short Warwick-Edinburgh Mental Wellbeing Scale',
    min: 7,
    max: 35,
    higherIsBetter: true,
    description: 'Seven of the fourteen WEMWBS statements, as metric scores from 7 to 35.',
  },
  {
    id: 'UCLA-3',
    name: 'Three-item UCLA Loneliness Scale',
    min: 3,
    max: 9,
    higherIsBetter: false,
    description:
      'Three questions about loneliness, each scored 1 to 3; a higher score is lonelier.',
  },
  {
    id: 'BRS',
    name: 'Brief Resilience Scale',
    min: 1,
    max: 5,
    higherIsBetter: true,
    description: 'The mean of six statements about bouncing back, each scored 1 to 5.',
  },
];

/** The instrument the report's value for money counts points on, unless a project says otherwise. */
export const DEFAULT_PRIMARY_INSTRUMENT = 'WEMWBS';

/** The largest score any instrument may have in size: sums and means of scores stay finite. */
export const MAX_ABS_SCORE = 1e6;

/** An instrument's name lower-cased without spaces, hyphens or underscores: the instrument's identity. */
export const instrumentKey = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** The instrument a measure names, among the given ones (built-ins and the project's); undefined if none. */
export function findInstrument(
  instruments: readonly Instrument[],
  name: string,
): Instrument | undefined {
  const key = instrumentKey(name);
  return instruments.find((instrument) => instrumentKey(instrument.id) === key);
}

/**
 * One name per instrument: a registered instrument's id, else the first spelling met (measures
 * stored before instruments were registered), so "ucla3" and "UCLA-3" are never two instruments.
 */
export function instrumentNamer(instruments: readonly Instrument[]): (name: string) => string {
  const first = new Map<string, string>();
  return (name) => {
    const registered = findInstrument(instruments, name);
    if (registered) return registered.id;
    const key = instrumentKey(name);
    if (!first.has(key)) first.set(key, name);
    return first.get(key)!;
  };
}

/** Why the score cannot be one of the instrument's, e.g. "UCLA-3 scores run from 3 to 9"; null when it can. */
export function scoreOutOfRange(instrument: Instrument, score: number): string | null {
  const { id, min, max } = instrument;
  return score < min || score > max ? `${id} scores run from ${min} to ${max}` : null;
}

/**
 * Why a measure cannot be stored, at the field to fix: its instrument is none of the given ones,
 * or its score lies outside that one's range; null when it can.
 */
export function measureProblem(
  instruments: readonly Instrument[],
  name: string,
  score: number,
): { field: 'instrument' | 'score'; message: string } | null {
  const instrument = findInstrument(instruments, name);
  if (!instrument) return { field: 'instrument', message: unknownInstrument(instruments, name) };
  const outOfRange = scoreOutOfRange(instrument, score);
  return outOfRange ? { field: 'score', message: outOfRange } : null;
}

/** Which way is better, in words. */
export const directionWords = (higherIsBetter: boolean) =>
  higherIsBetter ? 'higher is better' : 'lower is better';

/** Why a measure's instrument is refused: it is none of the given ones; says what to do instead. */
export function unknownInstrument(instruments: readonly Instrument[], name: string): string {
  const ids = instruments.map((instrument) => instrument.id).join(', ');
  return `unknown instrument "${name}": use one of ${ids}, or add it to the project's instruments first`;
}

/** What the report says of an instrument; unregistered ones (measures stored before) are unknown. */
export interface InstrumentFacts {
  name: string;
  min: number | null;
  max: number | null;
  higherIsBetter: boolean | null;
  description: string | null;
}

/** The facts of each named instrument (names as instrumentNamer gives them). */
export function instrumentFacts(
  instruments: readonly Instrument[],
  names: Iterable<string>,
): Record<string, InstrumentFacts> {
  // no prototype: an instrument may be called `constructor` or `__proto__`
  const facts = Object.create(null) as Record<string, InstrumentFacts>;
  for (const name of [...names].sort()) {
    const found = findInstrument(instruments, name);
    facts[name] = {
      name: found?.name ?? name,
      min: found?.min ?? null,
      max: found?.max ?? null,
      higherIsBetter: found?.higherIsBetter ?? null,
      description: found?.description ?? null,
    };
  }
  return facts;
}
