// What a Capture session holds, kept in localStorage per project so that a reload (or a flat
// tablet battery) loses nothing: the session header, the entries typed, and the writes still to send.
import { TIE_SOURCES } from '../../server/domain-names.ts';
import type { Community, GroupSummary, NewRecord } from '../common/api.ts';
import type { Person } from '../common/combobox.ts';

export type KnownResident = Person & { communityId: string | null; participant: boolean };

/** Where a session's ties are recorded: any source but the sheet import's and a wave's answers. */
export type Source = Exclude<(typeof TIE_SOURCES)[number], 'import' | 'wave'>;
export const CAPTURE_SOURCES = TIE_SOURCES.filter(
  (s): s is Source => s !== 'import' && s !== 'wave',
);

export interface SessionHeader {
  /** The workshop's moment (ms); every entry of the session carries it. */
  at: number;
  communityId: string | null;
  source: Source;
}

export type EntryKind =
  | 'resident'
  | 'group'
  | 'community'
  | 'connection'
  | 'disconnection'
  | 'membership'
  | 'departure'
  | 'attendance'
  | 'measure'
  | 'leave'
  | 'return'
  | 'participation'
  | 'interview';

/** Records, not events: once stored they stay (no retraction removes them). */
export const RECORD_KINDS: readonly EntryKind[] = ['resident', 'group', 'community'];

export type EntryState = 'waiting' | 'stored' | 'failed' | 'undone';

/** One thing typed in the session, as the entries list shows it. */
export interface Entry {
  /** The id of the resident, group or event it created (made in the browser). */
  id: string;
  kind: EntryKind;
  label: string;
  state: EntryState;
  /** Residents and groups it names: a creation cannot be undone while an entry names it. */
  names: string[];
  message?: string;
  /** The resident, group or community it creates, so choices offer them even offline after a reload. */
  person?: KnownResident;
  group?: GroupSummary;
  community?: Community;
  /** A tie's kind and strength, to say what is already recorded when the pair is named again. */
  tie?: { kind: string; strength: number };
}

/** A write waiting to be sent, in the order typed. */
export type PendingWrite = NewRecord & { entry: string };

export interface CaptureState {
  header: SessionHeader;
  /** Oldest first; the page lists them newest first. */
  entries: Entry[];
  pending: PendingWrite[];
}

const VERSION = 1;
const PREFIX = 'peoplemap:capture:';
const keyFor = (project: string) => `${PREFIX}v${VERSION}:${project}`;

/** The keys of every Capture session kept in this browser, whatever its project or version. */
function sessionKeys(): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

/** Writes typed in Capture in this browser that have not reached the service, over every project. */
function unsentWrites(): number {
  let unsent = 0;
  for (const key of sessionKeys()) {
    try {
      unsent +=
        (JSON.parse(localStorage.getItem(key) ?? '{}') as CaptureState).pending?.length ?? 0;
    } catch {
      // an unreadable session holds nothing that could still be sent
    }
  }
  return unsent;
}

/** Whether every Capture session may go: asked only when some of what was typed was not sent. */
export function mayForgetStates(ask: (question: string) => boolean): boolean {
  const unsent = unsentWrites();
  const entries =
    unsent === 1 ? '1 entry typed in Capture has' : `${unsent} entries typed in Capture have`;
  return (
    unsent === 0 ||
    ask(
      `${entries} not reached the service yet. Forgetting the key deletes them from this browser, ` +
        'with everything typed in Capture here. Forget the key and delete them? ' +
        '(Cancel keeps them: let Capture send them until it says every entry is stored.)',
    )
  );
}

/** Deletes every Capture session of this browser: what was typed, and what waits to be sent. */
export function forgetAllStates(): void {
  for (const key of sessionKeys()) localStorage.removeItem(key);
}

export function loadState(project: string, fresh: () => SessionHeader): CaptureState {
  try {
    const stored = localStorage.getItem(keyFor(project));
    if (stored) return JSON.parse(stored) as CaptureState;
  } catch {
    // Unreadable storage: start a new session rather than fail.
  }
  return { header: fresh(), entries: [], pending: [] };
}

export function saveState(project: string, state: CaptureState): void {
  try {
    localStorage.setItem(keyFor(project), JSON.stringify(state));
  } catch {
    // Storage full or disabled: entries still go out while the page stays open.
  }
}
