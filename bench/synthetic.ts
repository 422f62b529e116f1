// A seeded synthetic programme for the scale benchmark: residents in communities of ~500, most
// ties inside a community and some bridging, a few well-connected residents (ties drawn with a
// skew towards low indexes), some ties ending, events evenly spread over a year in time order.
import { createRandom } from '../fixtures/prng.ts';
import type { Programme } from '../fixtures/load-programme.ts';
import type { EventInput } from '../server/domain-events.ts';

export interface SyntheticOptions {
  projectId: string;
  events: number;
  residents: number;
  seed?: number;
}

const COMMUNITY_SIZE = 500;
const INSIDE = 0.85;
const ENDING = 0.05;
const START_MS = Date.UTC(2024, 0, 1);
const SPAN_MS = 365 * 86_400_000;

/** The project, communities and residents; the events come from `syntheticEvents`. */
export function syntheticProgramme(options: SyntheticOptions): Programme {
  const communities = Math.max(2, Math.round(options.residents / COMMUNITY_SIZE));
  const random = createRandom((options.seed ?? 1) + 1);
  return {
    project: { id: options.projectId, name: `Synthetic ${options.events} events` },
    communities: Array.from({ length: communities }, (_, c) => ({ id: `c${c}`, name: `C${c}` })),
    groups: [],
    residents: Array.from({ length: options.residents }, (_, i) => ({
      id: `r${i}`,
      name: `Resident ${i}`,
      communityId: `c${i % communities}`,
      participant: random.chance(0.1),
      consent: 'given' as const,
      attributes: {},
    })),
    events: [],
  };
}

/** The events in time order, `batch` at a time (a million events never sit in memory at once). */
export function* syntheticEvents(
  options: SyntheticOptions,
  batch: number,
): Generator<EventInput[]> {
  const random = createRandom(options.seed ?? 1);
  const n = options.residents;
  const communities = Math.max(2, Math.round(n / COMMUNITY_SIZE));
  const members = Math.ceil(n / communities);
  // Skewed towards low ranks: a few residents are named far more often than most.
  const rank = (size: number) => Math.min(size - 1, Math.floor(size * random.next() ** 2));
  const recent: Array<[string, string]> = [];
  let events: EventInput[] = [];
  for (let i = 0; i < options.events; i++) {
    const at = new Date(START_MS + Math.floor((SPAN_MS * i) / options.events)).toISOString();
    if (recent.length > 0 && random.chance(ENDING)) {
      const [from, to] = recent[random.int(0, recent.length - 1)];
      events.push({ id: `s${i}`, type: 'disconnection', at, from, to });
    } else {
      const a = random.int(0, n - 1);
      const community = a % communities;
      let b: number;
      if (random.chance(INSIDE)) b = (community + communities * rank(members)) % n;
      else b = rank(n);
      if (b === a) b = (a + communities) % n;
      const pair: [string, string] = [`r${a}`, `r${b}`];
      if (recent.length < 1000) recent.push(pair);
      else recent[random.int(0, 999)] = pair;
      events.push({
        id: `s${i}`,
        type: 'connection',
        at,
        from: pair[0],
        to: pair[1],
        kind: 'knows',
        strength: random.int(1, 3),
        source: 'survey',
      });
    }
    if (events.length === batch) {
      yield events;
      events = [];
    }
  }
  if (events.length > 0) yield events;
}
