// Finds residents, groups and communities by id or by exact name (trimmed, case-insensitive)
// among those already in the project and those earlier in the same upload.

export interface Named {
  id: string;
  name: string | null;
}

export const nameKey = (name: string) => name.trim().toLowerCase();

export type Found<T> = { found: T } | { error: string };

export class Directory<T extends Named> {
  private readonly byId = new Map<string, T>();
  private readonly byName = new Map<string, T[]>();

  constructor(
    private readonly kind: string,
    items: T[],
  ) {
    for (const item of items) this.add(item);
  }

  add(item: T): void {
    this.byId.set(item.id, item);
    if (!item.name) return;
    const key = nameKey(item.name);
    this.byName.set(key, [...(this.byName.get(key) ?? []), item]);
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
    if (matches.length === 0)
      return {
        error: `unknown ${this.kind} "${cell}": no ${this.kind} in the project or this upload has that id or name`,
      };
    const ids = matches
      .slice(0, 5)
      .map((m) => m.id)
      .join(', ');
    return {
      error: `ambiguous ${this.kind} "${cell}": ${matches.length} ${this.kind}s have that name (${ids}); write the id instead`,
    };
  }
}
