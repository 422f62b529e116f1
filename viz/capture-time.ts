// Pure helpers of the Capture view: wall-clock time in the project's time zone, readable ids made
// in the browser, and what is wrong with a wellbeing score.
import { measureProblem, type Instrument } from '../server/instruments.ts';

/** Milliseconds the zone is ahead of UTC at instant ms (e.g. +3,600,000 in London in summer). */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The `YYYY-MM-DDTHH:mm` a `datetime-local` input shows for instant ms in the zone. */
export function wallClock(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffset(ms, timeZone)).toISOString().slice(0, 16);
}

/** The instant of a `YYYY-MM-DDTHH:mm` wall-clock time in the zone; NaN when it is not one. */
export function instantOf(wall: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return NaN;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guess, then at the corrected instant: right on both sides of a DST change.
  const first = asUtc - zoneOffset(asUtc, timeZone);
  return asUtc - zoneOffset(first, timeZone);
}

/** A zone the browser knows, else UTC (a project's zone is an IANA name such as Europe/London). */
export function knownZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Random letters from crypto.getRandomValues, which (unlike randomUUID) works on plain http too. */
export function randomSuffix(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A readable, unique id for a new resident or group: `ann-smith-k3f9` (valid as the API's Id). */
export function readableId(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || fallback}-${randomSuffix(4)}`;
}

/** An event id made in the browser, so sending it twice stores it once. */
export const eventId = (): string => `cap-${Date.now().toString(36)}-${randomSuffix(8)}`;

/** Names compared as people say them: case and spaces ignored. */
export const sameName = (a: string, b: string): boolean =>
  a.toLowerCase().replace(/\s+/g, '') === b.toLowerCase().replace(/\s+/g, '');

/**
 * Why the instrument or score cannot be right, as a sentence at the field to fix, or null when they
 * can: the API's own rule over the project's instruments as last listed.
 */
export function scoreProblem(
  instruments: readonly Instrument[],
  name: string,
  score: number,
): { field: 'instrument' | 'score'; message: string } | null {
  const problem = measureProblem(instruments, name, score);
  if (problem?.field === 'instrument') {
    const sentence = problem.message[0].toUpperCase() + problem.message.slice(1);
    return { field: 'instrument', message: `${sentence}.` };
  }
  if (!Number.isFinite(score)) return { field: 'score', message: 'Enter the score as a number.' };
  return problem && { field: 'score', message: `${problem.message}.` };
}
