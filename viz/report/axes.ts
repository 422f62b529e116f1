// The Report charts' axes: round value ticks for a y-axis, and date ticks (months, or days on a
// short span) for a time axis, each with the label a reader sees.
const DAY_MS = 86_400_000;

/** Ticks from `low` to at least `high` at a round step (1, 2, 2.5 or 5 × 10^k), about `count` of them. */
export function valueTicks(low: number, high: number, count = 4): number[] {
  if (!(high > low)) return [low, low + 1];
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const first = Math.floor(low / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v < high + step - 1e-9 * step; v += step) ticks.push(round(v));
  return ticks;
}

/** A tick's value as written: as many decimals as the step has ("0.25", "2.5", "20"). */
export function tickLabel(v: number, ticks: number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  let decimals = 0;
  while (decimals < 6 && Math.abs(round(step * 10 ** decimals) % 1) > 1e-9) decimals += 1;
  const text = Math.abs(v).toFixed(decimals);
  return v < 0 ? `−${text}` : text;
}

const round = (v: number) => Number(v.toPrecision(12));

const MONTH = new Intl.DateTimeFormat('en-GB', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Date ticks within [from, to], at most `count`: the first of every 1, 2, 3, 6 or 12 months
 * ("Mar 2025"), or on a span under two months every 1, 2, 7 or 14 days ("3 Mar").
 */
export function dateTicks(from: number, to: number, count = 5): { at: number; label: string }[] {
  const span = to - from;
  if (span < 60 * DAY_MS) {
    const step = [1, 2, 7, 14].find((d) => span / (d * DAY_MS) <= count) ?? 28;
    const start = Math.ceil(from / DAY_MS) * DAY_MS;
    const ticks = [];
    for (let at = start; at <= to; at += step * DAY_MS) ticks.push({ at, label: DAY.format(at) });
    return ticks;
  }
  const months = span / (30.44 * DAY_MS);
  const step = [1, 2, 3, 6, 12, 24].find((m) => months / m <= count) ?? 60;
  // months counted from year 0, so a step of 3 starts quarters in January, April, July, October
  const first = new Date(from);
  const into = first.getTime() > Date.UTC(first.getUTCFullYear(), first.getUTCMonth()) ? 1 : 0;
  let index = Math.ceil((first.getUTCFullYear() * 12 + first.getUTCMonth() + into) / step) * step;
  const ticks = [];
  for (let at = monthStart(index); at <= to; at = monthStart((index += step)))
    ticks.push({ at, label: MONTH.format(at) });
  return ticks;
}

const monthStart = (index: number) => Date.UTC(Math.floor(index / 12), index % 12);
