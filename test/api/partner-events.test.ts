// What a partner can learn of the events that reveal people (docs/privacy.md): a wave's
// interviews (who answered the name question, and when), attendance, measures and participation.
// A motivated intruder with a network-grant key walks every GET route of the app's route table
// and looks for them in every answer; the event log is not theirs at all. k = 2 here.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { strFromU8, unzipSync } from 'fflate';
import { ProjectReads } from '../../server/privacy/reads.ts';
import { viewerOf } from '../../server/privacy/viewer.ts';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { appWithRoutes, type RegisteredRoute } from '../helpers/routes.ts';
import { auth, createProject, postOk, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('partner-events');
const api = `/api/v1/projects/${p}`;
/** Names and instants a partner must never read: each is in one event only. */
const WAVE = 'Zanzibar wave';
const INTERVIEW_AT = '2025-03-14T09:26:53.000Z';
const SECRET_IDS = ['att-zz-1', 'meas-zz-1', 'part-zz-1', 'leave-zz-1'];

let app: FastifyInstance;
let routes: RegisteredRoute[] = [];
let partner: TestKey;
let interview = '';

t.before(async () => {
  ({ app, routes } = await appWithRoutes(t, { PRIVACY_MIN_COUNT: 2 }));
  await createProject(app, p);
  await postOk(app, `${api}/communities`, { communities: [{ id: 'north', name: 'North' }] });
  await postOk(app, `${api}/residents`, {
    residents: ['ann', 'bob', 'cat', 'dan'].map((id) => ({
      id,
      name: `Resident ${id}`,
      communityId: 'north',
      participant: false,
      joinedAt: '2025-01-06T10:00:00Z',
      consent: 'given',
    })),
  });
  await postOk(app, `${api}/groups`, {
    groups: [{ id: 'knit', name: 'Knitting circle', kind: 'activity' }],
  });
  await postOk(app, `${api}/events`, {
    events: [
      { id: 't1', type: 'connection', at: '2025-01-20T12:00:00Z', from: 'ann', to: 'bob' },
      { id: 'm1', type: 'membership', at: '2025-01-21T12:00:00Z', resident: 'cat', group: 'knit' },
      { id: 'm2', type: 'membership', at: '2025-01-21T12:00:00Z', resident: 'dan', group: 'knit' },
      {
        id: SECRET_IDS[0],
        type: 'attendance',
        at: '2025-02-11T17:43:00Z',
        resident: 'cat',
        group: 'knit',
      },
      {
        id: SECRET_IDS[1],
        type: 'measure',
        at: '2025-02-12T08:13:00Z',
        resident: 'dan',
        instrument: 'WEMWBS',
        score: 37,
        wave: WAVE,
      },
      { id: SECRET_IDS[2], type: 'participation', at: '2025-02-13T15:07:00Z', resident: 'bob' },
      { id: SECRET_IDS[3], type: 'leave', at: '2025-04-15T11:31:00Z', resident: 'dan' },
    ],
  });
  const answered = await app.inject({
    method: 'POST',
    url: `${api}/waves/${encodeURIComponent(WAVE)}/answers`,
    headers: auth,
    payload: { resident: 'ann', at: INTERVIEW_AT, named: ['cat'] },
  });
  if (answered.statusCode !== 201) throw new Error(`answer: ${answered.body}`);
  interview = answered.json().interview;
  partner = await issueKey(app, 'partner', [p], { network: true });
});

/** The status an error from the privacy door carries (200: no error). */
const status = (read: Promise<unknown>): Promise<number> =>
  read.then(
    () => 200,
    (error: { status?: number }) => error.status ?? 500,
  );

/** Every GET route under the project a partner key is not refused outright, as a URL. */
function partnerUrls(): string[] {
  const query = '?at=2025-06-01T00:00:00Z&moments=2025-02-01T00:00:00Z,2025-06-01T00:00:00Z';
  return routes
    .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/projects/:p'))
    .filter((r) => !r.url.includes(':id') && !r.url.includes(':sheet'))
    .map((r) => r.url.replace(':p', p) + query);
}

t.test('the wave answer wrote an interview a coordinator can list', async (t) => {
  const log = await app.inject({ url: `${api}/events?type=interview`, headers: auth });
  t.same(
    log.json().events.map((e: { id: string; wave: string }) => [e.id, e.wave]),
    [[interview, WAVE]],
  );
});

t.test('the event log answers a partner 403, whatever it is asked for', async (t) => {
  for (const query of ['', '?type=interview', '?type=attendance,participation', '?limit=1']) {
    const response = await app.inject({ url: `${api}/events${query}`, headers: partner.headers });
    t.equal(response.statusCode, 403, query || 'no query');
    t.match(response.json().message, /releases/);
  }
});

t.test(
  'no answer a partner reads names an interview, a wave, an attendance, a measure or their instants',
  async (t) => {
    const urls = partnerUrls();
    t.ok(urls.length >= 10, `${urls.length} routes`);
    let read = 0;
    for (const url of urls) {
      const response = await app.inject({ url, headers: partner.headers });
      if (response.statusCode === 403) continue;
      read += 1;
      t.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
      const body = String(response.headers['content-type']).startsWith('application/zip')
        ? Object.values(unzipSync(response.rawPayload))
            .map((file) => strFromU8(file))
            .join('\n')
        : response.body;
      for (const secret of [interview, WAVE, 'interview', INTERVIEW_AT, ...SECRET_IDS])
        t.notOk(body.includes(secret), `${url} shows ${secret}`);
      for (const instant of ['09:26', '17:43', '08:13', '15:07', '11:31'])
        t.notOk(body.includes(instant), `${url} shows the time ${instant}`);
    }
    // the project, graph, metrics, timeline, history, the four exports and releases
    t.ok(read >= 8, `${read} routes answered the partner`);
  },
);

t.test('the history shows the interview only as the tie it started, by its month', async (t) => {
  const history = (await app.inject({ url: `${api}/history`, headers: partner.headers })).json();
  const starts = history.ties.map((tie: { spells: { from: string }[] }) => tie.spells[0].from);
  t.same(starts.sort(), ['2025-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
  t.notOk(JSON.stringify(history).includes('attendance'));
});

t.test(
  "the privacy door refuses a partner the event log, anyone's scores and attendance",
  async (t) => {
    const viewer = viewerOf({
      keyId: partner.id,
      name: 'partner',
      role: 'partner',
      projects: [p],
      network: true,
      expiresAt: null,
    });
    const reads = new ProjectReads(app.store, app.privacy, viewer);
    const page = {
      fromMs: 0,
      toMs: Date.now(),
      types: null,
      residentId: null,
      after: null,
      limit: 10,
    };
    t.equal(await status(reads.events(p, page)), 403);
    t.equal(await status(reads.measures(p)), 403);
    t.equal(await status(reads.attendances(p)), 403);
    t.equal(await status(reads.groupLayer(p)), 403);
  },
);
