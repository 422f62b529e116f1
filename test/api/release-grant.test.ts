// A release set beside the network grant's read (docs/privacy.md, "Releases"): a partner with the
// grant reads l1 as never having left (alone on leaving in March, k = 3), so the grant's network
// holds one resident and one tie more at the end of March than the release's. Published alone,
// the release's March counts would say that someone shown as present had left, and how many ties
// they had; publishing differences the release against the grant's read, and withholds them.
// Counted by hand: North, seven residents joined in January (n1–n6 and l1), one tie l1–n1 formed
// 20 January; l1 leaves 10 March and comes back 10 April.
import t from 'tap';
import { issueKey } from '../helpers/keys.ts';
import { move, tie } from '../helpers/events.ts';
import { auth, projectWith, testApp } from '../helpers/server.ts';

const app = await testApp(t, { PRIVACY_MIN_COUNT: 3 });
const ids = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'l1'];
const contents = {
  communities: [{ id: 'north', name: 'North' }],
  residents: ids.map((id, i) => ({
    id,
    name: `Resident ${id}`,
    communityId: 'north',
    joinedAt: `2025-01-0${i + 1}T10:00:00Z`,
    consent: 'given' as const,
  })),
  events: [
    tie('t1', 'l1', 'n1', '2025-01-20T10:00:00Z'),
    move('leave', 'away', 'l1', '2025-03-10T10:00:00Z'),
    move('return', 'back', 'l1', '2025-04-10T10:00:00Z'),
  ],
};
const { p, api } = await projectWith(app, 'release-grant', contents);
const network = await issueKey(app, 'partner', [p], { network: true });
const WINTER_TO_SPRING = {
  name: 'Winter to spring',
  baseline: '2025-01-31T00:00:00Z',
  followup: '2025-04-30T00:00:00Z',
  interval: 'month',
};
const publish = (url: string) =>
  app.inject({ method: 'POST', url: `${url}/releases`, headers: auth, payload: WINTER_TO_SPRING });

type Cell = { value: number | null; suppressed?: true };
type Point = { at: string; nodeCount: Cell; edgeCount: Cell; isolates: Cell };

t.test("the grant's read shows l1 in March, away in the evaluator's network", async (t) => {
  const read = (headers: Record<string, string>) =>
    app.inject({ url: `${api}/graph?at=2025-03-31T23:59:59.999Z`, headers });
  const grant = (await read(network.headers)).json();
  t.equal(grant.nodes.length, 7, 'l1 shown as present');
  t.equal(grant.edges.length, 1);
  t.same(grant.privacy.generalised.leavingHidden, 1);
  const own = (await read(auth)).json();
  t.equal(own.nodes.length, 6, 'l1 away');
  t.equal(own.edges.length, 0);
});

t.test('a release withholds the counts that differ from the grant by fewer than k', async (t) => {
  const response = await publish(api);
  t.equal(response.statusCode, 201, response.body.slice(0, 300));
  const body = response.json() as {
    disclosure: { networkGrant: boolean };
    scopes: { community: string | null; timeline: Point[] }[];
  };
  t.equal(body.disclosure.networkGrant, true, 'a key with the grant existed');
  t.equal(body.scopes.length, 2, 'every community, and North');
  for (const scope of body.scopes) {
    const byMonth = new Map(scope.timeline.map((p) => [p.at.slice(0, 7), p]));
    const shown = (month: string, field: 'nodeCount' | 'edgeCount' | 'isolates') =>
      byMonth.get(month)![field];
    for (const month of ['2025-01', '2025-02', '2025-04']) {
      t.same(shown(month, 'nodeCount'), { value: 7 }, `${scope.community}: ${month}, as the grant`);
      t.same(shown(month, 'edgeCount'), { value: 1 });
    }
    t.same(shown('2025-03', 'nodeCount'), { value: null, suppressed: true }, 'March: 6 against 7');
    t.same(shown('2025-03', 'edgeCount'), { value: null, suppressed: true }, 'it rests on them');
    t.same(shown('2025-03', 'isolates'), { value: null, suppressed: true }, '6 against 5');
  }
});

t.test(
  'without a grant key the release is not held back, and a later grant key cannot read it',
  async (t) => {
    const other = await projectWith(app, 'release-no-grant', contents);
    const response = await publish(other.api);
    t.equal(response.statusCode, 201);
    const body = response.json();
    t.equal(body.disclosure.networkGrant, false);
    const march = body.scopes[0].timeline.find((point: Point) => point.at.startsWith('2025-03'));
    t.same(march.nodeCount, { value: 6 }, "the evaluator's count, shown");
    const plain = await issueKey(app, 'partner', [other.p]);
    const grant = await issueKey(app, 'partner', [other.p], { network: true });
    const read = (key: { headers: Record<string, string> }, path = '') =>
      app.inject({ url: `${other.api}/releases${path}`, headers: key.headers });
    t.equal((await read(plain)).json().releases.length, 1, 'a partner without the grant reads it');
    t.equal((await read(plain, `/${body.id}`)).statusCode, 200);
    t.same((await read(grant)).json().releases, [], 'not listed for the grant');
    const refused = await read(grant, `/${body.id}`);
    t.equal(refused.statusCode, 403);
    t.match(refused.json().message, /publish it again/);
    const again = await publish(other.api);
    t.equal(again.json().disclosure.networkGrant, true, 'published again, it is checked');
    t.equal((await read(grant)).json().releases.length, 1);
  },
);
