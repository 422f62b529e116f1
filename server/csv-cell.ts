// One rule for CSV cells, in the API's exports and the web app's downloads alike (no imports: Vite
// builds it too): RFC 4180 quoting, and text a spreadsheet would run as a formula defused.

/**
 * What spreadsheets treat as the start of a formula (CSV injection, OWASP): = + - @, or their
 * full-width forms ＝ ＋ － ＠ (East Asian locales read those as formulas too), after any leading
 * spaces or line breaks; and a cell that starts with a tab or a line break.
 */
const FORMULA = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export const looksLikeFormula = (text: string): boolean => FORMULA.test(text);

/**
 * One CSV cell. Text that looks like a formula gets a leading `'`, so a spreadsheet shows it as
 * text; a cell holding `"`, `,` or a line break is quoted; numbers and booleans are written as
 * they are; null is empty.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
