// Sheet import beyond single CSV files: an XLSX workbook built here with exceljs, a JSON bundle,
// the templates, the size limits, and the time to import a 5,000-row ties sheet.
import t from 'tap';
import ExcelJS from 'exceljs';
import { auth, countProject, postOk, testApp, uniqueProject } from '../helpers/server.ts';
import { csv, upload } from '../helpers/upload.ts';

const app = await testApp(t);

const api = (p: string) => `/api/v1/projects/${p}`;

async function project(name: string): Promise<string> {
  const id = uniqueProject(name);
  await postOk(app, '/api/v1/projects', { id, name, timeZone: 'Europe/London' });
  return id;
}

t.test('an XLSX workbook with residents, groups and memberships sheets is imported', async (t) => {
  const p = await project('xlsx');
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Residents').addRows([
    ['Name', 'Participant'],
    ['Ann', 'yes'],
    ['Bo', 'no'],
  ]);
  book.addWorksheet('Groups').addRows([
    ['Name', 'Kind'],
    ['Garden', 'space'],
  ]);
  const memberships = book.addWorksheet('Memberships');
  // Excel dates carry no zone: a whole day is read in the project's zone (London, summer: UTC+1).
  memberships.addRows([
    ['Resident', 'Group', 'At'],
    ['Ann', 'Garden', new Date(Date.UTC(2025, 5, 1))],
  ]);
  book.addWorksheet('Notes').addRows([['anything']]);
  const data = Buffer.from(await book.xlsx.writeBuffer());
  const { status, report: body } = await upload(app, p, [
    { field: 'file', filename: 'workshop.xlsx', content: data },
  ]);
  t.equal(status, 201, JSON.stringify(body.errors));
  t.same(body.created, { residents: 2, groups: 1, events: 1 });
  // The residents sheet has no consent column: both residents would be pending, and that is said.
  t.same(
    body.warnings.map((w) => [w.file, w.column, w.message.split(':')[0]]),
    [
      ['workshop.xlsx', null, 'sheet "Notes" is not one the import reads; it was skipped'],
      ['workshop.xlsx (Residents)', 'consent', '2 residents have no consent (rows 2, 3)'],
    ],
  );
  const log = (await app.inject({ url: `${api(p)}/events`, headers: auth })).json();
  t.equal(log.events[0].at, '2025-05-31T23:00:00.000Z');
});

t.test('an error in a workbook names the workbook and its sheet', async (t) => {
  const p = await project('xlsx-bad');
  const book = new ExcelJS.Workbook();
  book.addWorksheet('ties').addRows([
    ['from', 'to', 'at'],
    ['Ann', 'Bo', '2025-03-01'],
  ]);
  const data = Buffer.from(await book.xlsx.writeBuffer());
  const { status, report: body } = await upload(app, p, [
    { field: 'file', filename: 'w.xlsx', content: data },
  ]);
  t.equal(status, 400);
  t.same(
    body.errors.map((e) => [e.file, e.row, e.column]),
    [
      ['w.xlsx (ties)', 2, 'from'],
      ['w.xlsx (ties)', 2, 'to'],
    ],
  );
  t.same(await countProject(app, p), { residents: 0, groups: 0, events: 0 });
});

t.test('a JSON bundle is imported and sending it again creates nothing', async (t) => {
  const p = await project('bundle');
  const bundle = {
    residents: [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
    ],
    groups: [{ id: 'g', name: 'G', kind: 'activity' }],
    events: [
      { id: 'e1', type: 'connection', at: '2025-03-01T10:00:00Z', from: 'a', to: 'b' },
      { id: 'e2', type: 'attendance', at: '2025-03-01T10:00:00Z', resident: 'a', group: 'g' },
    ],
  };
  const send = () =>
    app.inject({ method: 'POST', url: `${api(p)}/import`, headers: auth, payload: bundle });
  const first = await send();
  t.equal(first.statusCode, 201);
  t.same(first.json().created, { residents: 2, groups: 1, events: 2 });
  const second = (await send()).json();
  t.same(second.created, { residents: 0, groups: 0, events: 0 });
  t.same(second.unchanged, { residents: 2, groups: 1, events: 2 });
});

t.test('a JSON bundle naming an unknown resident is refused at its path', async (t) => {
  const p = await project('bundle-bad');
  const response = await app.inject({
    method: 'POST',
    url: `${api(p)}/import`,
    headers: auth,
    payload: {
      residents: [{ id: 'a', name: 'A' }],
      events: [{ id: 'e1', type: 'connection', at: '2025-03-01T10:00:00Z', from: 'a', to: 'z' }],
    },
  });
  t.equal(response.statusCode, 400);
  t.same(response.json().details, [
    { path: 'bundle:events.0.to', message: 'unknown resident "z"' },
  ]);
  t.same(await countProject(app, p), { residents: 0, groups: 0, events: 0 });
});

t.test('each template is an empty sheet with its headers', async (t) => {
  const response = await app.inject({ url: '/api/v1/import/templates/ties.csv', headers: auth });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^text\/csv/);
  t.equal(response.body, 'from,to,at,kind,strength,source,until\r\n');
  const unknown = await app.inject({ url: '/api/v1/import/templates/people.csv', headers: auth });
  t.equal(unknown.statusCode, 400);
});

t.test('an upload of more than 200,000 rows is refused with 413', async (t) => {
  const p = await project('rows');
  const lines = ['name', ...Array.from({ length: 200_001 }, (_, i) => `r${i}`)];
  const { status } = await upload(app, p, [csv('residents.csv', lines)], 'dryRun=true');
  t.equal(status, 413);
});

t.test('an upload of more than 20 MB is refused with 413', async (t) => {
  const p = await project('bytes');
  const big = 'name\r\n' + 'x'.repeat(21 * 1024 * 1024);
  const { status } = await upload(app, p, [
    { field: 'file', filename: 'residents.csv', content: big },
  ]);
  t.equal(status, 413);
});

t.test('a 5,000-row ties sheet imports in one go (timed)', async (t) => {
  const p = await project('ties-5000');
  const people = Array.from({ length: 500 }, (_, i) => `p${i}`);
  await postOk(app, `${api(p)}/residents`, {
    residents: people.map((id) => ({ id, name: `Person ${id}` })),
  });
  // Rows i = 0..4999: person i mod 500 names person (i*7+1) mod 500, on day 1 + i mod 28: all distinct.
  const lines = ['from,to,at,strength'];
  for (let i = 0; i < 5000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`Person p${i % 500},p${(i * 7 + 1) % 500},2025-02-${day},${1 + (i % 3)}`);
  }
  const started = performance.now();
  const { status, report: body } = await upload(app, p, [csv('ties.csv', lines)]);
  const ms = Math.round(performance.now() - started);
  t.comment(`5,000-row ties sheet: imported in ${ms} ms`);
  t.equal(status, 201, JSON.stringify(body.errors?.slice(0, 3)));
  t.same(body.created, { residents: 0, groups: 0, events: 5000 });
  t.same(await countProject(app, p), { residents: 500, groups: 0, events: 5000 });
});
