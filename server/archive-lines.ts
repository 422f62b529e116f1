// The archive as JSON lines, for projects too big to hold whole: the same content as the JSON
// document (server/archive.ts), one item per line in a fixed order of kinds, so it is written as it
// is read from Neo4j and restored a step at a time. The last line carries the line count and a
// SHA-256 of every byte before it, so a file cut short or changed is refused.
import { createHash, type Hash } from 'node:crypto';
import { z } from 'zod';
import { Archive } from './archive.ts';
import { badRequest } from './errors.ts';

export const LINES_FORMAT = 'peoplemap-archive-lines';
export const LINES_VERSION = 1;

const item = <K extends keyof Archive>(key: K) =>
  (Archive.shape[key] as unknown as z.ZodArray<z.ZodTypeAny>).element;

/** The first line: what the document holds besides its lists and checksum. */
export const LinesHeader = z.object({
  format: z.literal(LINES_FORMAT),
  version: z.literal(LINES_VERSION),
  createdAt: z.string(),
  project: Archive.shape.project,
  tombstoneKey: Archive.shape.tombstoneKey,
  events: z.number().int().min(0).describe('how many event lines follow (for progress)'),
});
export type LinesHeader = z.infer<typeof LinesHeader>;

/** Each kind of item line, `{"<kind>": item}`, in the order the lines come in. */
export const LINE_KINDS = {
  community: item('communities'),
  instrument: item('instruments'),
  group: item('groups'),
  cost: item('costs'),
  tombstone: item('tombstones'),
  resident: item('residents'),
  key: item('keys'),
  event: item('events'),
  release: item('releases'),
} as const;
export type LineKind = keyof typeof LINE_KINDS;
const KIND_ORDER = Object.keys(LINE_KINDS) as LineKind[];

/** The last line: how many lines came before it and the SHA-256 (hex) of their bytes. */
export const LinesEnd = z.object({
  end: z.object({ lines: z.number().int(), checksum: z.string() }),
});

/** Writes lines and keeps the count and running hash for the end line. */
export class LinesWriter {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  line(value: unknown): string {
    const text = `${JSON.stringify(value)}\n`;
    this.hash.update(text);
    this.count += 1;
    return text;
  }

  end(): string {
    return `${JSON.stringify({ end: { lines: this.count, checksum: this.hash.digest('hex') } })}\n`;
  }
}

export type ParsedLine =
  { kind: 'header'; value: LinesHeader } | { kind: LineKind; value: unknown } | { kind: 'end' };

const refuse = (n: number, message: string, field = '') =>
  badRequest(`line ${n} of the archive: ${message}; nothing was kept`, [
    { path: `line.${n}${field ? `.${field}` : ''}`, message },
  ]);

/** Reads lines one at a time: checks each, its kind's place in the order, and the end line. */
export class LinesReader {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private kindAt = -1;
  private ended = false;

  /** `text` without its newline. */
  read(text: string): ParsedLine | null {
    const n = this.count + 1;
    if (text.trim() === '') return null;
    if (this.ended) throw refuse(n, 'a line after the end line');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw refuse(n, 'not JSON');
    }
    if (n === 1) return this.counted(text, { kind: 'header', value: parse(LinesHeader, value, n) });
    const end = LinesEnd.safeParse(value);
    if (end.success) {
      const checksum = this.hash.digest('hex');
      if (end.data.end.lines !== this.count || end.data.end.checksum !== checksum)
        throw badRequest('the archive’s checksum does not match its lines; nothing was kept', [
          { path: 'checksum', message: 'does not match: the archive was changed or cut short' },
        ]);
      this.ended = true;
      return { kind: 'end' };
    }
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    const kind = keys[0] as LineKind;
    if (keys.length !== 1 || !(kind in LINE_KINDS))
      throw refuse(n, `one of ${KIND_ORDER.join(', ')} or end expected`);
    const at = KIND_ORDER.indexOf(kind);
    if (at < this.kindAt) throw refuse(n, `${kind} after ${KIND_ORDER[this.kindAt]}`, kind);
    this.kindAt = at;
    const parsed = parse(LINE_KINDS[kind], (value as Record<string, unknown>)[kind], n, kind);
    return this.counted(text, { kind, value: parsed });
  }

  /** Throws unless the end line came (the file was cut short). */
  close(): void {
    if (!this.ended)
      throw badRequest('the archive ends before its end line; nothing was kept', [
        { path: 'checksum', message: 'no end line: the archive was cut short' },
      ]);
  }

  private counted(text: string, line: ParsedLine): ParsedLine {
    this.hash.update(`${text}\n`);
    this.count += 1;
    return line;
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, n: number, kind = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [kind, ...issue.path.map(String)].filter(Boolean).join('.');
  throw refuse(n, issue.message, field);
}
