// What each number of a release is, for disclosure control: its kind (a count of residents, a count
// of something else, a mean, a share), what it rests on, which class it is of which total, and
// which classes add up to a total. Tables of data, read by the rules in ./control.ts; a number
// that no table names is withheld (a new report field is published once it is classified here).
import { leafId, type Leaf } from './leaves.ts';

/**
 * - residents: counts residents (a population of its own)
 * - count: counts ties, components, groups or events; rests on the residents it is about
 * - mean: rounded to one decimal place
 * - share: a proportion, index or p-value, rounded to whole percent (two decimals)
 * - fixed: recorded by the programme about no resident (an instrument's range, costs): as it is
 */
export type Kind = 'residents' | 'count' | 'mean' | 'share' | 'fixed';

const KIND_TABLE: Record<string, Kind> = {
  n: 'residents',
  nodeCount: 'residents',
  isolates: 'residents',
  nonParticipants: 'residents',
  withinOne: 'residents',
  withinTwo: 'residents',
  baselineIsolates: 'residents',
  nowConnected: 'residents',
  residents: 'residents',
  inGroup: 'residents',
  activeAttendees: 'residents',
  participants: 'residents',
  scoredParticipants: 'residents',
  left: 'residents',
  both: 'residents',
  baselineOnly: 'residents',
  followupOnly: 'residents',
  neither: 'residents',
  eligible: 'residents',
  asked: 'residents',
  edgeCount: 'count',
  components: 'count',
  attendances: 'count',
  newPairs: 'count',
  retainedPairs: 'count',
  confirmedPairs: 'count',
  membershipsStarted: 'count',
  membershipsRetained: 'count',
  activeGroups: 'count',
  newTies: 'count',
  permutations: 'count',
  recentPairs: 'count',
  external: 'count',
  internal: 'count',
  tiesBefore: 'count',
  stillNamed: 'count',
  ended: 'count',
  unknown: 'count',
  mean: 'mean',
  meanChange: 'mean',
  medianChange: 'mean',
  estimate: 'mean',
  low: 'mean',
  high: 'mean',
  averageDegree: 'mean',
  membershipsPerResident: 'mean',
  difference: 'mean',
  wellbeingPointsGained: 'mean',
  costPerParticipant: 'mean',
  costPerNewTie: 'mean',
  costPerWellbeingPoint: 'mean',
  density: 'share',
  largestComponentShare: 'share',
  averageClustering: 'share',
  transitivity: 'share',
  degreeCentralization: 'share',
  modularity: 'share',
  bridgingShare: 'share',
  overall: 'share',
  byValue: 'share',
  share: 'share',
  shareWithinOne: 'share',
  shareWithinTwo: 'share',
  inGroupShare: 'share',
  shareIncreased: 'share',
  shareDecreased: 'share',
  retention: 'share',
  membershipRetention: 'share',
  p: 'share',
  pHolm: 'share',
  shareImproved: 'share',
  value: 'share',
  ei: 'share',
  eiExpected: 'share',
  bridging: 'share',
  bridgingExpected: 'share',
  responseRate: 'share',
  min: 'fixed',
  max: 'fixed',
  totalCost: 'fixed',
  costs: 'fixed',
  horizonDays: 'fixed',
  windowDays: 'fixed',
  minimumImportantDifference: 'fixed',
};

/**
 * The kinds by field name, as a Map: a name a user chose (an instrument called `constructor`)
 * must find no kind, never one of Object.prototype's members, so its number is withheld.
 */
const KINDS = new Map(Object.entries(KIND_TABLE));

/** The kind of a leaf; null when no table names it (it is withheld). */
export function kindOf(leaf: Leaf): Kind | null {
  if (leaf.field === 'delta') {
    const kind = KINDS.get(leaf.name.at(-2) ?? '') ?? null;
    // a change in a count of residents is not a population of its own: it rests on both ends
    return kind === 'residents' ? 'count' : kind;
  }
  return KINDS.get(leaf.field) ?? null;
}

