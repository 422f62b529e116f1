// A motivated intruder against releases: a partner key that reads every release of the project
// and tries each attack of issue 16 on them — two releases with moments 1 ms apart, one resident
// measured again between two releases, a resident withdrawing between two releases, "every
// community" minus the other community, a class minus
// its total. Each attack is the arithmetic an intruder would do on the published numbers, run on
// every pair of cells where it could apply; the test fails if any pair gives a result.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { measure, releaseProgramme } from '../helpers/release-programme.ts';
import { auth, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const K = 5;

interface Number {
  value: number | null;
  suppressed?: true;
}
interface ScoreCell {
  n: Number;
  mean: Number;
}
interface Scope {
  community: string | null;
  report: {
    wellbeing: Record<'baseline' | 'followup', Record<string, Record<string, ScoreCell>>>;
    connections: { withinPerson: Record<string, { n: Number; meanChange: Number }> };
    participantReach: Record<'baseline' | 'followup', Record<string, Number>>;
  };
}
interface Release {
  id: string;
  baseline: string;
  followup: string;
  scopes: Scope[];
}

let app: FastifyInstance;
let intruder: TestKey;

t.before(async () => {
  app = await buildApp(testConfig());
});
t.teardown(() => app?.close());

async function programme(name: string, options = {}) {
  const p = uniqueProject(name);
  await releaseProgramme(app, p, options);
  return p;
}

async function publishAndRead(p: string, baseline: string, followup: string): Promise<Release> {
  const published = await app.inject({
    method: 'POST',
    url: `/api/v1/projects/${p}/releases`,
    headers: auth,
    payload: { name: 'r', baseline, followup, interval: 'month' },
  });
  if (published.statusCode !== 201) throw new Error(published.body);
  intruder = await issueKey(app, 'partner', [p]);
  const read = await app.inject({
    url: `/api/v1/projects/${p}/releases/${published.json().id}`,
    headers: intruder.headers,
  });
  return read.json();
}

/** Every wellbeing cell a release shows: [scope, moment, instrument, class] → n and sum. */
function shownScores(release: Release) {
  const cells = new Map<string, { n: number; sum: number }>();
  for (const scope of release.scopes) {
    for (const moment of ['baseline', 'followup'] as const) {
      const at = release[moment];
      for (const [instrument, classes] of Object.entries(scope.report.wellbeing[moment])) {
        for (const [name, cell] of Object.entries(classes)) {
          if (cell.n.value === null || cell.mean.value === null) continue;
          const key = JSON.stringify([scope.community, at, instrument, name]);
          cells.set(key, { n: cell.n.value, sum: cell.n.value * cell.mean.value });
        }
      }
    }
  }
  return cells;
}

/**
 * The differencing attack: the same class of the same scope in two releases (at any moments),
 * both shown, 1 to k−1 residents apart: their sums differ by those few residents' scores.
 */
function differencing(a: Release, b: Release): string[] {
  const found: string[] = [];
  const left = [...shownScores(a)].map(([key, cell]) => ({ key: JSON.parse(key), ...cell }));
  const right = [...shownScores(b)].map(([key, cell]) => ({ key: JSON.parse(key), ...cell }));
  for (const x of left)
    for (const y of right) {
      const same = x.key[0] === y.key[0] && x.key[2] === y.key[2] && x.key[3] === y.key[3];
      const apart = Math.abs(x.n - y.n);
      if (same && apart >= 1 && apart < K)
        found.push(`${x.key.join(' ')} vs ${y.key[1]}: ${apart} residents, ${y.sum - x.sum}`);
    }
  return found;
}

/** The subtraction attack within one release: every community minus the communities shown. */
function communityDifferencing(release: Release): string[] {
  const found: string[] = [];
  const [all, ...communities] = release.scopes;
  for (const moment of ['baseline', 'followup'] as const)
    for (const [instrument, classes] of Object.entries(all.report.wellbeing[moment]))
      for (const [name, cell] of Object.entries(classes)) {
        if (cell.n.value === null) continue;
        const parts = communities.map((c) => c.report.wellbeing[moment][instrument]?.[name]);
        const hidden = parts.filter((part) => part && part.n.value === null);
        if (hidden.length !== 1) continue;
        const rest = parts.reduce((sum, part) => sum + (part?.n.value ?? 0), 0);
        found.push(`${moment} ${instrument} ${name}: ${cell.n.value - rest} residents derived`);
      }
  return found;
}

/** The subtraction attack on classes: the total minus the classes shown. */
function classDifferencing(release: Release): string[] {
  const found: string[] = [];
  for (const scope of release.scopes) {
    const { all, participants, nonParticipants } = scope.report.connections.withinPerson;
    const hidden = [participants, nonParticipants].filter((c) => c.n.value === null);
    if (all.n.value !== null && hidden.length === 1)
      found.push(`${scope.community ?? 'all'}: connections class derived from its total`);
    for (const moment of ['baseline', 'followup'] as const) {
      const reach = scope.report.participantReach[moment];
      for (const part of ['withinOne', 'withinTwo']) {
        const rest = (reach.nonParticipants.value ?? 0) - (reach[part].value ?? 0);
        if (
          reach.nonParticipants.value !== null &&
          reach[part].value !== null &&
          rest > 0 &&
          rest < K
        )
          found.push(`${scope.community ?? 'all'} ${moment}: ${rest} not ${part}`);
      }
    }
  }
  return found;
}

t.test(
  'two releases whose moments are 1 ms apart within a month are the same numbers',
  async (t) => {
    const p = await programme('intruder-ms');
    // the baseline wave was measured at 10:00:00.000 on 20 January: one release just before it
    const before = await publishAndRead(p, '2025-01-20T09:59:59.999Z', '2025-05-31T00:00:00Z');
    const at = await publishAndRead(p, '2025-01-20T10:00:00.000Z', '2025-05-31T00:00:00Z');
    t.same(at.scopes, before.scopes);
    t.same(differencing(before, at), []);
  },
);

t.test('a follow-up 1 ms later across a month end gives no one resident’s score', async (t) => {
  const p = await programme('intruder-month');
  // s8's first score, at the first millisecond of June
  await postOk(
    app,
    `/api/v1/projects/${p}/events`,
    measure('s8-june', 's8', '2025-06-01T00:00:00.000Z', 61),
  );
  const may = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T23:59:59.999Z');
  const june = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-06-01T00:00:00.000Z');
  t.not(may.followup, june.followup);
  t.same(differencing(may, june), []);
  // the every-community non-participants at the follow-up: 8 in May, 9 in June (withheld)
  t.same(june.scopes[0].report.wellbeing.followup.WEMWBS.others.n, {
    value: null,
    suppressed: true,
  });
  t.same(may.scopes[0].report.wellbeing.followup.WEMWBS.others.n, { value: 8 });
});

t.test('one resident measured again a month later gives no one’s change away', async (t) => {
  const p = await programme('intruder-again');
  // n8 (not a participant) measured again on 15 June: the others' n stays 8 at the end of June
  await postOk(
    app,
    `/api/v1/projects/${p}/events`,
    measure('n8-june', 'n8', '2025-06-15T00:00:00Z', 70),
  );
  const may = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
  const june = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-06-30T00:00:00Z');
  // the intruder knows only n8 was measured again: any follow-up cell shown in both releases with
  // the same n and a different sum gives n8's change from 51 to 70
  const juneCells = [...shownScores(june)].map(([key, cell]) => ({
    key: JSON.parse(key),
    ...cell,
  }));
  const found = [...shownScores(may)].flatMap(([key, a]) => {
    const [scope, at, instrument, name] = JSON.parse(key);
    if (at !== may.followup) return [];
    const b = juneCells.find(
      (c) =>
        c.key[0] === scope &&
        c.key[1] === june.followup &&
        c.key[2] === instrument &&
        c.key[3] === name,
    );
    return b && b.n === a.n && Math.abs(b.sum - a.sum) > 0.5 ? [`${key}: ${b.sum - a.sum}`] : [];
  });
  t.same(found, []);
  t.same(june.scopes[0].report.wellbeing.followup.WEMWBS.others.n, {
    value: null,
    suppressed: true,
  });
});

t.test(
  'a resident withdrawing between two releases of the same moments gives nothing away',
  async (t) => {
    const p = await programme('intruder-withdrawal');
    const first = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${p}/residents/n10`,
      headers: auth,
      payload: { consent: 'withdrawn' },
    });
    t.equal(patch.statusCode, 200);
    const second = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
    t.same(differencing(first, second), []);
    t.same(differencing(second, first), []);
  },
);

t.test('every community minus the other communities gives no withheld community', async (t) => {
  const p = await programme('intruder-community');
  const release = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
  // South has 4 participants and 3 others with scores (withheld); so North is withheld too
  t.same(release.scopes[2].report.wellbeing.followup.WEMWBS.others.n, {
    value: null,
    suppressed: true,
  });
  t.same(communityDifferencing(release), []);
});

t.test('a total minus its classes gives no withheld class', async (t) => {
  // North: 7 participants and 3 non-participants, who are withheld; so are the participants
  const p = await programme('intruder-class', { northParticipants: 7 });
  const release = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
  const north = release.scopes[1].report.connections.withinPerson;
  t.same(
    [north.all.n, north.nonParticipants.n],
    [{ value: 10 }, { value: null, suppressed: true }],
  );
  t.same(classDifferencing(release), []);
});

t.test(
  'what one release withheld beside a small community, a later one does not show',
  async (t) => {
    const p = await programme('intruder-later');
    const first = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
    // s8 measured in May: South's others grow from 3 to 4 (still withheld), every community's from
    // 8 to 9 (withheld: one apart); North's 5 are unchanged and would give South's May back from
    // the first release's every-community cell
    await postOk(
      app,
      `/api/v1/projects/${p}/events`,
      measure('s8-may', 's8', '2025-05-25T00:00:00Z', 52),
    );
    const second = await publishAndRead(p, '2025-01-31T00:00:00Z', '2025-05-31T00:00:00Z');
    const north = (r: Release) => r.scopes[1].report.wellbeing.followup.WEMWBS.others.n;
    t.same(north(first), { value: null, suppressed: true });
    t.same(north(second), { value: null, suppressed: true });
    t.same(differencing(first, second), []);
  },
);
