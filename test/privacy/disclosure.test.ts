// Disclosure control on hand-made releases: exactly which numbers primary suppression, secondary
// suppression and differencing withhold, and the rounding of what is shown. The contents are parts
// of a release's real schema; every count is chosen by hand so each rule fires (or not) once.
import t from 'tap';
import { z } from 'zod';
import {
  control,
  NOTHING_PUBLISHED,
  type Published,
} from '../../server/privacy/disclosure/control.ts';
import { releasedForm } from '../../server/privacy/disclosure/form.ts';
import { leafId, leavesOf, type Frame, type Leaf } from '../../server/privacy/disclosure/leaves.ts';
import { kindOf } from '../../server/privacy/disclosure/rules.ts';
import { ScopeContent } from '../../server/releases/schema.ts';

const B = Date.parse('2025-01-31T23:59:59.999Z');
const F = Date.parse('2025-06-30T23:59:59.999Z');
const K = 5;
const ROUNDING = { meanDigits: 1, shareDigits: 2 };

type Scopes = Record<string, unknown>;
const scopeOf = (key: string) => (key === 'all' ? null : key);
const frame = (key: string): Frame => ({ scope: scopeOf(key), baselineMs: B, followupMs: F });

/** The withheld numbers of a release made of `scopes` (keyed all, north, …), as readable ids. */
function withheld(
  scopes: Scopes,
  earlier: Published = NOTHING_PUBLISHED,
  schema: z.ZodType = ScopeContent,
) {
  const leaves = Object.entries(scopes).flatMap(([key, content]) =>
    leavesOf(schema, content, frame(key)),
  );
  const decisions = control(leaves, earlier, K);
  const readable = [...decisions].map(([id, reason]) => {
    const [scope, name, moments] = JSON.parse(id) as [string | null, string[], number[]];
    const when = moments.map((m) => (m === B ? 'B' : m === F ? 'F' : String(m))).join('-');
    return `${scope ?? 'all'} ${name.join('.')} @${when}: ${reason}`;
  });
  return { readable: readable.sort(), decisions };
}

/** The released form of one scope. */
function released(scopes: Scopes, key: string, schema: z.ZodType = ScopeContent) {
  const { decisions } = withheld(scopes, NOTHING_PUBLISHED, schema);
  return releasedForm(schema, scopes[key], frame(key), decisions, ROUNDING) as any;
}

const scores = (participants: [number, number], others: [number, number]) => ({
  WEMWBS: {
    participants: { n: participants[0], mean: participants[1] },
    others: { n: others[0], mean: others[1] },
  },
});
const wellbeingAtF = (participants: [number, number], others: [number, number]) => ({
  report: { wellbeing: { followup: scores(participants, others) } },
});

t.test(
  'a community cell of fewer than k residents, and the one other community, are withheld',
  async (t) => {
    // participants: every community 11 = north 8 + south 3; others: 9 = north 6 + south 3
    const { readable } = withheld({
      all: wellbeingAtF([11, 45], [9, 40]),
      north: wellbeingAtF([8, 46], [6, 41]),
      south: wellbeingAtF([3, 42], [3, 38]),
    });
    t.same(readable, [
      'north wellbeing.WEMWBS.others.mean @F: secondary',
      'north wellbeing.WEMWBS.others.n @F: secondary',
      'north wellbeing.WEMWBS.participants.mean @F: secondary',
      'north wellbeing.WEMWBS.participants.n @F: secondary',
      'south wellbeing.WEMWBS.others.mean @F: primary',
      'south wellbeing.WEMWBS.others.n @F: primary',
      'south wellbeing.WEMWBS.participants.mean @F: primary',
      'south wellbeing.WEMWBS.participants.n @F: primary',
    ]);
  },
);

t.test(
  'with three communities, the smallest other community is withheld beside a small one',
  async (t) => {
    // 20 = a 9 + b 8 + c 3: c is small; b (8) is the smallest of the rest
    const { readable } = withheld({
      all: wellbeingAtF([20, 45], [0, 0]),
      a: wellbeingAtF([9, 45], [0, 0]),
      b: wellbeingAtF([8, 45], [0, 0]),
      c: wellbeingAtF([3, 45], [0, 0]),
    });
    t.same(
      readable.filter((line) => line.includes('.n @')),
      [
        'b wellbeing.WEMWBS.participants.n @F: secondary',
        'c wellbeing.WEMWBS.participants.n @F: primary',
      ],
    );
  },
);

