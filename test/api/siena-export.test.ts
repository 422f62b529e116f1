// The research export: the network's waves as RSiena and statnet take them, checked cell by cell
// on a five-resident programme worked by hand, and read by R itself: analysis.R, run with Debian's
// r-cran-network and r-cran-sna, prints each wave's density, which must equal /metrics then.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import type { NewResident } from '../../server/contract.ts';
import { measure, tie, untie } from '../helpers/events.ts';
import { issueKey } from '../helpers/keys.ts';
import { auth, communities, projectWith, testApp } from '../helpers/server.ts';

let app: FastifyInstance;
let p: string;
const api = (project: string) => `/api/v1/projects/${project}`;
const T1 = '2025-02-01T00:00:00.000Z';
const T2 = '2025-04-01T00:00:00.000Z';
const T3 = '2025-06-01T00:00:00.000Z';

const resident = (
  id: string,
  joinedAt: string,
  communityId: string,
  participant = false,
): NewResident => ({
  id,
  name: id.toUpperCase(),
  communityId,
  participant,
  joinedAt,
  consent: 'given',
});

t.before(async () => {
  app = await testApp(t);
  ({ p } = await projectWith(app, 'siena', {
    communities: communities('north', 'south'),
    residents: [
      resident('a', '2025-01-01T00:00:00Z', 'north', true),
      resident('b', '2025-01-01T00:00:00Z', 'north'),
      resident('c', '2025-01-01T00:00:00Z', 'north'),
      resident('d', '2025-03-15T00:00:00Z', 'north', true),
      resident('e', '2025-05-01T00:00:00Z', 'south'),
    ],
    events: [
      tie('t1', 'a', 'b', '2025-01-10T00:00:00Z'),
      tie('t2', 'b', 'c', '2025-01-20T00:00:00Z'),
      measure('m1', 'a', '2025-01-15T00:00:00Z', 40, { instrument: 'wemwbs', wave: 'baseline' }),
      untie('t3', 'b', 'c', '2025-03-01T00:00:00Z'),
      tie('t4', 'a', 'd', '2025-03-20T00:00:00Z'),
      measure('m2', 'd', '2025-03-20T00:00:00Z', 50, { instrument: 'wemwbs', wave: 'baseline' }),
      tie('t5', 'c', 'e', '2025-05-10T00:00:00Z'),
      tie('t6', 'd', 'c', '2025-05-15T00:00:00Z'),
      measure('m3', 'a', '2025-05-20T00:00:00Z', 45, { instrument: 'wemwbs', wave: 'followup' }),
    ],
  }));
});

