// Escaping for the XML writers: every value that came from a client goes through here (CSV cells:
// csv-cell.ts).

/**
 * Characters XML 1.0 forbids even when escaped (C0 controls other than tab, LF and CR, unpaired
 * surrogates, U+FFFE and U+FFFF). The API refuses control characters, but data stored before that
 * rule may hold them, and one would make the whole file unreadable: they are dropped.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