t.test(
  'residents with no community count as a withheld class when they are fewer than k',
  async (t) => {
    // 12 = north 8 + south 3 + 1 resident with no community: all minus north is south plus that
    // one, two unknowns, so nothing more is withheld
    const { readable } = withheld({
      all: wellbeingAtF([12, 45], [0, 0]),
      north: wellbeingAtF([8, 45], [0, 0]),
      south: wellbeingAtF([3, 45], [0, 0]),
    });
    t.same(
      readable.filter((line) => line.includes('.n @')),
      ['south wellbeing.WEMWBS.participants.n @F: primary'],
    );
  },
);

t.test('a zero is shown, and a count of exactly k is shown', async (t) => {
  const { readable } = withheld({ all: wellbeingAtF([5, 45], [0, 0]) });
  t.same(readable, []);
});

const change = (n: number, meanChange: number) => ({
  n,
  meanChange,
  medianChange: meanChange,
  shareIncreased: 0.5,
  shareDecreased: 0,
  ci95: null,
});

t.test('a class withheld beside its published total withholds its sibling class too', async (t) => {
  // all 20 = participants 17 + non-participants 3; shareIncreased 0.5 of 20 is 10 of 20
  const withinPerson = {
    all: change(20, 1.2),
    participants: change(17, 1.3),
    nonParticipants: change(3, 0.7),
  };
  const { readable } = withheld({ all: { report: { connections: { withinPerson } } } });
  t.same(
    readable.filter(
      (line) => line.endsWith('.n @B-F: primary') || line.endsWith('.n @B-F: secondary'),
    ),
    [
      'all connections.withinPerson.nonParticipants.n @B-F: primary',
      'all connections.withinPerson.participants.n @B-F: secondary',
    ],
  );
  t.notOk(
    readable.some((line) => line.includes('withinPerson.all')),
    'the total stays',
  );
});

t.test(
  'a class whose rest within its total is fewer than k is withheld, with its share',
  async (t) => {
    // 12 non-participants: 10 within one step (2 are not), all 12 within two steps (0 are not)
    const reach = {
      nonParticipants: 12,
      withinOne: 10,
      withinTwo: 12,
      shareWithinOne: 10 / 12,
      shareWithinTwo: 1,
    };
    const { readable } = withheld({
      all: { report: { participantReach: { followup: reach } } },
    });
    t.same(readable, [
      'all participantReach.shareWithinOne @F: primary',
      'all participantReach.withinOne @F: primary',
    ]);
  },
);

const point = (at: number, nodeCount: number, edgeCount: number, isolates: number) => ({
  at: new Date(at).toISOString(),
  nodeCount,
  edgeCount,
  density: nodeCount < 2 ? 0 : (2 * edgeCount) / (nodeCount * (nodeCount - 1)),
  averageDegree: (2 * edgeCount) / nodeCount,
  isolates,
  components: isolates + 1,
  largestComponentShare: (nodeCount - isolates) / nodeCount,
  averageClustering: 0,
  transitivity: 0,
  degreeCentralization: 0,
});

