// A tie's kind as the project spells it: "Knows", "knows" and " KNOWS " are one kind, stored the
// way the project already writes it most, or, for a kind new to the project, as the upload first
// wrote it. Capture's tie form reads kinds the same way.

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

export class Spellings {
  private readonly byKey = new Map<string, string>();

  /** `stored`: the project's spellings, most used first. */
  constructor(stored: readonly string[]) {
    for (const spelling of stored) this.spell(spelling);
  }

  /** The spelling already met for this kind, if any. */
  known(text: string): string | undefined {
    return this.byKey.get(key(text));
  }

  /** The one spelling of this kind (the first met wins). */
  spell(text: string): string {
    const known = this.known(text);
    if (known !== undefined) return known;
    this.byKey.set(key(text), text.trim());
    return text.trim();
  }
}
