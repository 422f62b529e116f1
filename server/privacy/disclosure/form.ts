// The form a partner reads: every number of a release becomes a cell, `{value}` or
// `{value: null, suppressed: true}` when disclosure control withheld it, so a withheld number can
// never be taken for a missing one; means are rounded to one decimal place and shares to whole
// percent. The release's schemas are the report's, metrics' and timeline's own, so transformed.
import { z } from 'zod';
import { idOf, mapLeaves, type Frame, type Leaf } from './leaves.ts';
import { kindOf } from './rules.ts';

export const ReleasedNumber = z
  .object({
    value: z.number().nullable().describe('null when there is no value, or when withheld'),
    suppressed: z
      .literal(true)
      .optional()
      .describe('withheld by disclosure control: too few residents, or derivable from others'),
  })
  .describe('a published number');

export type ReleasedNumber = z.infer<typeof ReleasedNumber>;

/** The type of a value once every number in it is a released number. */
export type Released<T> = [T] extends [number | null]
  ? [T] extends [null]
    ? T
    : ReleasedNumber
  : T extends readonly (infer U)[]
    ? Released<U>[]
    : T extends object
      ? { [K in keyof T]: Released<T[K]> }
      : T;

function transform(schema: z.ZodType): z.ZodType {
  const described = (s: z.ZodType) => (schema.description ? s.describe(schema.description) : s);
  if (schema instanceof z.ZodNumber) return described(ReleasedNumber);
  if (schema instanceof z.ZodNullable) {
    const inner = schema.unwrap() as z.ZodType;
    return described(inner instanceof z.ZodNumber ? ReleasedNumber : transform(inner).nullable());
  }
  if (schema instanceof z.ZodOptional)
    return described(transform(schema.unwrap() as z.ZodType).optional());
  if (schema instanceof z.ZodDefault) return transform(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape = Object.entries(schema.shape as Record<string, z.ZodType>);
    return described(z.object(Object.fromEntries(shape.map(([k, v]) => [k, transform(v)]))));
  }
  if (schema instanceof z.ZodRecord)
    return described(
      z.record(schema.keyType as z.ZodString, transform(schema.valueType as z.ZodType)),
    );
  if (schema instanceof z.ZodArray)
    return described(z.array(transform(schema.element as z.ZodType)));
  return schema;
}

/** The schema of a value once every number in it is a released number. */
export function released<T extends z.ZodType>(schema: T): z.ZodType<Released<z.output<T>>> {
  return transform(schema) as z.ZodType<Released<z.output<T>>>;
}

export interface Rounding {
  /** Decimal places of means (1: one decimal place). */
  meanDigits: number;
  /** Decimal places of shares and indices (2: whole percent). */
  shareDigits: number;
}

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** A scope's content in the released form: withheld numbers null and marked, the rest rounded. */
export function releasedForm(
  schema: z.ZodType,
  value: unknown,
  frame: Frame,
  withheld: ReadonlyMap<string, unknown>,
  rounding: Rounding,
): unknown {
  const isWithheld = (id: string | null) => id !== null && withheld.has(id);
  const visit = (leaf: Leaf): ReleasedNumber => {
    if (isWithheld(idOf(leaf)) || isWithheld(leaf.cellN)) return { value: null, suppressed: true };
    if (leaf.value === null || leaf.value === undefined) return { value: null };
    const kind = kindOf(leaf);
    if (kind === 'mean') return { value: round(leaf.value, rounding.meanDigits) };
    if (kind === 'share') return { value: round(leaf.value, rounding.shareDigits) };
    return { value: leaf.value };
  };
  return mapLeaves(schema, value, frame, visit, isWithheld);
}
