// Dates in sheets: `YYYY-MM-DD` is the start of that day in the project's time zone, ISO
// date-times need a zone, `DD/MM/YYYY` only when the upload says the sheet is day-first.

export type DateOrder = 'ymd' | 'dmy';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's wall clock is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = utcDate(
    get('year'),
    get('month'),
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** Date.UTC without its two-digit-year trap; NaN when the date is not on the calendar. */
function utcDate(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? date.getTime()
    : NaN;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time in `timeZone` names. Offsets are taken a day either side, so a
 * daylight-saving change that day is seen; a repeated hour gives its first instant, and a time in
 * a spring-forward gap (some zones skip midnight) gives the first instant after the gap.
 */
export function wallTimeToInstant(
  timeZone: string,
  y: number,
  m: number,
  d: number,
  h = 0,
  mi = 0,
  s = 0,
): number {
  const wall = utcDate(y, m, d, h, mi, s);
  if (Number.isNaN(wall)) return NaN;
  const before = wall - zoneOffsetMs(timeZone, wall - DAY_MS);
  const after = wall - zoneOffsetMs(timeZone, wall + DAY_MS);
  const exact = [before, after].filter((t) => t + zoneOffsetMs(timeZone, t) === wall);
  return exact.length > 0 ? Math.min(...exact) : before;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const DAY_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export type When = { at: string } | { error: string };

const notOnCalendar = (text: string): When => ({
  error: `"${text}" is not a date on the calendar`,
});

/** Sheets repeat a workshop's few dates thousands of times: zone arithmetic is done once each. */
const memo = new Map<string, When>();
const MEMO_SIZE = 10_000;

/** Reads a date cell as an ISO instant in UTC, or says what to write instead. */
export function readWhen(text: string, timeZone: string, order: DateOrder): When {
  const key = `${timeZone}|${order}|${text}`;
  let when = memo.get(key);
  if (!when) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    when = interpret(text, timeZone, order);
    memo.set(key, when);
  }
  return when;
}

function interpret(text: string, timeZone: string, order: DateOrder): When {
  const date = DATE.exec(text);
  if (date) {
    const ms = wallTimeToInstant(timeZone, +date[1], +date[2], +date[3]);
    return Number.isNaN(ms) ? notOnCalendar(text) : { at: new Date(ms).toISOString() };
  }
  if (DATE_TIME.test(text)) {
    if (!HAS_ZONE.test(text.slice(10)))
      return {
        error: `"${text}" has a time but no zone: add Z or an offset (2025-03-01T18:30:00Z, 2025-03-01T18:30:00+01:00), or give only the date (YYYY-MM-DD, read in the project's time zone ${timeZone})`,
      };
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(ms) ? notOnCalendar(text) : { at: new Date(ms).toISOString() };
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [d, m, y] = [+dayFirst[1], +dayFirst[2], +dayFirst[3]];
    if (order !== 'dmy')
      return {
        error: `"${text}" is a day-first date: write it as ${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} (YYYY-MM-DD), or, if the sheet writes every date DD/MM/YYYY, tick "Dates are day-first" under the file picker (dateFormat=dmy in the API)`,
      };
    const ms = wallTimeToInstant(timeZone, y, m, d);
    return Number.isNaN(ms) ? notOnCalendar(text) : { at: new Date(ms).toISOString() };
  }
  return {
    error: `"${text}" is not a date: use YYYY-MM-DD, or an ISO date-time with a zone such as 2025-03-01T18:30:00Z`,
  };
}
