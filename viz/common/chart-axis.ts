// A time axis for the charts: a few calendar-aligned ticks (hours, days, weeks, months, quarters or
// years, whichever gives at most `most` between two moments) with their dates as people write them.
// One owner for every chart of time in the web app (the Map's side charts, the Report's curves).

export interface Tick {
  at: number;
  label: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Step {
  /** A rough length, to choose the step. */
  ms: number;
  /** The first boundary at or after t, and the one after a boundary (UTC calendar). */
  first(t: number): number;
  next(t: number): number;
  label(t: number): string;
}

const utc = (t: number) => new Date(t);
const fmt = (t: number, options: Intl.DateTimeFormatOptions) =>
  utc(t).toLocaleString('en-GB', { ...options, timeZone: 'UTC' });

const hours = (n: number): Step => ({
  ms: n * HOUR,
  first: (t) => Math.ceil(t / (n * HOUR)) * n * HOUR,
  next: (t) => t + n * HOUR,
  label: (t) => fmt(t, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
});

const days = (n: number): Step => ({
  ms: n * DAY,
  // Weeks start on Monday (ISO), as the timeline's week buckets do.
  first: (t) => {
    const day = Math.ceil(t / DAY) * DAY;
    if (n !== 7) return day;
    return day + ((8 - utc(day).getUTCDay()) % 7) * DAY;
  },
  next: (t) => t + n * DAY,
  label: (t) => fmt(t, { day: 'numeric', month: 'short' }),
});

const months = (n: number): Step => {
  const start = (t: number) => {
    const d = utc(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % n), 1);
  };
  const next = (t: number) => {
    const d = utc(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
  };
  return {
    ms: n * 30.4 * DAY,
    first: (t) => (start(t) === t ? t : next(start(t))),
    next,
    label: (t) =>
      n >= 12 ? String(utc(t).getUTCFullYear()) : fmt(t, { month: 'short', year: 'numeric' }),
  };
};

const STEPS: Step[] = [
  hours(1),
  hours(3),
  hours(6),
  hours(12),
  days(1),
  days(7),
  months(1),
  months(3),
  months(6),
  months(12),
  months(24),
  months(60),
];

/** At most `most` ticks between from and to, on the finest calendar step that fits. */
export function timeTicks(from: number, to: number, most = 4): Tick[] {
  if (!(to > from))
    return [{ at: from, label: fmt(from, { day: 'numeric', month: 'short', year: 'numeric' }) }];
  const step = STEPS.find((s) => (to - from) / s.ms <= most) ?? STEPS.at(-1)!;
  const ticks: Tick[] = [];
  for (let t = step.first(from); t <= to && ticks.length <= most; t = step.next(t))
    ticks.push({ at: t, label: step.label(t) });
  return ticks;
}

/** The axis under a chart as HTML: each date placed at its share of the width (`x` in 0..1), kept inside the chart at either end. */
export function axisHtml(ticks: Tick[], x: (t: number) => number): string {
  const placed = ticks.map((tick) => {
    const share = 100 * x(tick.at);
    const shift = share < 10 ? '0' : share > 90 ? '-100%' : '-50%';
    return `<span style="left:${share.toFixed(2)}%;transform:translateX(${shift})">${tick.label}</span>`;
  });
  return `<div class="time-axis" aria-hidden="true">${placed.join('')}</div>`;
}