t.test('a network of fewer than k residents is withheld wherever it appears', async (t) => {
  // 4 residents at the baseline (withheld: every number of that network gives n back); 30 at the
  // follow-up with 27 isolates (the 3 connected residents are a class of fewer than k)
  const graphChange = (key: 'nodeCount' | 'isolates' | 'edgeCount', b: number, f: number) => ({
    [key]: { baseline: b, followup: f, delta: f - b },
  });
  const scopes = {
    all: {
      report: {
        graph: {
          ...graphChange('nodeCount', 4, 30),
          ...graphChange('edgeCount', 2, 3),
          ...graphChange('isolates', 1, 27),
        },
      },
      timeline: [point(B, 4, 2, 1), point(F, 30, 3, 27)],
    },
  };
  const { readable } = withheld(scopes);
  t.same(
    readable.filter((line) => line.includes('@F')),
    ['all graph.isolates @F: primary'],
    'at the follow-up only the isolates',
  );
  t.ok(readable.includes('all graph.density @B: primary'), 'the baseline density');
  t.ok(readable.includes('all graph.nodeCount.delta @B-F: primary'), 'and the changes');
  const form = released(scopes, 'all');
  t.same(form.timeline[0].averageDegree, { value: null, suppressed: true });
  t.same(form.timeline[1].nodeCount, { value: 30 });
  t.same(form.report.graph.edgeCount, {
    baseline: { value: null, suppressed: true },
    followup: { value: 3 },
    delta: { value: null, suppressed: true },
  });
});

t.test('a cell whose n differs from an earlier release by 1 to k−1 is withheld', async (t) => {
  const earlierAt = Date.parse('2025-05-31T23:59:59.999Z');
  const earlier = (n: number): Published => ({
    counts: [
      { scope: null, name: ['wellbeing', 'WEMWBS', 'others', 'n'], moments: [earlierAt], n },
    ],
    withheld: [],
  });
  const scopes = { all: wellbeingAtF([40, 45], [21, 40]) };
  const rule = (n: number) =>
    withheld(scopes, earlier(n)).readable.filter((line) => line.endsWith('differencing'));
  t.same(rule(20), [
    'all wellbeing.WEMWBS.others.mean @F: differencing',
    'all wellbeing.WEMWBS.others.n @F: differencing',
  ]);
  t.same(rule(17), rule(20), 'four apart');
  t.same(rule(16), [], 'five apart (k)');
  t.same(rule(21), [], 'the same residents');
});

t.test(
  'a cell with the same n as before but 1 to k−1 residents measured again is withheld',
  async (t) => {
    const earlierAt = Date.parse('2025-05-31T23:59:59.999Z');
    const earlier: Published = {
      counts: [
        { scope: null, name: ['wellbeing', 'WEMWBS', 'others', 'n'], moments: [earlierAt], n: 21 },
      ],
      withheld: [],
    };
    const scopes = { all: wellbeingAtF([40, 45], [21, 40]) };
    const rule = (measuredAgain: number) => {
      const leaves = leavesOf(ScopeContent, scopes.all, frame('all'));
      const asked: number[][] = [];
      const decisions = control(leaves, earlier, K, (leaf, then) => {
        asked.push([...leaf.moments, ...then]);
        return leaf.name[2] === 'others' ? measuredAgain : 0;
      });
      return { withheld: [...decisions.keys()].length, asked };
    };
    t.equal(rule(1).withheld, 2, 'n and mean');
    t.equal(rule(4).withheld, 2);
    t.equal(rule(5).withheld, 0, 'k residents measured again');
    t.equal(rule(0).withheld, 0, 'no one');
    t.same(rule(0).asked, [[F, earlierAt]], 'asked with the moments of both');
  },
);

t.test(
  'value for money: a small class of participants without both scores, and what gives it back',
  async (t) => {
    // 12 participants, 9 with both scores: 3 without, a class of fewer than k; the points' cost
    // per participant gives the 12 back beside the total cost, so it goes with them
    const valueForMoney = (participants: number, scored: number) => ({
      n: Math.min(participants, scored),
      totalCost: 6000,
      costs: 4,
      participants,
      costPerParticipant: 6000 / participants,
      newTies: 20,
      costPerNewTie: 300,
      scoredParticipants: scored,
      wellbeingPointsGained: 27,
      costPerWellbeingPoint: 6000 / 27,
    });
    const graph = { nodeCount: { followup: 40 } };
    const { readable } = withheld({
      all: { report: { graph, valueForMoney: valueForMoney(12, 9) } },
    });
    t.same(readable, ['all valueForMoney.scoredParticipants @B-F: primary']);
    const few = withheld({ all: { report: { graph, valueForMoney: valueForMoney(4, 4) } } });
    t.ok(
      few.readable.includes('all valueForMoney.costPerParticipant @B-F: primary'),
      'every number of a cell of 4 participants',
    );
    t.ok(
      few.readable.includes('all valueForMoney.totalCost @B-F: primary'),
      'the costs go with the cell',
    );
    const form = released(
      { all: { report: { graph, valueForMoney: valueForMoney(12, 9) } } },
      'all',
    );
    t.same(form.report.valueForMoney.totalCost, { value: 6000 }, 'costs are shown as recorded');
    t.same(form.report.valueForMoney.costPerParticipant, { value: 500 });
  },
);

