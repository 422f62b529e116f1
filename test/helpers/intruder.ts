// What a motivated intruder counts, shared by the partner-intruder and partner-shape tests: how many
// residents stand alone on a combination of what they know, and the demo's group kinds per resident
// as generated (the truth the intruder's background knowledge is taken from).
import type { DemoProgramme } from '../../fixtures/demo-programme.ts';

/** Residents per combination: how many stand alone, and the smallest class. */
export function uniqueness(rows: unknown[][]): { unique: number; smallest: number } {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(JSON.stringify(row), (sizes.get(JSON.stringify(row)) ?? 0) + 1);
  const counts = [...sizes.values()];
  return { unique: counts.filter((c) => c === 1).length, smallest: Math.min(...counts) };
}

/** The kinds of the groups each resident of the demo joined, sorted, from its membership events. */
export function demoGroupKinds(demo: DemoProgramme): (id: string) => string[] {
  const kindOf = new Map(demo.groups.map((g) => [g.id, g.kind as string]));
  return (id) =>
    [
      ...new Set(
        demo.events
          .filter((e) => e.type === 'membership' && e.resident === id)
          .map((e) => kindOf.get((e as { group: string }).group)!),
      ),
    ].sort();
}

/**
 * The demo's residents with neither a joining time nor an event: they join when the demo is
 * loaded, so to a partner they are in the month under way, not there until it is over.
 */
export function joinedWhenLoaded(demo: DemoProgramme): Set<string> {
  const named = new Set(
    demo.events.flatMap((e) =>
      ['from', 'to', 'resident'].map((field) => (e as Record<string, unknown>)[field]),
    ),
  );
  return new Set(demo.residents.filter((r) => !r.joinedAt && !named.has(r.id)).map((r) => r.id));
}
