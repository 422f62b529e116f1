// What every Capture form shares: the host page it records into, its fields by name, saying in the
// form what to fix, and turning a filled-in form into an entry and its event.
import type { Instrument } from '../../server/instruments.ts';
import type { Community, Event, GroupSummary } from '../common/api.ts';
import type { Entry, KnownResident, PendingWrite, SessionHeader } from './store.ts';
import { eventId } from './ids.ts';
import type { KnownTie } from './known-ties.ts';

/** What the forms need from the page they sit in (the Capture view): no more, so neither imports the other. */
export interface CaptureHost {
  /** The session's moment, community and source, stamped on what the forms write. */
  readonly header: SessionHeader;
  readonly communities: readonly Community[];
  /** What measures may name: the built-in instruments and the project's own. */
  readonly instruments: readonly Instrument[];
  /** The tie between two residents the project or this session already holds, either direction. */
  existingTie(a: string, b: string): KnownTie | undefined;
  /** The tie kinds the project already uses, each spelled once. */
  tieKinds(): string[];
  /** Everyone the pickers offer, and the groups to choose from. */
  people(): KnownResident[];
  groups(): GroupSummary[];
  /** Records an entry and queues its write. */
  record(entry: Omit<Entry, 'state'>, write: PendingWrite): void;
}

/** An event as a form fills it in: the id and moment are the session's. */
export type EventBody = Event extends infer E
  ? E extends Event
    ? Omit<E, 'id' | 'at'>
    : never
  : never;

export type Fields = HTMLFormControlsCollection &
  Record<string, HTMLInputElement & HTMLSelectElement>;

export const formById = (id: string) => document.getElementById(id) as HTMLFormElement;
export const fields = (f: HTMLFormElement) => f.elements as Fields;

/** The words of a resident picker left empty: what to do. */
export const PICK_RESIDENT =
  'Pick the resident: type a name, then choose with the arrow keys and Enter.';

/** Shows the problem in the form (or `box`), marks the field and puts the cursor there. */
export function problem(
  f: HTMLFormElement,
  field: HTMLElement | null,
  message: string,
  box: Element | null = f.querySelector('.form-error'),
): void {
  if (box) box.textContent = message;
  f.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}

export const clear = (f: HTMLFormElement) => problem(f, null, '');

/** Records an event typed in form `f`, stamped with the session's moment and a browser-made id. */
export function recordEvent(
  host: CaptureHost,
  f: HTMLFormElement,
  entry: Omit<Entry, 'state' | 'id'>,
  body: EventBody,
): void {
  const id = eventId();
  clear(f);
  const at = new Date(host.header.at).toISOString();
  host.record({ ...entry, id }, { entry: id, collection: 'events', body: { id, at, ...body } });
}

/** Refills a select with the communities (and "none"), keeping `chosen` selected. */
export function fillCommunities(
  select: HTMLSelectElement,
  communities: readonly Community[],
  chosen: string | null,
): void {
  select.replaceChildren(
    new Option('none', ''),
    ...communities.map((c) => new Option(c.name, c.id)),
  );
  select.value = communities.some((c) => c.id === chosen) ? (chosen ?? '') : '';
}