async function exported(query: string, headers = auth) {
  const response = await app.inject({ url: `${api(p)}/export/siena.zip?${query}`, headers });
  t.equal(response.statusCode, 200, response.body.slice(0, 300));
  t.equal(response.headers['content-type'], 'application/zip');
  const files = unzipSync(new Uint8Array(response.rawPayload));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

const lines = (text: string) => text.trimEnd().split('\r\n');

/** Runs analysis.R in a folder holding the export; its lines `wave k: n residents, m ties, density x`. */
function runR(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'peoplemap-siena-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const run = spawnSync('Rscript', ['analysis.R'], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`Rscript: ${run.status} ${run.stderr}`);
    return [
      ...run.stdout.matchAll(/^wave (\d+): (\d+) residents, (\d+) ties, density (\S+)$/gm),
    ].map((m) => ({ residents: Number(m[2]), ties: Number(m[3]), density: Number(m[4]) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function metricsAt(at: string) {
  const response = await app.inject({ url: `${api(p)}/metrics?at=${at}`, headers: auth });
  return response.json().graph as { nodeCount: number; edgeCount: number; density: number };
}

t.test(
  'each wave is the adjacency matrix at its moment, 10 where a resident had not joined',
  async (t) => {
    const files = await exported(`moments=${T1},${T2},${T3}`);
    t.same(Object.keys(files).sort(), [
      'README.txt',
      'analysis.R',
      'composition.csv',
      'residents.csv',
      'scores-wemwbs.csv',
      'wave-1.csv',
      'wave-2.csv',
      'wave-3.csv',
    ]);
    // 1 Feb: a, b, c; ties a–b and b–c. d (15 March) and e (1 May) have not joined.
    t.same(lines(files['wave-1.csv']), [
      'id,a,b,c,d,e',
      'a,0,1,0,10,10',
      'b,1,0,1,10,10',
      'c,0,1,0,10,10',
      'd,10,10,10,10,10',
      'e,10,10,10,10,10',
    ]);
    // 1 April: b–c ended on 1 March; a–d formed on 20 March.
    t.same(lines(files['wave-2.csv']), [
      'id,a,b,c,d,e',
      'a,0,1,0,1,10',
      'b,1,0,0,0,10',
      'c,0,0,0,0,10',
      'd,1,0,0,0,10',
      'e,10,10,10,10,10',
    ]);
    // 1 June: c–e and d–c added.
    t.same(lines(files['wave-3.csv']), [
      'id,a,b,c,d,e',
      'a,0,1,0,1,0',
      'b,1,0,0,0,0',
      'c,0,0,0,1,1',
      'd,1,0,1,0,0',
      'e,0,0,1,0,0',
    ]);
  },
);

t.test('covariates, scores and joining moments are in RSiena’s terms', async (t) => {
  const files = await exported(`moments=${T1},${T2},${T3}`);
  t.same(lines(files['residents.csv']), [
    'id,community,participant',
    'a,north,1',
    'b,north,0',
    'c,north,0',
    'd,north,1',
    'e,south,0',
  ]);
  // a: 40 from 15 January, 45 from 20 May; d: 50 from 20 March. The instrument by its id.
  t.same(lines(files['scores-wemwbs.csv']), [
    'id,wave-1,wave-2,wave-3',
    'a,40,40,45',
    'b,NA,NA,NA',
    'c,NA,NA,NA',
    'd,NA,50,50',
    'e,NA,NA,NA',
  ]);
  // d joined 42 of the 59 days from wave 1 to wave 2; e 30 of the 61 days from wave 2 to wave 3.
  const rows = lines(files['composition.csv']).map((l) => l.split(','));
  t.same(rows[0], ['id', 'joinedAt', 'from', 'to']);
  t.same(
    rows.slice(1, 4).map((r) => [r[0], r[2], r[3]]),
    [
      ['a', '1', '3'],
      ['b', '1', '3'],
      ['c', '1', '3'],
    ],
  );
  t.equal(rows[4][1], '2025-03-15T00:00:00.000Z');
  t.ok(Math.abs(Number(rows[4][2]) - (1 + 42 / 59)) < 1e-12, `d from ${rows[4][2]}`);
  t.ok(Math.abs(Number(rows[5][2]) - (2 + 30 / 61)) < 1e-12, `e from ${rows[5][2]}`);
  t.match(files['README.txt'], `wave 2: ${T2}`);
});

t.test('analysis.R reads the waves with network and sna: densities equal /metrics', async (t) => {
  const files = await exported(`moments=${T1},${T2},${T3}`);
  const waves = runR(files);
  // By hand: 2 ties among 3 (2·2/(3·2)), 2 among 4 (4/12), 4 among 5 (8/20).
  t.same(
    waves.map((w) => [w.residents, w.ties]),
    [
      [3, 2],
      [4, 2],
      [5, 4],
    ],
  );
  const byHand = [2 / 3, 1 / 3, 2 / 5];
  for (const [i, at] of [T1, T2, T3].entries()) {
    const metrics = await metricsAt(at);
    t.ok(
      Math.abs(waves[i].density - metrics.density) < 1e-12,
      `wave ${i + 1}: R ${waves[i].density}, /metrics ${metrics.density}`,
    );
    t.ok(Math.abs(metrics.density - byHand[i]) < 1e-12);
  }
});

t.test('waves= takes the measurement waves, each at its last measure', async (t) => {
  // baseline ends 20 March (d's score; a–d formed then); followup ends 20 May.
  const files = await exported('waves=baseline,followup');
  t.match(files['README.txt'], 'wave 1: 2025-03-20T00:00:00.000Z');
  t.match(files['README.txt'], 'wave 2: 2025-05-20T00:00:00.000Z');
  const waves = runR(files);
  const metrics = await Promise.all(
    ['2025-03-20T00:00:00Z', '2025-05-20T00:00:00Z'].map(metricsAt),
  );
  t.same(
    waves.map((w) => [w.residents, w.ties]),
    metrics.map((m) => [m.nodeCount, m.edgeCount]),
  );
  for (const [i, m] of metrics.entries()) t.ok(Math.abs(waves[i].density - m.density) < 1e-12);
});

t.test('a community’s export keeps its residents and the ties among them', async (t) => {
  const files = await exported(`moments=${T2},${T3}&community=north`);
  t.same(lines(files['wave-2.csv']), [
    'id,a,b,c,d',
    'a,0,1,0,1',
    'b,1,0,0,0',
    'c,0,0,0,1',
    'd,1,0,1,0',
  ]);
});

t.test('a partner’s export (the network grant) has pseudonyms and no one’s scores', async (t) => {
  const partner = await issueKey(app, 'partner', [p], { network: true });
  const files = await exported(`moments=${T1},${T3}`, partner.headers);
  t.notOk('scores-wemwbs.csv' in files, 'no individual scores');
  t.match(files['README.txt'], "No scores: this key may not see anyone's individual score.");
  const ids = lines(files['residents.csv'])
    .slice(1)
    .map((l) => l.split(',')[0]);
  t.equal(ids.length, 5);
  t.ok(
    ids.every((id) => /^p_[0-9a-f]{20}$/.test(id)),
    ids.join(' '),
  );
  t.same(ids, [...ids].sort(), 'sorted by pseudonym');
  t.notMatch(JSON.stringify(files), /"a,|\bA\b/);
});

t.test(
  'moments that are too few, out of order or unknown are refused naming the field',
  async (t) => {
    const refused = async (query: string, path: string) => {
      const response = await app.inject({
        url: `${api(p)}/export/siena.zip?${query}`,
        headers: auth,
      });
      t.equal(response.statusCode, 400, query);
      t.same(
        response.json().details.map((d: { path: string }) => d.path),
        [path],
      );
      return response.json().details[0].message as string;
    };
    await refused(`moments=${T1}`, 'moments');
    await refused(`moments=${T2},${T1}`, 'moments');
    await refused(`moments=${T1},yesterday`, 'moments');
    t.equal(
      await refused('waves=baseline,midpoint', 'waves'),
      'unknown wave "midpoint"; the waves are baseline, followup',
    );
    await refused('', 'moments');
  },
);

t.test('the export is in the audit log', async (t) => {
  const audit = await app.inject({ url: `/api/v1/audit?project=${p}`, headers: auth });
  t.ok(
    audit
      .json()
      .entries.some(
        (e: { action: string; status: number }) =>
          e.action === 'GET /api/v1/projects/:p/export/siena.zip' && e.status === 200,
      ),
  );
});
