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

const DEVICE_KEY = 'peoplemap:device';

/** Four letters naming this browser, kept in localStorage: other devices show where an entry came from. */
export function deviceCode(): string {
  try {
    const kept = localStorage.getItem(DEVICE_KEY);
    if (kept && /^[a-z2-9]{4}$/.test(kept)) return kept;
    const made = randomSuffix(4);
    localStorage.setItem(DEVICE_KEY, made);
    return made;
  } catch {
    return 'here';
  }
}

/** An event id made in the browser, so sending it twice stores it once; it carries the device code. */
export const eventId = (): string =>
  `cap-${deviceCode()}-${Date.now().toString(36)}-${randomSuffix(8)}`;
