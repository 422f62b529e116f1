// Finds residents, groups and communities by id or by exact name (trimmed, case-insensitive)
// among those already in the project and those earlier in the same upload. A miss says why: the
// row that would have made the record had an error, or a near name was meant ("Did you mean Émilie?").
import { distance } from 'fastest-levenshtein';

export interface Named {
  id: string;
  name: string | null;
}

export const nameKey = (name: string) => name.trim().toLowerCase();

/** A name as people misspell it: case, accents and spaces ignored ("É milie" is "emilie"). */
export const nameFold = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, '');

/** Names at most this many edits apart (after folding) are offered as "did you mean". */
const NEAR = 2;
/** At most this many names are offered. */
const OFFERED = 3;

export type Found<T> = { found: T } | { error: string };

export class Directory<T extends Named> {
  private readonly byId = new Map<string, T>();
  private readonly byName = new Map<string, T[]>();
  /** Ids and names of rows of this upload that had an error, with where they are ("residents.csv row 3"). */
  private readonly failedRows = new Map<string, string>();
  private readonly suggestions = new Map<string, string[]>();
  /** Every name folded once, for the near-name search (made when first needed). */
  private folded: { name: string; folded: string; failed?: string }[] | null = null;
  private readonly failedNames: { name: string; failed: string }[] = [];

  constructor(
    private readonly kind: string,
    items: T[],
  ) {
    for (const item of items) this.add(item);
  }

  add(item: T): void {
    this.byId.set(item.id, item);
    this.suggestions.clear();
    this.folded = null;
    if (!item.name) return;
    const key = nameKey(item.name);
    this.byName.set(key, [...(this.byName.get(key) ?? []), item]);
  }

  /** A row meant to make this record had an error: rows naming it say so instead of "unknown". */
  addFailed(id: string | undefined, name: string, where: string): void {
    for (const key of [id, nameKey(name)])
      if (key !== undefined && !this.failedRows.has(key)) this.failedRows.set(key, where);
    this.failedNames.push({ name: name.trim(), failed: where });
    this.folded = null;
  }

  byIdOnly(id: string): T | undefined {
    return this.byId.get(id);
  }

  named(name: string): T[] {
    return this.byName.get(nameKey(name)) ?? [];
  }

  /** An id wins over a name; a name must belong to exactly one record. */
  find(cell: string): Found<T> {
    const byId = this.byId.get(cell);
    if (byId) return { found: byId };
    const matches = this.named(cell);
    if (matches.length === 1) return { found: matches[0] };
    if (matches.length > 1) {
      const ids = matches
        .slice(0, 5)
        .map((m) => m.id)
        .join(', ');
      return {
        error: `ambiguous ${this.kind} "${cell}": ${matches.length} ${this.kind}s have that name (${ids}); write the id instead`,
      };
    }
    const failed = this.failedRows.get(cell) ?? this.failedRows.get(nameKey(cell));
    if (failed) return { error: `depends on ${failed}, which has an error; fix that row first` };
    const near = this.near(cell);
    const meant = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : '';
    return {
      error: `unknown ${this.kind} "${cell}": no ${this.kind} in the project or this upload has that id or name.${meant}`,
    };
  }

  /** The names nearest to a cell that matched nothing, closest first (case, accents and spaces ignored). */
  private near(cell: string): string[] {
    const folded = nameFold(cell);
    const known = this.suggestions.get(folded);
    if (known) return known;
    this.folded ??= [
      ...[...this.byName.values()].map(([item]) => ({ name: item.name! })),
      ...this.failedNames,
    ].map((candidate) => ({ ...candidate, folded: nameFold(candidate.name) }));
    const candidates: { name: string; edits: number }[] = [];
    for (const { name, folded: other, failed } of this.folded) {
      if (Math.abs(other.length - folded.length) > NEAR) continue;
      const edits = distance(folded, other);
      const offered = failed ? `${name} (${failed}, which has an error)` : name;
      if (edits <= NEAR) candidates.push({ name: offered, edits });
    }
    const names = candidates
      .sort((a, b) => a.edits - b.edits || a.name.localeCompare(b.name))
      .slice(0, OFFERED)
      .map((c) => c.name);
    this.suggestions.set(folded, names);
    return names;
  }
}
