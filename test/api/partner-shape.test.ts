// Re-identification from the network's shape, on the demo programme (issue 16): a motivated
// intruder with a network-grant key knows a resident's community, whether and when they took part,
// when they joined, which groups they go to and since when, about how many people they know, and
// when they moved away or came back. Before, the number of people a resident was ever tied to
// singled many out among residents alike on the rest, a month of leaving singled out leavers, and
// the months of memberships and participation 56 more; now every resident a partner reads shares
// all they are shown with and their band of tie counts with at least k − 1 others
// (docs/privacy.md, "The shape of the network"). k = 5.
import t from 'tap';
import { generateDemoProgramme } from '../../fixtures/demo-programme.ts';
import { demoGroupKinds, joinedWhenLoaded, uniqueness } from '../helpers/intruder.ts';
import { issueKey, type TestKey } from '../helpers/keys.ts';
import { loadDemo, startTestServer, uniqueProject } from '../helpers/server.ts';

const K = 5;
const p = uniqueProject('partner-shape');
const api = `/api/v1/projects/${p}`;
const demo = generateDemoProgramme();

let server: Awaited<ReturnType<typeof startTestServer>>;
let partner: TestKey;

t.before(async () => {
  server = await startTestServer();
  await loadDemo(server.baseUrl, server.adminKey, p);
  partner = await issueKey(server.app, 'partner', [p], { network: true });
});
t.teardown(() => server?.close());

/** How many others each resident was ever tied to, from pairs. */
function tieCounts(ids: readonly string[], pairs: readonly [string, string][]) {
  const others = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const [a, b] of pairs) {
    others.get(a)?.add(b);
    others.get(b)?.add(a);
  }
  return new Map([...others].map(([id, set]) => [id, set.size]));
}

/**
 * The documented bands, written here from the words of docs/privacy.md, not from the server's
 * code: 0, 1, 2–3, 4–7, 8–15, …; going upwards, a band of fewer than k residents joins the next,
 * and a last band of fewer than k joins the one before. A band is named by its lowest doubling.
 */
function bandOf(counts: readonly number[], k: number): (count: number) => number {
  const LIMITS = [0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 1023];
  const doubling = (count: number) => LIMITS.findIndex((limit) => count <= limit);
  const firstOf: number[] = [];
  let start = 0;
  let held = 0;
  for (let d = 0; d < LIMITS.length; d++) {
    held += counts.filter((c) => doubling(c) === d).length;
    firstOf[d] = start;
    if (held >= k) {
      start = d + 1;
      held = 0;
    }
  }
  // a last band of fewer than k: its doublings belong to the band before
  const last = firstOf[LIMITS.length - 1];
  const before = last > 0 && held > 0 ? firstOf[last - 1] : last;
  return (count) => (firstOf[doubling(count)] === last ? before : firstOf[doubling(count)]);
}

t.test('before: the tie count singles out residents alike on everything else', async (t) => {
  const given = new Set(
    demo.residents.filter((r) => (r.consent ?? 'pending') === 'given').map((r) => r.id),
  );
  const kinds = demoGroupKinds(demo);
  const pairs = demo.events
    .filter((e) => e.type === 'connection')
    .map((e) => [(e as { from: string }).from, (e as { to: string }).to] as [string, string])
    .filter(([a, b]) => given.has(a) && given.has(b));
  const counts = tieCounts([...given], pairs);
  const residents = demo.residents.filter((r) => given.has(r.id));
  const attributes = (r: (typeof residents)[number]) => [
    r.communityId,
    r.participant,
    r.joinedAt,
    kinds(r.id),
  ];
  const without = uniqueness(residents.map(attributes));
  const withCount = uniqueness(residents.map((r) => [...attributes(r), counts.get(r.id)]));
  t.comment(
    `raw programme: ${without.unique} of ${residents.length} unique on attributes, ${withCount.unique} with the tie count`,
  );
  t.ok(withCount.unique > without.unique, 'the tie count adds to what singles residents out');
});