/** Report cells derived from other cells: shown only when those are (never differenced). */
export const DERIVED_CELLS = new Set(['directVsUnreached', 'permutation', 'adjusted']);

const is = (name: readonly string[], ...pattern: string[]) =>
  name.length === pattern.length && pattern.every((p, i) => p === '*' || p === name[i]);

export interface Bases {
  /** Leaves it would give back (with what else is published): withheld whenever one of them is. */
  reveals: string[];
  /** Counts of the residents it is computed over: withheld when one of them is fewer than k. */
  restsOn: string[];
}

/**
 * What a leaf depends on. A cell's numbers and the network numbers at a moment give back their
 * count of residents (n = 2m / averageDegree); an index over a community's ties does not, but
 * rests on its residents.
 */
export function basesOf(leaf: Leaf): Bases {
  const { scope, name, moments } = leaf;
  const here = (...rest: string[]) => leafId(scope, rest, moments);
  const reveals: string[] = [];
  const restsOn: string[] = [];
  if (leaf.cellN !== null && leaf.cellN !== leafId(scope, name, moments)) reveals.push(leaf.cellN);
  const [section, field] = name;
  if (section === 'graph' && name.length === 3 && name[2] === 'delta') {
    const [baselineMs, followupMs] = moments;
    reveals.push(leafId(scope, name.slice(0, 2), [baselineMs]));
    reveals.push(leafId(scope, name.slice(0, 2), [followupMs]));
  } else if (section === 'graph' && field !== 'nodeCount') reveals.push(here('graph', 'nodeCount'));
  if (section === 'bridgingShare' || is(name, 'eiIndexByCommunity', 'overall'))
    restsOn.push(here('graph', 'nodeCount'));
  if (is(name, 'eiIndexByCommunity', 'byValue', '*'))
    restsOn.push(leafId(name[2], ['graph', 'nodeCount'], moments));
  // a community's mixing is counted over its residents in the whole network
  if (section === 'mixing') restsOn.push(leafId(name[1], ['graph', 'nodeCount'], moments));
  if (is(name, 'participantReach', 'shareWithinOne'))
    reveals.push(
      here('participantReach', 'withinOne'),
      here('participantReach', 'nonParticipants'),
    );
  if (is(name, 'participantReach', 'shareWithinTwo'))
    reveals.push(
      here('participantReach', 'withinTwo'),
      here('participantReach', 'nonParticipants'),
    );
  // a wave's response rate gives back who answered of whom; its tie counts rest on who was there
  if (is(name, 'nameQuestion', 'waves', 'responseRate'))
    reveals.push(here('nameQuestion', 'waves', 'asked'), here('nameQuestion', 'waves', 'eligible'));
  if (section === 'nameQuestion' && KINDS.get(name.at(-1) ?? '') === 'count')
    restsOn.push(here('nameQuestion', 'waves', 'eligible'));
  if (is(name, 'isolateCohort', 'share'))
    reveals.push(here('isolateCohort', 'nowConnected'), here('isolateCohort', 'baselineIsolates'));
  if (is(name, 'involvement', 'inGroupShare')) reveals.push(here('involvement', 'inGroup'));
  if (is(name, 'involvement', 'membershipsPerResident'))
    restsOn.push(here('involvement', 'inGroup'));
  if (is(name, 'involvement', 'attendances')) restsOn.push(here('involvement', 'activeAttendees'));
  if (section === 'sustainability' || section === 'valueForMoney')
    restsOn.push(leafId(scope, ['graph', 'nodeCount'], [moments.at(-1)!]));
  // a ratio gives back its divisor beside the total cost; the points, their sum of changes
  if (is(name, 'valueForMoney', 'costPerParticipant'))
    reveals.push(here('valueForMoney', 'participants'));
  if (is(name, 'valueForMoney', 'costPerNewTie')) reveals.push(here('valueForMoney', 'newTies'));
  if (is(name, 'valueForMoney', 'costPerWellbeingPoint'))
    reveals.push(here('valueForMoney', 'wellbeingPointsGained'));
  // the participants' and the others' changes: a difference of their means, over both groups
  if (is(name.slice(0, 3), 'connections', 'withinPerson', 'permutation'))
    reveals.push(
      here('connections', 'withinPerson', 'participants', 'n'),
      here('connections', 'withinPerson', 'nonParticipants', 'n'),
    );
  // those who left between the moments are the residents at the baseline less the cohort
  if (is(name, 'connections', 'withinPerson', 'all', 'n'))
    reveals.push(here('connections', 'withinPerson', 'left'));
  if (is(name.slice(0, 3), 'connections', 'withinPerson', 'adjusted'))
    reveals.push(
      here('connections', 'withinPerson', 'participants', 'n'),
      here('connections', 'withinPerson', 'nonParticipants', 'n'),
    );
  if (section === 'butterfly' && name[2] === 'adjusted')
    for (const cls of ['participants', 'direct', 'indirect', 'unreached'])
      reveals.push(leafId(scope, ['butterfly', name[1], cls, 'n'], moments));
  // a class's attrition counts add up to its n: one withheld would come back from the others
  if (section === 'butterfly' && name[2] === 'attrition')
    for (const field of ['n', 'both', 'baselineOnly', 'followupOnly', 'neither'])
      if (field !== name[4]) reveals.push(leafId(scope, [...name.slice(0, 4), field], moments));
  if (section === 'butterfly' && name[2] === 'directVsUnreached') {
    reveals.push(leafId(scope, ['butterfly', name[1], 'direct', 'n'], moments));
    reveals.push(leafId(scope, ['butterfly', name[1], 'unreached', 'n'], moments));
  }
  return { reveals, restsOn };
}

