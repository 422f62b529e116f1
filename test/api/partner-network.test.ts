// A partner key with the network grant reads the network de-identified (docs/privacy.md): at month
// ends, every resident in a class of at least k on (community, participant, join month, kinds of
// their groups), groups by pseudonym, every list in the order of its pseudonyms, and each answer
// saying `privacy: {k, generalised}`. k = 3 here; the classes are counted by hand below.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { NOTE_K3, RESIDENTS, seedPartnerClasses } from '../helpers/partner-classes.ts';
import { auth, createProject, testApp, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('partner-network');
const api = `/api/v1/projects/${p}`;

let app: FastifyInstance;
let partner: TestKey;
let other: TestKey;

t.before(async () => {
  app = await testApp(t, { PRIVACY_MIN_COUNT: 3 });
  await createProject(app, p);
  await seedPartnerClasses(app, api);
  partner = await issueKey(app, 'partner', [p], { network: true });
  other = await issueKey(app, 'partner', [p], { network: true });
});

const json = async (url: string, key: TestKey) => {
  const response = await app.inject({ url, headers: key.headers });
  if (response.statusCode !== 200)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json();
};

interface HistoryResident {
  id: string;
  communityId: string | null;
  participant: boolean | null;
  joinedAt: string;
}

/** Residents per combination of the quasi-identifiers, as a partner's history shows them. */
function classSizes(history: {
  residents: HistoryResident[];
  groups: { id: string; kind: string }[];
  memberships: { resident: string; group: string }[];
}): number[] {
  const kind = new Map(history.groups.map((g) => [g.id, g.kind]));
  const sizes = new Map<string, number>();
  for (const r of history.residents) {
    const kinds = history.memberships
      .filter((m) => m.resident === r.id)
      .map((m) => kind.get(m.group))
      .sort();
    const key = JSON.stringify([r.communityId, r.participant, r.joinedAt, kinds]);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return [...sizes.values()].sort();
}

t.test(
  'before: every resident is unique on community, participant, joinedAt and groups',
  async (t) => {
    const keys = RESIDENTS.map(([, c, part, joined, group]) =>
      JSON.stringify([c, part, joined, group]),
    );
    t.equal(new Set(keys).size, 10, 'ten residents, ten combinations');
  },
);

t.test('after: no resident a partner reads is in a class of fewer than k = 3', async (t) => {
  const history = await json(`${api}/history`, partner);
  const sizes = classSizes(history);
  // a1–a4 (north, January), b1–b3 (north, February), and c1–c3 with everything withheld
  t.same(sizes, [3, 3, 4]);
  const c = history.residents.filter((r: HistoryResident) => r.communityId === null);
  t.same(
    c.map((r: HistoryResident) => [r.participant, r.joinedAt]),
    Array(3).fill([null, '2025-01-01T00:00:00.000Z']),
    "community, participation and joining hidden; shown from the project's first month",
  );
  t.same(history.memberships, [], 'the memberships that singled out c1 and c2 are withheld');
  t.same(history.privacy, NOTE_K3);
});

t.test('a partner sees joining as a month, and a coordinator still the day', async (t) => {
  const history = await json(`${api}/history`, partner);
  const months = history.residents
    .filter((r: HistoryResident) => r.communityId === 'north')
    .map((r: HistoryResident) => r.joinedAt)
    .sort();
  t.same(months, [
    ...Array(4).fill('2025-01-01T00:00:00.000Z'),
    ...Array(3).fill('2025-02-01T00:00:00.000Z'),
  ]);
  const admin = await json(`${api}/history`, { id: 'admin', role: 'admin', headers: auth });
  t.equal(
    admin.residents.find((r: HistoryResident) => r.id === 'a2').joinedAt,
    '2025-01-10T10:00:00.000Z',
  );
});

t.test('groups are pseudonyms of their kind: no name a partner reads says church', async (t) => {
  for (const url of [`${api}/history`, `${api}/graph?at=2025-06-01T00:00:00Z&groups=true`]) {
    const body = JSON.stringify(await json(url, partner));
    for (const word of ['Church', 'Yoga', 'church', 'yoga']) t.notOk(body.includes(word), word);
  }
  const history = await json(`${api}/history`, partner);
  t.same(
    history.groups
      .map((g: { id: string; name: string; kind: string }) => [
        /^g_[0-9a-f]{20}$/.test(g.id),
        g.name === g.id,
        g.kind,
      ])
      .sort(),
    [
      [true, true, 'activity'],
      [true, true, 'space'],
    ],
  );
});

t.test('reads 1 ms apart are one read, at the month end before them', async (t) => {
  const a = await app.inject({
    url: `${api}/graph?at=2025-03-15T00:00:00.000Z`,
    headers: partner.headers,
  });
  const b = await app.inject({
    url: `${api}/graph?at=2025-03-15T00:00:00.001Z`,
    headers: partner.headers,
  });
  t.equal(a.body, b.body);
  const graph = a.json();
  t.equal(graph.attributes.at, '2025-02-28T23:59:59.999Z');
  // a1–a4, b1–b3 and c1–c3 (shown from the first month); ties a1–a2 and a3–b2 by February's end
  t.equal(graph.nodes.length, 10);
  t.equal(graph.edges.length, 2);
  t.same(graph.privacy.k, 3);
  const metrics = await json(`${api}/metrics?at=2025-03-15T00:00:00.001Z`, partner);
  t.equal(metrics.at, '2025-02-28T23:59:59.999Z');
  t.equal(metrics.graph.edgeCount, 2);
});

t.test(
  'a partner’s timeline is monthly, whatever interval is asked, and ranks no one',
  async (t) => {
    const timeline = await json(
      `${api}/timeline?interval=day&centralities=true&from=2025-01-01T00:00:00Z&to=2025-06-30T23:59:59.999Z`,
      partner,
    );
    t.equal(timeline.interval, 'month');
    t.same(
      timeline.points.map((pt: { at: string; edgeCount: number }) => [
        pt.at.slice(0, 10),
        pt.edgeCount,
      ]),
      [
        ['2025-01-31', 1],
        ['2025-02-28', 2],
        ['2025-03-31', 3],
        ['2025-04-30', 3],
        ['2025-05-31', 4],
        ['2025-06-30', 4],
      ],
    );
    t.notOk(JSON.stringify(timeline).includes('topBetweenness'));
    t.equal(timeline.privacy.k, 3);
  },
);

t.test('two keys’ lists and exports do not line up row by row', async (t) => {
  for (const key of [partner, other]) {
    const history = await json(`${api}/history`, key);
    const ids = history.residents.map((r: HistoryResident) => r.id);
    t.same(ids, [...ids].sort(), 'residents by pseudonym');
    const csv = (
      await app.inject({
        url: `${api}/export.csv?table=residents&at=2025-06-01T00:00:00Z`,
        headers: key.headers,
      })
    ).body;
    const rows = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    t.same(rows, [...rows].sort(), 'export rows by pseudonym');
  }
  const [mine, theirs] = await Promise.all([partner, other].map((k) => json(`${api}/history`, k)));
  // the same ten residents under other pseudonyms, so the two orders are not one
  t.equal(mine.residents.length, 10);
  t.notSame(
    mine.residents.map((r: HistoryResident) => r.id),
    theirs.residents.map((r: HistoryResident) => r.id),
  );
});
