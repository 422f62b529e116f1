// Ids made in the browser, so a write sent twice is stored once: readable ones for new residents
// and groups, random ones for events.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Random letters from crypto.getRandomValues, which (unlike randomUUID) works on plain http too. */
function randomSuffix(length: number): string {
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
