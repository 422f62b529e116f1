// The messy sheets of the usability test, through the import API: a resident row that fails makes
// the rows naming that person say so, messages name what is on screen, near names are offered,
// paper headers (Person, Date) are read and listed, an empty consent is counted, and a tie's kind
// is stored in one spelling whatever its case.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { auth, projectWith, testApp } from '../helpers/server.ts';
import { csv, upload } from '../helpers/upload.ts';

const app = await testApp(t);

/** Filled in on paper and typed up (fixtures/sheets/messy): the headers people write, a UK date,
 * two consents left empty, a name without its accent, a name nobody has, kinds in three cases. */
const messy = (name: string) =>
  readFileSync(new URL(`../../fixtures/sheets/messy/${name}`, import.meta.url), 'utf8')
    .trimEnd()
    .split('\n');
const RESIDENTS = messy('residents.csv');
const TIES = messy('ties.csv');

/** A project with communities North and South, and Olga and Oskar's tie stored as "Knows". */
async function project(): Promise<string> {
  const { p } = await projectWith(app, 'messy', {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
    residents: [
      { id: 'olga', name: 'Olga', joinedAt: '2025-01-01T00:00:00Z' },
      { id: 'oskar', name: 'Oskar', joinedAt: '2025-01-01T00:00:00Z' },
    ],
    events: [
      {
        id: 'e1',
        type: 'connection',
        at: '2025-01-02T00:00:00Z',
        from: 'olga',
        to: 'oskar',
        kind: 'Knows',
      },
    ],
  });
  return p;
}

const sheets = (ties = TIES) => [csv('residents.csv', RESIDENTS), csv('ties.csv', ties)];
const at = (file: string, row: number | null, column: string | null) => ({ file, row, column });

t.test('the first dry run of the messy sheets finds five errors, each saying why', async (t) => {
  const p = await project();
  const { status, report } = await upload(app, p, sheets(), 'dryRun=true');
  t.equal(status, 200);
  // By hand: Émilie's date (row 3); two ties naming Émilie, whose row failed; "Emilie"; "Zed".
  t.same(
    report.errors.map((e) => at(e.file, e.row, e.column)),
    [
      at('residents.csv', 3, 'Joined'),
      at('ties.csv', 2, 'Knows'),
      at('ties.csv', 3, 'Name'),
      at('ties.csv', 4, 'Knows'),
      at('ties.csv', 5, 'Knows'),
    ],
  );
  t.equal(report.errorCount, 5);
  const [date, named, naming, near, unknown] = report.errors.map((e) => e.message);
  t.match(date, /tick "Dates are day-first"/, 'the date message names the checkbox on screen');
  t.match(date, /write it as 2025-02-03/);
  for (const knockOn of [named, naming]) {
    t.match(knockOn, /^depends on residents\.csv row 3, which has an error/);
    t.notMatch(knockOn, /unknown resident/);
  }
  t.match(near, /Did you mean Émilie \(residents\.csv row 3, which has an error\)\?/);
  t.match(unknown, /^unknown resident "Zed"/);
  t.notMatch(unknown, /Did you mean/, 'no name is within two edits of Zed');
});

t.test('the dry run lists the paper headers it read as columns', async (t) => {
  const p = await project();
  const { report } = await upload(app, p, sheets(), 'dryRun=true');
  t.same(
    report.files.map((f) => [f.name, f.aliases]),
    [
      [
        'residents.csv',
        [
          { header: 'Person', column: 'name' },
          { header: 'Joined', column: 'joinedAt' },
        ],
      ],
      [
        'ties.csv',
        [
          { header: 'Name', column: 'from' },
          { header: 'Knows', column: 'to' },
          { header: 'Date', column: 'at' },
        ],
      ],
    ],
  );
});

t.test(
  'a sheet with both "at" and "Date" reads "at" and skips "Date" with a warning',
  async (t) => {
    const p = await project();
    const lines = ['from,to,at,Date', 'Olga,Oskar,2025-03-01,yesterday'];
    const { report } = await upload(app, p, [csv('ties.csv', lines)], 'dryRun=true');
    t.same(report.errors, []);
    t.same(report.files[0].aliases, []);
    t.same(
      report.warnings.map((w) => at(w.file, w.row, w.column)),
      [at('ties.csv', 1, 'Date')],
    );
  },
);

t.test('empty consents are one warning with their count and rows', async (t) => {
  const p = await project();
  const { report } = await upload(app, p, sheets(), 'dryRun=true');
  const consent = report.warnings.filter((w) => w.column === 'Consent');
  t.equal(consent.length, 1);
  t.same(
    at(consent[0].file, consent[0].row, consent[0].column),
    at('residents.csv', null, 'Consent'),
  );
  t.match(consent[0].message, /^2 residents have no consent \(rows 4, 5\)/);
  t.match(consent[0].message, /"pending"/);
});

t.test(
  'with day-first dates ticked, a near name is offered as "Did you mean Émilie?"',
  async (t) => {
    const p = await project();
    const { report } = await upload(app, p, sheets(), 'dryRun=true&dateFormat=dmy');
    t.same(
      report.errors.map((e) => [e.row, e.column, e.message]),
      [
        [
          4,
          'Knows',
          'unknown resident "Emilie": no resident in the project or this upload has that id or name. Did you mean Émilie?',
        ],
        [
          5,
          'Knows',
          'unknown resident "Zed": no resident in the project or this upload has that id or name.',
        ],
      ],
    );
  },
);

t.test('near names ignore case, accents and spaces, up to two edits', async (t) => {
  const p = await project();
  const tie = (name: string) => csv('ties.csv', ['from,to,at', `Olga,${name},2025-03-01`]);
  const offered = async (name: string) =>
    (await upload(app, p, [tie(name)], 'dryRun=true')).report.errors[0].message;
  t.match(await offered('O SKAR'), /Did you mean Oskar\?$/, 'spaces and case');
  t.match(await offered('Öskar'), /Did you mean Oskar\?$/, 'an accent');
  // Levenshtein distances by hand: oskra→oskar swaps r and a (two substitutions); askra adds a third.
  t.match(await offered('Oskra'), /Did you mean Oskar\?$/, 'two edits');
  t.notMatch(await offered('Askra'), /Did you mean/, 'three edits is too far');
});

t.test("kinds are stored in one spelling: the project's, else the sheet's first", async (t) => {
  const p = await project();
  const fixed = TIES.map((line) => line.replace('Emilie', 'Émilie').replace('Zed', 'Cy'));
  const { status, report } = await upload(app, p, sheets(fixed), 'dryRun=false&dateFormat=dmy');
  t.equal(status, 201, JSON.stringify(report.errors));
  const response = await app.inject({
    url: `/api/v1/projects/${p}/events?type=connection`,
    headers: auth,
  });
  const kinds = (response.json() as { events: { kind: string }[] }).events.map((e) => e.kind);
  // Olga–Oskar's "Knows", then the sheet's rows 2 to 6 in time order: knows and KNOWS take the
  // project's spelling, support takes the sheet's first (Support), friend is new and stays.
  t.same(kinds, ['Knows', 'Knows', 'Knows', 'Support', 'Support', 'friend']);
});