t.test(
  "the permutation test of the participants' and others' changes goes with either class",
  async (t) => {
    const change = (n: number) => ({ n, meanChange: 1.25, medianChange: 1, ci95: null });
    const withinPerson = {
      all: change(30),
      participants: change(27),
      nonParticipants: change(3),
      permutation: { n: 3, difference: 0.4, p: 0.0417, permutations: 4060, exact: true },
    };
    const { readable } = withheld({ all: { report: { connections: { withinPerson } } } });
    t.same(
      readable.filter((line) => line.includes('permutation')),
      [
        'all connections.withinPerson.permutation.difference @B-F: primary',
        'all connections.withinPerson.permutation.n @B-F: primary',
        'all connections.withinPerson.permutation.p @B-F: primary',
        'all connections.withinPerson.permutation.permutations @B-F: primary',
      ],
    );
    const shown = {
      all: change(35),
      participants: change(27),
      nonParticipants: change(8),
      permutation: { ...withinPerson.permutation, n: 8 },
    };
    const form = released({ all: { report: { connections: { withinPerson: shown } } } }, 'all');
    t.same(form.report.connections.withinPerson.permutation.p, { value: 0.04 }, 'p to 2 decimals');
    t.equal(form.report.connections.withinPerson.permutation.exact, true);
  },
);

t.test('what an earlier release withheld stays withheld at the same moments', async (t) => {
  // an earlier release withheld North beside a small South; showing North now would give South
  // back from that release's every-community number
  const northOthers = leafId('north', ['wellbeing', 'WEMWBS', 'others', 'n'], [F]);
  const scopes = { north: wellbeingAtF([8, 45], [6, 41]) };
  const { readable } = withheld(scopes, { counts: [], withheld: [northOthers] });
  t.same(readable, [
    'north wellbeing.WEMWBS.others.mean @F: secondary',
    'north wellbeing.WEMWBS.others.n @F: secondary',
  ]);
});

t.test('a count at the same moment as a published one, 1 to k−1 apart, is withheld', async (t) => {
  // an erasure or a withdrawal since: the network at the follow-up has one resident fewer
  const earlier: Published = {
    counts: [{ scope: null, name: ['graph', 'nodeCount'], moments: [F], n: 31 }],
    withheld: [],
  };
  const { readable } = withheld({ all: { timeline: [point(F, 30, 40, 0)] } }, earlier);
  t.ok(readable.includes('all graph.nodeCount @F: differencing'));
  t.ok(readable.includes('all graph.averageDegree @F: differencing'), 'and what gives it back');
});

t.test('a follow-up cell 1 to k−1 residents from its own baseline is withheld', async (t) => {
  const scopes = {
    all: {
      report: {
        wellbeing: { baseline: scores([30, 44], [20, 40]), followup: scores([38, 46], [22, 41]) },
      },
    },
  };
  t.same(withheld(scopes).readable, [
    'all wellbeing.WEMWBS.others.mean @F: differencing',
    'all wellbeing.WEMWBS.others.n @F: differencing',
  ]);
});

t.test('means are rounded to one decimal place and shares to whole percent', async (t) => {
  const form = released(
    {
      all: {
        report: { wellbeing: { followup: scores([8, 45.25], [6, 40.04]) } },
        timeline: [point(F, 30, 58, 0)],
      },
    },
    'all',
  );
  t.same(form.report.wellbeing.followup.WEMWBS.participants, {
    n: { value: 8 },
    mean: { value: 45.3 },
  });
  t.same(form.report.wellbeing.followup.WEMWBS.others.mean, { value: 40 });
  // density 116 / 870 = 0.1333…; average degree 116 / 30 = 3.8666…
  t.same(form.timeline[0].density, { value: 0.13 });
  t.same(form.timeline[0].averageDegree, { value: 3.9 });
  t.same(form.timeline[0].edgeCount, { value: 58 });
});