t.test('before: a month of moving away singles out a leaver in their community', async (t) => {
  const community = new Map(demo.residents.map((r) => [r.id, r.communityId]));
  const leaves = demo.events.filter((e) => e.type === 'leave') as {
    resident: string;
    at: string;
  }[];
  const months = leaves.map((e) => [community.get(e.resident), e.at.slice(0, 7)]);
  const sizes = new Map<string, number>();
  for (const m of months) sizes.set(JSON.stringify(m), (sizes.get(JSON.stringify(m)) ?? 0) + 1);
  const alone = months.filter((m) => sizes.get(JSON.stringify(m)) === 1).length;
  t.comment(`raw programme: ${alone} of ${leaves.length} leavers alone on community and month`);
  t.ok(alone > 0, 'some leavers stand alone on when they left');
});

t.test(
  'after: each resident a partner reads shares attributes and tie-count band with k − 1 others',
  async (t) => {
    const response = await server.app.inject({ url: `${api}/history`, headers: partner.headers });
    const history = response.json();
    const ids: string[] = history.residents.map((r: { id: string }) => r.id);
    const counts = tieCounts(
      ids,
      history.ties.map((tie: { source: string; target: string }) => [tie.source, tie.target]),
    );
    // which groups (a group is told apart by its size, kind and first month), with their months
    type Membership = { resident: string; group: string; spells: unknown[] };
    const groups = (id: string) =>
      history.memberships
        .filter((m: Membership) => m.resident === id)
        .map((m: Membership) => JSON.stringify([m.group, m.spells]))
        .sort();
    type Seen = {
      id: string;
      communityId: string | null;
      participant: boolean | null;
      joinedAt: string;
      presence: { from: string; to: string | null }[];
      participation: { from: string; to: string | null }[];
    };
    const attributes = (r: Seen) => [
      r.communityId,
      r.participant,
      r.participation,
      r.joinedAt,
      groups(r.id),
      r.presence,
    ];
    const away = history.residents.filter((r: Seen) => r.presence.length !== 1 || r.presence[0].to);
    const band = bandOf([...counts.values()], K);
    const banded = uniqueness(
      history.residents.map((r: Seen) => [...attributes(r), band(counts.get(r.id)!)]),
    );
    const exact = uniqueness(
      history.residents.map((r: Seen) => [...attributes(r), counts.get(r.id)]),
    );
    const alone = uniqueness(history.residents.map((r: Seen) => [counts.get(r.id)]));
    t.comment(
      `partner: ${ids.length} residents; unique on attributes and band ${banded.unique} (smallest class ${banded.smallest}); ` +
        `on attributes and exact tie count ${exact.unique}; on the exact tie count alone ${alone.unique}; privacy ${JSON.stringify(history.privacy)}`,
    );
    // no months of leaving are shared by k residents alike on the rest in the demo: every leaver
    // with consent is shown as never having left, and counted once in the note
    const leavers = new Set(demo.events.flatMap((e) => (e.type === 'leave' ? [e.resident] : [])));
    const consenting = demo.residents.filter(
      (r) => leavers.has(r.id) && (r.consent ?? 'pending') === 'given',
    );
    t.same(away, [], 'no one is shown leaving');
    t.equal(history.privacy.generalised.leavingHidden, consenting.length);
    t.equal(banded.unique, 0);
    t.ok(banded.smallest >= K, `every class holds at least ${K}`);
    // those who joined in the month under way are not there yet (docs/privacy.md)
    const loaded = joinedWhenLoaded(demo);
    const given = demo.residents.filter(
      (r) => (r.consent ?? 'pending') === 'given' && !loaded.has(r.id),
    ).length;
    t.comment(`${loaded.size} joined when the demo was loaded`);
    t.equal(ids.length + history.privacy.generalised.residentWithheld, given, 'the rest left out');
  },
);
