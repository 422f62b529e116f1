// Printable A4 workshop sheets for rooms without tablets: the consent script, a roster of the
// community's residents with a tick grid for ties, and blank rows for every import sheet with its
// columns in the import's order, so the paper can be typed in and imported as it is.
// pdfkit writes the PDF in-process (no browser on the server); DejaVu Sans is embedded so any
// Latin, Greek or Cyrillic name prints as written.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { SHEET_NAMES } from '../domain-names.ts';
import { SHEETS } from '../import/sheets.ts';

const FONTS = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const MARGIN = 40;
const ROW = 22;
const BLANK_ROWS = 20;
const GREY = '#555555';

export interface RosterEntry {
  id: string;
  name: string;
  /** Not asked yet: the facilitator asks before recording this person's ties. */
  askConsent: boolean;
}

export interface SheetsInput {
  project: string;
  community: { id: string; name: string } | null;
  /** The residents to tick, by name; null when the caller's role may not print names. */
  roster: RosterEntry[] | null;
  instruments: { id: string; name: string; min: number | null; max: number | null }[];
  groupKinds: { kind: string; description: string }[];
  /** The measurement waves the programme plans (none: the wave is left to the facilitator). */
  waves: string[];
  consentText: string | null;
  printedAt: string;
}

/** How wide a column is, relative to the others: names get room to write. */
const WIDTH: Record<string, number> = { name: 3, from: 2, to: 2, resident: 2.2, group: 2 };

/** What to write in a column, in words, under its heading. */
const HINTS: Record<string, string> = {
  id: 'leave blank',
  participant: 'yes / no',
  consent: 'given / pending',
  joinedAt: 'date',
  at: 'date',
  until: 'date left',
  strength: '1, 2 or 3',
  source: 'workshop',
  score: 'number',
};

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, title: string, lines: string[]): void {
  doc.font('bold').fontSize(15).fillColor('black').text(title);
  doc.moveDown(0.3).font('body').fontSize(9).fillColor(GREY);
  for (const line of lines) doc.text(line);
  doc.fillColor('black').moveDown(0.6);
}

/** A ruled table: the header row repeats on each page; `cells` fills a row (blank rows: none). */
function grid(
  doc: Doc,
  columns: { title: string; hint?: string; weight: number }[],
  rows: number,
  cells: (row: number, column: number) => string = () => '',
): void {
  const width = doc.page.width - 2 * MARGIN;
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => (width * c.weight) / total);
  const header = () => {
    let x = MARGIN;
    const y = doc.y;
    columns.forEach((c, i) => {
      doc.rect(x, y, widths[i], ROW * 1.4).fillAndStroke('#eeeeee', 'black');
      doc
        .fillColor('black')
        .font('bold')
        .fontSize(9)
        .text(c.title, x + 3, y + 3, {
          width: widths[i] - 6,
          lineBreak: false,
        });
      if (c.hint)
        doc
          .font('body')
          .fontSize(7)
          .fillColor(GREY)
          .text(c.hint, x + 3, y + 15, {
            width: widths[i] - 6,
            lineBreak: false,
          });
      x += widths[i];
    });
    doc.y = y + ROW * 1.4;
  };
  header();
  for (let r = 0; r < rows; r += 1) {
    if (doc.y + ROW > doc.page.height - MARGIN) {
      doc.addPage();
      header();
    }
    let x = MARGIN;
    const y = doc.y;
    columns.forEach((_c, i) => {
      doc.rect(x, y, widths[i], ROW).stroke('black');
      const text = cells(r, i);
      if (text)
        doc
          .fillColor('black')
          .font('body')
          .fontSize(9)
          .text(text, x + 3, y + 6, {
            width: widths[i] - 6,
            lineBreak: false,
            ellipsis: true,
          });
      x += widths[i];
    });
    doc.y = y + ROW;
  }
  doc.x = MARGIN;
}

/** The import sheet's own columns, headed by their names as the import reads them. */
const sheetColumns = (sheet: (typeof SHEET_NAMES)[number]) =>
  SHEETS[sheet].columns.map((c) => ({ title: c, hint: HINTS[c], weight: WIDTH[c] ?? 1.2 }));

