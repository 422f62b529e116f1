// Capture's list of what the other devices of a workshop record, as the live stream brings it: each
// entry in words with the device it came from (a Capture page marks its event ids with a device
// code, ids.ts). Only this list is redrawn, so nothing being typed or picked is disturbed.
import type { Event, LiveChange } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { deviceCode } from './ids.ts';

/** The newest entries kept on screen. */
const SHOWN = 50;

interface OtherEntry {
  label: string;
  from: string;
}

/** Where an event came from, in words: another Capture page's device code, or a sheet or the API. */
export function deviceOf(eventId: string): string {
  const code = /^cap-([a-z2-9]{4})-/.exec(eventId)?.[1];
  return code ? `device ${code}` : 'a sheet or the API';
}

/** An event in the words Capture's own entries use. */
export function describeEvent(event: Event, nameOf: (id: string) => string): string {
  switch (event.type) {
    case 'connection':
      return `Tie: ${nameOf(event.from)} – ${nameOf(event.to)} (${event.kind ?? 'knows'}, ${event.strength ?? 1})`;
    case 'disconnection':
      return `Tie ended: ${nameOf(event.from)} – ${nameOf(event.to)}`;
    case 'membership':
      return `Membership: ${nameOf(event.resident)} joined ${nameOf(event.group)}`;
    case 'departure':
      return `Departure: ${nameOf(event.resident)} left ${nameOf(event.group)}`;
    case 'attendance':
      return `Attendance: ${nameOf(event.resident)} at ${nameOf(event.group)}`;
    case 'measure':
      return `Measure: ${nameOf(event.resident)} ${event.instrument} ${event.score}`;
    case 'leave':
      return `Left the area: ${nameOf(event.resident)}`;
    case 'return':
      return `Came back: ${nameOf(event.resident)}`;
    case 'participation':
      return `Participation: ${nameOf(event.resident)}`;
    case 'interview':
      return `Interview: ${nameOf(event.resident)} answered at ${event.wave}`;
    case 'retraction':
      return 'An entry was undone';
  }
}

export class OthersList {
  private readonly entries: OtherEntry[] = [];

  constructor(
    private readonly list: HTMLElement,
    note: HTMLElement,
  ) {
    note.textContent = `This device is device ${deviceCode()}. Entries from the other devices of this project appear here as they are stored.`;
  }

  /**
   * Adds what a change holds that this page did not record itself: events not among its entries,
   * and residents and groups it did not know of.
   */
  add(change: LiveChange, mine: Set<string>, known: Set<string>, nameOf: (id: string) => string) {
    const before = this.entries.length;
    for (const r of change.residents)
      if (!mine.has(r.id) && !known.has(r.id))
        this.entries.push({ label: `Resident: ${r.name ?? r.id}`, from: 'another device' });
    for (const g of change.groups)
      if (!mine.has(g.id) && !known.has(g.id))
        this.entries.push({ label: `Group: ${g.name} (${g.kind})`, from: 'another device' });
    for (const e of change.events)
      if (!mine.has(e.id))
        this.entries.push({ label: describeEvent(e, nameOf), from: deviceOf(e.id) });
    if (this.entries.length === before) return;
    this.entries.splice(0, Math.max(0, this.entries.length - SHOWN));
    this.list.innerHTML = [...this.entries]
      .reverse()
      .map(
        (e) =>
          `<li class="entry stored"><span class="what">${escapeHtml(e.label)}</span>` +
          `<span class="state">from ${escapeHtml(e.from)}</span></li>`,
      )
      .join('');
  }
}
