// The sheets of what ends or changes: a ties row with `until` is a tie and its end, a leaving row
// a leave (and a return on `until`), a participation row a dated participation; a tie naming a
// resident on a day they were away is refused at its row and column, wherever the leaving row is.
import t from 'tap';
import type { Resident } from '../../server/contract.ts';
import { auth, countProject, joinedEarly, projectWith, testApp } from '../helpers/server.ts';
import { csv, upload } from '../helpers/upload.ts';

const app = await testApp(t);

const read = async <T>(url: string): Promise<T> =>
  (await app.inject({ method: 'GET', url, headers: auth })).json() as T;

t.test('a ties row with until is a tie from at that ends at until', async (t) => {
  const { p, api } = await projectWith(app, 'imp-until', { residents: joinedEarly('ann', 'bo') });
  const { status, report } = await upload(app, p, [
    csv('ties.csv', ['from,to,at,until', 'ann,bo,2025-03-01,2025-06-01']),
  ]);
  t.equal(status, 201, JSON.stringify(report.errors));
  t.same(report.created, { residents: 0, groups: 0, events: 2 });
  const edges = async (at: string) =>
    (await read<{ edges: unknown[] }>(`${api}/graph?at=${at}`)).edges.length;
  t.equal(await edges('2025-05-31T23:59:59Z'), 1);
  t.equal(await edges('2025-06-01T00:00:00Z'), 0, 'ended at the start of until (UTC)');
});

t.test('a ties row whose until is not after at is refused at until', async (t) => {
  const { p } = await projectWith(app, 'imp-until-bad', { residents: joinedEarly('ann', 'bo') });
  const before = await countProject(app, p);
  const { status, report } = await upload(app, p, [
    csv('ties.csv', ['from,to,at,ended', 'ann,bo,2025-03-01,2025-03-01']),
  ]);
  t.equal(status, 400);
  t.same(
    report.errors.map(({ file, row, column }) => ({ file, row, column })),
    [{ file: 'ties.csv', row: 2, column: 'ended' }],
  );
  t.same(await countProject(app, p), before);
});

t.test('leaving and participation rows record when residents left and took part', async (t) => {
  const { p, api } = await projectWith(app, 'imp-leaving', { residents: joinedEarly('ann', 'bo') });
  const { status, report } = await upload(app, p, [
    csv('leaving.csv', ['resident,at,until', 'bo,2025-04-01,2025-05-01']),
    csv('participation.csv', ['resident,at,until', 'ann,2025-02-01,', 'bo,2025-02-01,2025-03-01']),
  ]);
  t.equal(status, 201, JSON.stringify(report.errors));
  t.same(report.created, { residents: 0, groups: 0, events: 4 });
  const bo = await read<Resident>(`${api}/residents/bo`);
  t.same(bo.presence, [
    { from: '2025-01-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' },
    { from: '2025-05-01T00:00:00.000Z', to: null },
  ]);
  t.same(bo.participation, [{ from: '2025-02-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' }]);
  const ann = await read<Resident>(`${api}/residents/ann`);
  t.same(ann.participation, [{ from: '2025-02-01T00:00:00.000Z', to: null }]);
});

t.test(
  'a tie naming a resident while they were away is refused at its row, though the leaving sheet comes later',
  async (t) => {
    const { p } = await projectWith(app, 'imp-away', { residents: joinedEarly('ann', 'bo') });
    const before = await countProject(app, p);
    const { status, report } = await upload(app, p, [
      csv('ties.csv', ['from,to,at', 'ann,bo,2025-03-01', 'ann,bo,2025-04-15']),
      csv('leaving.csv', ['resident,at', 'bo,2025-04-01']),
    ]);
    t.equal(status, 400);
    t.same(
      report.errors.map(({ file, row, column }) => ({ file, row, column })),
      [{ file: 'ties.csv', row: 3, column: 'to' }],
    );
    t.match(report.errors[0].message, /left on 2025-04-01/);
    t.same(await countProject(app, p), before, 'nothing written');
  },
);

t.test('the leaving and participation templates have their columns', async (t) => {
  for (const [sheet, header] of [
    ['leaving', 'resident,at,until'],
    ['participation', 'resident,at,until'],
    ['ties', 'from,to,at,kind,strength,source,until'],
  ]) {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/import/templates/${sheet}.csv`,
      headers: auth,
    });
    t.equal(response.body.trim(), header, sheet);
  }
});