function cover(doc: Doc, input: SheetsInput): void {
  const where = input.community ? ` — ${input.community.name}` : '';
  heading(doc, `Workshop sheets: ${input.project}${where}`, [
    `Printed ${input.printedAt}.`,
    input.roster
      ? 'These sheets list residents by name: keep them safe, and shred them once they are typed in.'
      : 'Names are printed for coordinators only: the roster below is blank.',
  ]);
  doc.font('bold').fontSize(11).text('How to use them');
  doc.font('body').fontSize(10);
  for (const line of [
    'Read the consent script before anyone gives a name; record only people who agree.',
    'ties: each person fills in one roster, ticking how well they know each person listed.',
    'The other sheets have blank rows for new residents, groups, memberships, attendance and measures.',
    'Each column is headed as the import reads it: type the sheets up with the same headings, save each as CSV and import them in Capture (docs/guide.md).',
  ])
    doc.text(`•  ${line}`, { indent: 8 });
  if (input.consentText) {
    doc.moveDown().font('bold').fontSize(11).text('The consent script (read aloud)');
    doc.font('body').fontSize(10).text(input.consentText, { paragraphGap: 4 });
  }
}

function roster(doc: Doc, input: SheetsInput): void {
  doc.addPage();
  heading(doc, 'ties — who knows whom', [
    'from (your name): ______________________________   at (date): ______________   source: workshop',
    'Tick one box for each person you know: 1 we say hello, 2 we talk, 3 I would ask them for help.',
    'kind, if it helps: knows, friend, support, collaborate.',
  ]);
  const people = input.roster ?? [];
  const strength = (n: number) => ({ title: `strength ${n}`, hint: 'tick', weight: 1.3 });
  grid(
    doc,
    [
      { title: 'to', hint: 'name (id)', weight: 3.5 },
      { title: 'kind', hint: 'optional', weight: 1.5 },
      strength(1),
      strength(2),
      strength(3),
    ],
    Math.max(people.length, BLANK_ROWS),
    (row, column) => {
      const person = people[row];
      if (!person) return '';
      if (column === 0)
        return `${person.name}  (${person.id})${person.askConsent ? ' — ask consent' : ''}`;
      return column >= 2 ? '☐' : '';
    },
  );
}

/** The group kinds, one a line with their words, or on one line when they have none. */
const kindLines = (kinds: SheetsInput['groupKinds']) =>
  kinds.every((k) => k.description)
    ? kinds.map((k) => `${k.kind}: ${k.description}`)
    : [kinds.map((k) => k.kind).join(', ')];

function blankSheet(doc: Doc, input: SheetsInput, sheet: (typeof SHEET_NAMES)[number]): void {
  doc.addPage();
  const notes: Record<(typeof SHEET_NAMES)[number], string[]> = {
    residents: [
      'New residents: one row each. consent must be given before anything else is recorded.',
    ],
    groups: [
      'Groups, places and activities not yet recorded. kind is one of:',
      ...kindLines(input.groupKinds),
    ],
    ties: [
      'Ties between people not on the roster: from names to; at is the date (until: the day it ended).',
    ],
    memberships: ['Who belongs to which group, from at (and until, when they left).'],
    attendance: ['Who came to an activity, and when.'],
    leaving: ['Who moved away, from at (and until, the day they came back).'],
    participation: ['Who took part in the programme, from at (and until, when they stopped).'],
    measures: [
      'Questionnaire scores. instrument is one of (write the first word):',
      ...input.instruments.map(
        (i) => `${i.id} — ${i.name}${i.min !== null ? ` (${i.min}–${i.max})` : ''}`,
      ),
      ...(input.waves.length > 0 ? [`wave is one of: ${input.waves.join(', ')}.`] : []),
    ],
  };
  heading(doc, `${sheet}.csv`, notes[sheet]);
  const columns = sheetColumns(sheet);
  const community = columns.findIndex((c) => c.title === 'community');
  grid(doc, columns, BLANK_ROWS, (_row, column) =>
    column === community && input.community ? input.community.id : '',
  );
}

/** The workshop sheets as one A4 PDF. */
export function workshopSheets(input: SheetsInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Workshop sheets: ${input.project}`, Creator: 'peoplemap' },
  });
  doc.registerFont('body', join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(FONTS, 'DejaVuSans-Bold.ttf'));
  doc.lineWidth(0.5);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  cover(doc, input);
  roster(doc, input);
  for (const sheet of SHEET_NAMES) blankSheet(doc, input, sheet);
  doc.end();
  return done;
}
