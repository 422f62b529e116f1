// How the Report view writes numbers, dates and money for a reader: signs as "+1.23" / "−1.23",
// shares as percentages, dates in words, "—" where there is no value.
import { NO_VARIATION } from '../../server/report-words.ts';

type Interval = { low: number; high: number; informative?: false } | null | undefined;
type Maybe = number | null | undefined;

const none = (v: Maybe): v is null | undefined => v === null || v === undefined;

/** "+1.23" with a sign, "—" for no value. */
export const signed = (v: Maybe, digits = 2) =>
  none(v) ? '—' : (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(digits);
export const plain = (v: Maybe, digits = 2) =>
  none(v)
    ? '—'
    : (v < 0 ? '−' : '') +
      (Number.isInteger(v) ? Math.abs(v).toLocaleString('en-GB') : Math.abs(v).toFixed(digits));
/** A share of a whole (0.873) as a percentage ("87.3%"). */
export const percent = (v: Maybe) => (none(v) ? '—' : `${(v * 100).toFixed(1)}%`);
/** A change of a share in percentage points ("+1.2 points"). */
export const points = (v: Maybe) => (none(v) ? '—' : `${signed(v * 100, 1)} points`);
/** A 95% interval in words; over values that do not vary it says so instead of "+0.00 to +0.00". */
export const interval = (ci: Interval) =>
  !ci
    ? 'no interval (fewer than 2 residents)'
    : ci.informative === false
      ? NO_VARIATION
      : `95% CI ${signed(ci.low)} to ${signed(ci.high)}`;
/** A p as a table shows it: "0.012", "< 0.001", "—" for none. */
export const pNumber = (p: Maybe) => (none(p) ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));
/** A permutation p as people read it: "p = 0.012", "p < 0.001". */
export const pValue = (p: Maybe) =>
  none(p) ? 'p not available' : p < 0.001 ? 'p < 0.001' : `p = ${pNumber(p)}`;

/** An amount of money in its currency, "£630" (pence shown only when there are any). */
export function money(amount: Maybe, currency: string | null): string {
  if (none(amount)) return '—';
  if (!currency) return plain(amount);
  const whole = Number.isInteger(amount);
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(amount);
}

const dateFormat = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options });
const LONG = dateFormat({ day: 'numeric', month: 'long', year: 'numeric' });
const SHORT = dateFormat({ day: 'numeric', month: 'short', year: 'numeric' });

/** "3 February 2025" (the report's moments are read in UTC). */
export const longDate = (at: string | number) => LONG.format(new Date(at));
/** "3 Feb 2025". */
export const shortDate = (at: string | number) => SHORT.format(new Date(at));
