// A JSON bundle `{residents, groups, events}` in the API's own shapes: each item passes the API's
// schemas, records already stored are left unchanged, and problems are reported at the item's
// path (`events.3.from`) in the file "bundle".
import { z } from 'zod';
import { GroupInput, ResidentInput } from '../domain.ts';
import { EventInput } from '../domain-events.ts';
import { Directory, type Named } from './directory.ts';
import type { Issues } from './issues.ts';
import { emptyPlan, type ImportContext, type Plan } from './plan.ts';
import type { Origin } from './row-reader.ts';

export const BUNDLE_FILE = 'bundle';

const List = z.array(z.unknown()).optional();
const Bundle = z.object({ residents: List, groups: List, events: List }).strict();

type Kind = 'residents' | 'groups' | 'events';

/** Items in a bundle: the limit on rows applies to them too. */
export function bundleSize(body: unknown): number {
  if (!body || typeof body !== 'object') return 0;
  return (['residents', 'groups', 'events'] as const)
    .map((k) => (body as Record<string, unknown>)[k])
    .reduce<number>((n, list) => n + (Array.isArray(list) ? list.length : 0), 0);
}

/** An origin whose every field reports at its API path. */
function originAt(list: Kind, i: number): Origin {
  const columns = new Proxy({} as Record<string, string>, {
    get: (_t, field) => `${list}.${i}.${String(field)}`,
    has: () => true,
  });
  return { file: BUNDLE_FILE, row: null, columns };
}

export function planBundle(body: unknown, context: ImportContext, issues: Issues): Plan {
  const plan: Plan = emptyPlan();
  const shape = Bundle.safeParse(body);
  if (!shape.success) {
    for (const issue of shape.error.issues)
      issues.error(BUNDLE_FILE, null, issue.path.join('.') || null, issue.message);
    return plan;
  }
  const { residents = [], groups = [], events = [] } = shape.data;
  plan.files = (['residents', 'groups', 'events'] as const).map((sheet) => ({
    name: BUNDLE_FILE,
    sheet,
    rows: shape.data[sheet]?.length ?? 0,
    aliases: [],
  }));
  const residentIds = new Directory<Named>('resident', context.residents);
  const groupIds = new Directory<Named & { kind: string }>('group', context.groups);

  /** Parses each item; reports schema issues and ids repeated in the bundle. */
  const each = <S extends z.ZodType>(list: Kind, items: unknown[], schema: S) => {
    const seen = new Set<string>();
    const parsed: { value: z.infer<S>; origin: Origin }[] = [];
    items.forEach((item, i) => {
      const result = schema.safeParse(item);
      if (!result.success) {
        for (const issue of result.error.issues)
          issues.error(BUNDLE_FILE, null, [list, i, ...issue.path].join('.'), issue.message);
        return;
      }
      const id = (result.data as { id: string }).id;
      if (seen.has(id)) issues.error(BUNDLE_FILE, null, `${list}.${i}.id`, `"${id}" appears twice`);
      else parsed.push({ value: result.data as z.infer<S>, origin: originAt(list, i) });
      seen.add(id);
    });
    return parsed;
  };

  for (const { value, origin } of each('residents', residents, ResidentInput)) {
    if (residentIds.byIdOnly(value.id)) plan.unchanged.residents++;
    else {
      plan.residents.push(value);
      plan.origins.residents.push(origin);
      residentIds.add(value);
    }
  }
  for (const { value, origin } of each('groups', groups, GroupInput)) {
    if (groupIds.byIdOnly(value.id)) plan.unchanged.groups++;
    else {
      plan.groups.push(value);
      plan.origins.groups.push(origin);
      groupIds.add(value);
    }
  }
  events.forEach((item, i) => {
    const result = EventInput.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues)
        issues.error(BUNDLE_FILE, null, ['events', i, ...issue.path].join('.'), issue.message);
      return;
    }
    const event = result.data;
    const named =
      event.type === 'connection' || event.type === 'disconnection'
        ? { from: event.from, to: event.to }
        : event.type === 'retraction'
          ? {}
          : { resident: event.resident };
    for (const [field, id] of Object.entries(named))
      if (!residentIds.byIdOnly(id))
        issues.error(BUNDLE_FILE, null, `events.${i}.${field}`, `unknown resident "${id}"`);
    if ('group' in event) {
      const group = groupIds.byIdOnly(event.group);
      if (!group)
        issues.error(BUNDLE_FILE, null, `events.${i}.group`, `unknown group "${event.group}"`);
      else if (event.type === 'attendance' && group.kind !== 'activity')
        issues.error(
          BUNDLE_FILE,
          null,
          `events.${i}.group`,
          `attendance needs a group of kind "activity"; "${event.group}" is "${group.kind}"`,
        );
    }
    plan.events.push(event);
    plan.origins.events.push(originAt('events', i));
  });
  return plan;
}
