// The numbers of a release, one leaf each: where the number sits in a scope's content, which
// quantity it is (a name and the moments it describes, the same wherever the quantity appears: in
// the report, the metrics at a moment and the timeline) and the resident cell (an object with a
// count `n`) it belongs to. The zod schemas guide the walk, so a number is found in any section.
import { z } from 'zod';

export type Segment = string | number;

export interface Leaf {
  /** The community the scope covers; null for every community together. */
  scope: string | null;
  /** Where the number sits in the scope's content. */
  location: Segment[];
  /** The quantity, without its moments: ['graph', 'density'], ['wellbeing', 'WEMWBS', 'others', 'n']. */
  name: string[];
  /** The moments it describes (epoch ms): one, or the baseline and follow-up for a change. */
  moments: number[];
  /** The field that holds it (for a record of numbers, the record's field: `byValue`). */
  field: string;
  value: number | null;
  /** The id of the `n` of the resident cell it belongs to, if any. */
  cellN: string | null;
}

/** One id per quantity at its moments, in one scope: equal wherever the quantity appears. */
export const leafId = (scope: string | null, name: readonly string[], moments: readonly number[]) =>
  JSON.stringify([scope, name, moments]);

export const idOf = (leaf: Leaf) => leafId(leaf.scope, leaf.name, leaf.moments);

/** The release's moments, and the scope whose content is walked. */
export interface Frame {
  scope: string | null;
  baselineMs: number;
  followupMs: number;
}

interface Context {
  location: Segment[];
  name: string[];
  /** Moments met on the way down (object keys baseline / followup, timeline points). */
  moments: number[];
  field: string;
  cellN: string | null;
  /** Writing out a null object: its numbers are visited as null. */
  filling: boolean;
}

/** Sections and levels that do not name a quantity: `metrics.baseline.evaluation.x` is x. */
const UNNAMED = new Set(['report', 'metrics', 'evaluation']);
/** Sections whose content is the network at a moment, named as the report's `graph` section. */
const RENAMED: Record<string, string> = { timeline: 'graph' };

type Visit = (leaf: Leaf) => unknown;

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (
    inner instanceof z.ZodOptional ||
    inner instanceof z.ZodNullable ||
    inner instanceof z.ZodDefault
  )
    inner = inner.unwrap() as z.ZodType;
  return inner;
}

/**
 * The value with each number (or null where the schema has a number) replaced by what `visit`
 * returns for its leaf; everything else is kept as it is. With `fill`, a null object inside a cell
 * for which `fill(cellN)` holds is written out with each of its numbers visited as null (a missing
 * interval would otherwise tell that the withheld n is below two).
 */
export function mapLeaves(
  schema: z.ZodType,
  value: unknown,
  frame: Frame,
  visit: Visit,
  fill?: (cellN: string) => boolean,
): unknown {
  const momentsOf = (context: Context) =>
    context.moments.length > 0 ? context.moments : [frame.baselineMs, frame.followupMs];
  const walk = (schema: z.ZodType, value: unknown, context: Context): unknown => {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodNumber) {
      if (typeof value !== 'number' && value !== null) return value;
      return visit({
        scope: frame.scope,
        location: context.location,
        name: context.name,
        moments: momentsOf(context),
        field: context.field,
        value,
        cellN: context.cellN,
      });
    }
    const filled =
      value === null && inner instanceof z.ZodObject && context.cellN !== null && fill
        ? fill(context.cellN)
        : false;
    if (filled) return walk(inner, {}, { ...context, filling: true });
    if (value === null || value === undefined || typeof value !== 'object') return value;
    if (inner instanceof z.ZodArray) {
      return (value as unknown[]).map((item, i) => {
        const at = (item as { at?: unknown } | null)?.at;
        const moment = typeof at === 'string' ? [Date.parse(at)] : [];
        const location = [...context.location, i];
        const name = moment.length > 0 ? context.name : [...context.name, String(i)];
        const moments = [...context.moments, ...moment];
        return walk(inner.element as z.ZodType, item, { ...context, location, name, moments });
      });
    }
    if (inner instanceof z.ZodRecord) {
      const entries = Object.entries(value as Record<string, unknown>).map(([key, child]) => [
        key,
        walk(inner.valueType as z.ZodType, child, {
          ...context,
          location: [...context.location, key],
          name: [...context.name, key],
        }),
      ]);
      return Object.fromEntries(entries);
    }
    if (!(inner instanceof z.ZodObject)) return value;
    const shape = inner.shape as Record<string, z.ZodType>;
    const object = value as Record<string, unknown>;
    let { cellN } = context;
    if ('n' in shape && typeof object.n === 'number')
      cellN = leafId(frame.scope, [...context.name, 'n'], momentsOf(context));
    // only the schema's fields, as the route's serialiser would send them
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(shape)) {
      const blank = context.filling && unwrap(child) instanceof z.ZodNumber;
      if (!(key in object) && !blank) continue;
      const moment =
        key === 'baseline' ? frame.baselineMs : key === 'followup' ? frame.followupMs : null;
      const named = moment !== null || UNNAMED.has(key) ? [] : [RENAMED[key] ?? key];
      out[key] = walk(child, blank ? null : object[key], {
        location: [...context.location, key],
        name: [...context.name, ...named],
        moments: moment === null ? context.moments : [...context.moments, moment],
        field: moment === null ? key : context.field,
        cellN,
        filling: context.filling,
      });
    }
    return out;
  };
  const start = { location: [], name: [], moments: [], field: '', cellN: null, filling: false };
  return walk(schema, value, start);
}

/** Every number of a scope's content as a leaf. */
export function leavesOf(schema: z.ZodType, value: unknown, frame: Frame): Leaf[] {
  const leaves: Leaf[] = [];
  mapLeaves(schema, value, frame, (leaf) => leaves.push(leaf));
  return leaves;
}
