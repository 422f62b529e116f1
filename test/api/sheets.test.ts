// The workshop sheets PDF, read back by pdftotext (poppler-utils): the roster lists the community's
// residents by name for a coordinator (never a withdrawn one, a pending one marked), a blank roster
// for an evaluator, and every import sheet's columns in the import's order; the project's consent
// text is printed; the download is audited.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { issueKey } from '../helpers/keys.ts';
import {
  auth,
  communities,
  createProject,
  postOk,
  testApp,
  uniqueProject,
} from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'peoplemap-sheets-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text as pdftotext lays it out (columns kept on their lines). */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Written here from docs/import.md's table, not from the code: each sheet's columns in order. */
const COLUMNS = {
  residents: 'id name community participant consent joinedAt',
  groups: 'id name kind community',
  ties: 'from to at kind strength source',
  memberships: 'resident group at until',
  attendance: 'resident group at',
  measures: 'resident instrument score at wave',
};

async function setUp(app: FastifyInstance) {
  const p = uniqueProject('sheets');
  await app.inject({
    method: 'POST',
    url: '/api/v1/projects',
    headers: auth,
    payload: { id: p, name: 'Sheets test', template: 'abcd-programme' },
  });
  const api = `/api/v1/projects/${p}`;
  await postOk(app, `${api}/communities`, { communities: communities('riverside', 'hilltop') });
  await postOk(app, `${api}/residents`, {
    residents: [
      { id: 'zoe', name: 'Zoë Ødegård', communityId: 'riverside', consent: 'given' },
      { id: 'olga', name: 'Ольга Łukasik', communityId: 'riverside', consent: 'given' },
      { id: 'amir', name: 'Amir Haddad', communityId: 'riverside', consent: 'pending' },
      { id: 'wanda', name: 'Wanda Withdrew', communityId: 'riverside', consent: 'withdrawn' },
      { id: 'hugh', name: 'Hugh Hilltop', communityId: 'hilltop', consent: 'given' },
    ],
  });
  return { p, api };
}

t.test('the workshop sheets', async (t) => {
  const app = await testApp(t);
  const { p, api } = await setUp(app);
  const coordinator = await issueKey(app, 'coordinator', [p]);
  const evaluator = await issueKey(app, 'evaluator', [p]);
  const sheets = async (headers: Record<string, string>, query: string, name: string) => {
    const response = await app.inject({ url: `${api}/sheets.pdf${query}`, headers });
    t.equal(response.statusCode, 200, response.body.slice(0, 200));
    t.equal(response.headers['content-type'], 'application/pdf');
    t.match(response.headers['content-disposition'], /attachment; filename=".*\.pdf"/);
    return pdfText(response.rawPayload, name);
  };
  const riverside = await sheets(coordinator.headers, '?community=riverside', 'riverside');

  t.test('a coordinator’s roster lists the community’s residents by name', async (t) => {
    for (const name of ['Zoë Ødegård', 'Ольга Łukasik', 'Amir Haddad'])
      t.match(riverside, name, `${name} is on the roster, spelt as recorded`);
    t.match(riverside, /Amir Haddad\s+\(amir\) — ask consent/, 'a pending resident is marked');
    t.notMatch(riverside, 'Wanda', 'a withdrawn resident is never printed');
    t.notMatch(riverside, 'Hugh Hilltop', 'another community’s resident is not listed');
    const order = ['Amir', 'Zoë', 'Ольга'].map((n) => riverside.indexOf(n));
    t.same(
      [...order].sort((a, b) => a - b),
      order,
      'the roster is in name order',
    );
  });

  t.test('every import sheet is there with its columns in the import’s order', async (t) => {
    for (const [sheet, columns] of Object.entries(COLUMNS)) {
      t.match(riverside, `${sheet}.csv`, `a ${sheet} sheet`);
      t.match(riverside, new RegExp(columns.split(' ').join('\\s+')), `${sheet}: ${columns}`);
    }
    t.match(riverside, /to\s+kind\s+strength 1\s+strength 2\s+strength 3/, 'the roster’s columns');
    t.match(riverside, /from \(your name\)/, 'the roster asks who fills it in');
  });

  t.test('the project’s consent text and instruments are printed', async (t) => {
    t.match(riverside, 'The consent script (read aloud)');
    t.match(riverside, /Do you agree to take part\?/);
    t.match(riverside, /temperature — Community temperature \(1–10\)/, 'the template’s instrument');
    t.match(riverside, /WEMWBS — Warwick-Edinburgh Mental Wellbeing Scale \(14–70\)/);
    t.match(riverside, /association: a club or society/, 'the template’s group kinds in words');
    t.match(riverside, 'wave is one of: baseline, follow-up.', 'the template’s waves');
  });

  t.test('without a community the roster lists every community’s residents', async (t) => {
    const all = await sheets(coordinator.headers, '', 'all');
    t.match(all, 'Hugh Hilltop');
    t.match(all, 'Zoë Ødegård');
  });

  t.test('an evaluator’s sheets have the columns but no names', async (t) => {
    const blank = await sheets(evaluator.headers, '?community=riverside', 'evaluator');
    for (const name of ['Zoë', 'Amir', 'Hugh', 'zoe ', '(amir)']) t.notMatch(blank, name);
    t.match(blank, 'Names are printed for coordinators only');
    t.match(blank, new RegExp(COLUMNS.measures.split(' ').join('\\s+')));
  });

  t.test('an unknown community is a 404 naming it', async (t) => {
    const response = await app.inject({
      url: `${api}/sheets.pdf?community=nowhere`,
      headers: auth,
    });
    t.equal(response.statusCode, 404);
    t.match(response.json().message, 'nowhere');
  });

  t.test('printing the sheets is in the audit log', async (t) => {
    const log = await app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth });
    const actions = (log.json().entries as { action: string; keyId: string }[]).filter(
      (e) => e.action === 'GET /api/v1/projects/:p/sheets.pdf',
    );
    t.ok(
      actions.some((e) => e.keyId === coordinator.id),
      'the coordinator’s download',
    );
    t.ok(
      actions.some((e) => e.keyId === evaluator.id),
      'the evaluator’s download',
    );
  });
});

t.test(
  'a project made without a template prints its sheets without a consent script',
  async (t) => {
    const app = await testApp(t);
    const p = uniqueProject('sheets-plain');
    await createProject(app, p);
    const response = await app.inject({ url: `/api/v1/projects/${p}/sheets.pdf`, headers: auth });
    t.equal(response.statusCode, 200);
    const text = pdfText(response.rawPayload, 'plain');
    t.notMatch(text, 'The consent script (read aloud)');
    t.match(
      text,
      'association, institution, space, business, informal, activity',
      'the kinds by name',
    );
    t.match(text, new RegExp(COLUMNS.groups.split(' ').join('\\s+')));
  },
);
