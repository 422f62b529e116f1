// A data-protection officer's review of the partner view (issue 16): a motivated intruder with two
// partner keys (one with the network grant) and an evaluator key looks for what the answers give
// away beside the numbers — names in error messages, an answer that confirms a real id, two reads
// or two keys' extracts that line up. Each attack that worked once is here, and must now fail.
// k = 3; the project is the hand-counted one of test/helpers/partner-classes.ts, with one
// measurement wave whose name a partner must never read.
import t from 'tap';
import type { FastifyInstance } from 'fastify';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { seedPartnerClasses } from '../helpers/partner-classes.ts';
import { auth, createProject, testApp, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('partner-review');
const api = `/api/v1/projects/${p}`;
const WAVE = 'Zanzibar baseline';

let app: FastifyInstance;
let network: TestKey;
let evaluator: TestKey;

t.before(async () => {
  app = await testApp(t, { PRIVACY_MIN_COUNT: 3 });
  await createProject(app, p);
  await seedPartnerClasses(app, api, [
    {
      id: 'w1',
      type: 'measure',
      at: '2025-03-12T08:13:00Z',
      resident: 'a1',
      instrument: 'WEMWBS',
      score: 44,
      wave: WAVE,
    },
  ]);
  network = await issueKey(app, 'partner', [p], { network: true });
  evaluator = await issueKey(app, 'evaluator', [p]);
});

const get = (url: string, key: TestKey | { headers: typeof auth }) =>
  app.inject({ url, headers: key.headers });

t.test(
  'a partner cannot learn the names of the measurement waves from the RSiena export',
  async (t) => {
    const bodies = new Set<string>();
    for (const waves of ['guess,another', `${encodeURIComponent(WAVE)},guess`]) {
      const response = await get(`${api}/export/siena.zip?waves=${waves}`, network);
      bodies.add(response.body);
      t.equal(response.statusCode, 400, waves);
      t.same(
        response.json().details.map((d: { path: string }) => d.path),
        ['waves'],
      );
      t.notOk(response.body.includes('Zanzibar'), `${waves}: ${response.body}`);
      t.match(response.json().message, /moments=/, 'says what a partner may give instead');
    }
    t.equal(bodies.size, 1, 'a real wave name is answered as a guess is');
    // the evaluator is told the waves there are, to pick from
    const own = await get(`${api}/export/siena.zip?waves=guess,another`, evaluator);
    t.equal(own.statusCode, 400);
    t.match(own.json().message, WAVE);
  },
);