t.test("a withheld cell's missing interval is written out withheld, not left null", async (t) => {
  // n 1 has no interval (null): a null would tell that the withheld n is below two
  const cell = (n: number) => ({
    n,
    meanChange: n === 0 ? null : 1.5,
    ci95: n < 2 ? null : { low: 1, high: 2 },
  });
  const butterfly = {
    WEMWBS: {
      definition: 'by hand',
      participants: cell(9),
      direct: cell(1),
      indirect: cell(0),
      unreached: cell(9),
      directVsUnreached: { n: 1, estimate: 2.5, ci95: null },
    },
  };
  const form = released({ all: { report: { butterfly } } }, 'all');
  t.same(form.report.butterfly.WEMWBS.direct.ci95, {
    low: { value: null, suppressed: true },
    high: { value: null, suppressed: true },
  });
  t.equal(form.report.butterfly.WEMWBS.indirect.ci95, null, 'a shown cell keeps its null');
  t.same(form.report.butterfly.WEMWBS.directVsUnreached.estimate, {
    value: null,
    suppressed: true,
  });
});

t.test('a number that no rule classifies is withheld', async (t) => {
  const schema = z.object({
    report: z.object({ novelty: z.number(), count: z.object({ n: z.number() }) }),
  });
  const { readable } = withheld(
    { all: { report: { novelty: 3.5, count: { n: 40 } } } },
    NOTHING_PUBLISHED,
    schema,
  );
  t.same(readable, ['all novelty @B-F: unclassified']);
});

t.test(
  'cells are found at any depth, and a large cell keeps its numbers beside a small one',
  async (t) => {
    const Cell = z.object({ n: z.number(), mean: z.number() });
    const schema = z.object({
      report: z.object({ outer: Cell.extend({ inner: z.record(z.string(), Cell) }) }),
    });
    const content = {
      report: {
        outer: { n: 10, mean: 3, inner: { near: { n: 2, mean: 1 }, far: { n: 8, mean: 2 } } },
      },
    };
    const form = released({ all: content }, 'all', schema);
    t.same(form.report.outer, {
      n: { value: 10 },
      mean: { value: 3 },
      inner: {
        near: { n: { value: null, suppressed: true }, mean: { value: null, suppressed: true } },
        far: { n: { value: 8 }, mean: { value: 2 } },
      },
    });
  },
);

t.test('the same quantity has one id in the report, the metrics and the timeline', async (t) => {
  const frameAll = frame('all');
  const [report] = leavesOf(
    ScopeContent,
    { report: { graph: { density: { baseline: 0.5 } } } },
    frameAll,
  );
  const [timeline] = leavesOf(
    ScopeContent,
    { timeline: [{ at: new Date(B).toISOString(), density: 0.5 }] },
    frameAll,
  );
  const [metrics] = leavesOf(
    ScopeContent,
    { metrics: { baseline: { graph: { density: 0.5 } } } },
    frameAll,
  );
  const id = leafId(null, ['graph', 'density'], [B]);
  t.same(
    [report, timeline, metrics].map((l) => leafId(l.scope, l.name, l.moments)),
    [id, id, id],
  );
});

t.test("a field named like one of Object.prototype's members has no kind: withheld", async (t) => {
  const leaf = (name: string[], field: string): Leaf => ({
    scope: null,
    location: [],
    name,
    moments: [B],
    field,
    value: 7,
    cellN: null,
  });
  for (const odd of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
    t.equal(kindOf(leaf(['wellbeing', odd], odd)), null, odd);
    t.equal(kindOf(leaf(['wellbeing', odd, 'delta'], 'delta')), null, `${odd}: its change`);
  }
  t.equal(kindOf(leaf(['graph', 'n'], 'n')), 'residents', 'a field the tables name keeps its kind');
});