/**
 * A class of residents inside a total at the same moment: the residents of the total outside the
 * class are a class too, never published, and worked out by subtraction.
 */
export const CLASS_IN_TOTAL: readonly [part: string[], whole: string[]][] = [
  [
    ['graph', 'isolates'],
    ['graph', 'nodeCount'],
  ],
  [
    ['participantReach', 'withinOne'],
    ['participantReach', 'nonParticipants'],
  ],
  [
    ['participantReach', 'withinTwo'],
    ['participantReach', 'nonParticipants'],
  ],
  [
    ['participantReach', 'withinOne'],
    ['participantReach', 'withinTwo'],
  ],
  [
    ['isolateCohort', 'nowConnected'],
    ['isolateCohort', 'baselineIsolates'],
  ],
  [
    ['involvement', 'inGroup'],
    ['involvement', 'residents'],
  ],
  [
    ['involvement', 'activeAttendees'],
    ['involvement', 'residents'],
  ],
  [
    ['valueForMoney', 'scoredParticipants'],
    ['valueForMoney', 'participants'],
  ],
];

/**
 * Counts that add up across communities (each resident counted in their own community), so that
 * every community together minus the communities counts the residents with no community. Counts
 * over a community's own network (isolates, reach, exposure classes) do not add up.
 */
export function additive(leaf: Leaf): boolean {
  const [section] = leaf.name;
  if (leaf.field === 'n') return ['wellbeing', 'involvement', 'connections'].includes(section);
  return (
    is(leaf.name, 'graph', 'nodeCount') ||
    is(leaf.name, 'participantReach', 'nonParticipants') ||
    (section === 'involvement' && ['residents', 'inGroup', 'activeAttendees'].includes(leaf.field))
  );
}

/** Shares of a cell's n that count a class of it: share × n residents, and the rest. */
export const CLASS_SHARES = new Set(['shareIncreased', 'shareDecreased', 'shareImproved']);

/** Published classes that add up to a published total in the same scope: [parent, total]. */
export const CLASS_TOTALS: readonly [parent: string[], total: string][] = [
  [['connections', 'withinPerson'], 'all'],
];
