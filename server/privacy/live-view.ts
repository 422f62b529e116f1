// The live stream's change as one viewer may see it: the privacy door's view of the project (whom to
// leave out) applied to what the store read once for every listener.
import { TAIL_EFFECTS } from '../store/kept.ts';
import type { StoredEvent } from '../store/events.ts';
import type { StoredChange } from '../store/live.ts';
import type { Resident } from '../store/residents.ts';
import type { ProjectReads } from './reads.ts';

/** What a change holds that the viewer may see (residents as the store keeps them). */
export type SeenChange = Omit<Extract<StoredChange, { kind: 'change' }>, 'kind' | 'named'> & {
  residents: Resident[];
};

/**
 * Events naming a resident the viewer may not see are left out, and so are those residents: the
 * same rule as the event log and the resident list. The residents sent are those written and
 * those the events left in name (not those named only by an event left out: that would tell of
 * it). Null when nothing is left to see.
 */
export async function seenChange(
  reads: ProjectReads,
  projectId: string,
  change: Extract<StoredChange, { kind: 'change' }>,
): Promise<SeenChange | null> {
  const { hidden } = await reads.view(projectId);
  const events = change.events.filter((event) => namedBy(event).every((id) => !hidden.has(id)));
  const namedSeen = new Set(events.flatMap(namedBy));
  const written = change.residents.filter((r) => !hidden.has(r.id));
  const writtenIds = new Set(written.map((r) => r.id));
  const residents = [
    ...written,
    ...change.named.filter((r) => namedSeen.has(r.id) && !writtenIds.has(r.id)),
  ];
  const { groups, communities } = change;
  if (events.length + residents.length + groups.length + communities.length === 0) return null;
  return { version: change.version, events, residents, groups, communities };
}

/** The residents an event names (the kept reads' one table of which fields name whom). */
const namedBy = (event: StoredEvent): string[] =>
  TAIL_EFFECTS[event.type].names.flatMap((field) => {
    const id = (event as Record<string, unknown>)[field];
    return typeof id === 'string' ? [id] : [];
  });
