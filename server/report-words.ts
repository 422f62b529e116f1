// The report's words: each outcome's definition (one plain sentence first, then how it is
// computed, then what the number cannot show) and each field's label in words, for the API's definitions, the Report view, its CSV
// downloads and the printed report. No imports: Vite builds it too.

export interface Definition {
  /** What the number says, in words a funder reads. */
  plain: string;
  /** The formula and conventions, for someone reproducing it. */
  computed: string;
  /** What the number cannot show, in plain words: its limits. */
  limits: string;
}

/** What separates the plain sentence from the formula in a definition's text. */
export const HOW_COMPUTED = 'How it is computed:';

/** What separates the formula from the number's limits. */
export const CANNOT_SHOW = 'What it cannot show:';

export const definitionText = (d: Definition) =>
  `${d.plain} ${HOW_COMPUTED} ${d.computed} ${CANNOT_SHOW} ${d.limits}`;

/** A definition's text parted again (all of it plain when it has no formula part). */
export function splitDefinition(text: string): Definition {
  const at = text.indexOf(HOW_COMPUTED);
  if (at < 0) return { plain: text, computed: '', limits: '' };
  const rest = text.slice(at + HOW_COMPUTED.length);
  const limitsAt = rest.indexOf(CANNOT_SHOW);
  return {
    plain: text.slice(0, at).trim(),
    computed: (limitsAt < 0 ? rest : rest.slice(0, limitsAt)).trim(),
    limits: limitsAt < 0 ? '' : rest.slice(limitsAt + CANNOT_SHOW.length).trim(),
  };
}

/** What an interval over values that do not vary says instead of its two equal ends. */
export const NO_VARIATION = 'no variation: the interval is not informative';

/** Why the permutation p is there, and how it is counted. */
const PERMUTATION =
  "Residents in a network are not independent of each other (one new tie raises two people's degree, and friends' wellbeing moves together), which the t intervals assume; the permutation p does not. It keeps the network and every resident's change as they are, shuffles only which residents are in which of the two groups, and gives the share of shufflings whose difference is at least as large, either way, as the one seen (the real one included): every shuffling when there are at most 9,999, else 9,999 seeded random ones (p = (hits + 1) / 10,000).";

const PAIRED_T =
  'mean ± t(0.975, n−1)·s/√n, s the sample standard deviation (null when n < 2; when every change is the same, marked not informative)';

/** Which scores pair, in words shared by every section that pairs them. */
const SCORES =
  "A resident's baseline score is their latest measure of the baseline wave when waves are given (baselineWave, followupWave), otherwise their latest in the 90 days before B, (B − 90 days, B]; their follow-up score likewise of the follow-up wave, or their latest in (max(B, F − 90 days), F] (the window is scoreWindowDays when given). No score is carried forward from before the window; change = follow-up − baseline, for residents with both.";

/** The adjusted difference, in words shared by connections and wellbeing. */
const ADJUSTED =
  "adjusted: the participant coefficient of the ordinary least squares fit followup ~ participant + baseline over residents with both values (statsmodels' ols formula), with its t interval estimate ± t(0.975, n − 3)·SE and two-sided p; null with fewer than four residents, an empty group, or baselines that do not vary.";

const DZ =
  'dz: mean change / standard deviation of the changes, with the interval dz ± 1.96·√(1/n + dz²/(2n)).';

const OBSERVATIONAL =
  'It is observational: who took part was not decided at random, so a difference may come from who chose to take part, from a trend everyone shared or from scores drifting back towards the average, not from the programme.';

export const DEFINITIONS = {
  withinPerson: {
    plain:
      'How many more people each resident was connected to at the follow-up than at the baseline, for the residents already there at the baseline, and whether participants gained more than others.',
    computed: `Residents in the network at the baseline B and still in it at the follow-up F (left counts those who left in between; withdrawn residents excluded). Change = degree at F − degree at B, in the network at each moment (the community's residents and the ties among them, when one is asked for); participant = a participant at B. meanChange with its paired t interval ${PAIRED_T}; ${DZ} medianChange; shareIncreased and shareDecreased are shares of n. ${ADJUSTED} permutation: participants' mean change − non-participants' with its two-sided permutation p over the participant labels of these residents. ${PERMUTATION}`,
    limits: `${OBSERVATIONAL} Ties are counted as recorded: participants' ties are named at workshops far more often than other residents', so some of their gain may be recording, not new friendships. A tie ends only when a disconnection or a wave interview records it, so without waves the counts can only grow.`,
  },
  involvement: {
    plain:
      'How many residents belonged to at least one community group, and how many took part in an activity in the 90 days before each moment.',
    computed:
      'At moment M: residents = residents in the network at M; inGroup = those with at least one group membership holding at M, inGroupShare = inGroup / residents; membershipsPerResident = memberships holding at M / residents; activeAttendees = residents with an attendance event in (M − 90 days, M], attendances = those events (90 days = 90 × 24 hours).',
    limits:
      'It counts what coordinators recorded: a membership nobody ended is still held, and an activity with no attendance taken counts for nothing. It says how many took part, not how much it mattered to them.',
  },
  butterfly: {
    plain:
      "How residents' scores changed between the baseline and the follow-up: for participants, and for other residents by how close they were to a participant at the baseline, to see whether the benefit spread.",
    computed: `${SCORES} Classes, fixed at B (before the outcome): participants (a participant at B); non-participants by shortest-path distance to the nearest participant in the whole network at B, ties to other communities included even when a community is asked for: direct (1), indirect (2), unreached (3 or more, or no path). Each class: n, meanChange and its paired t interval ${PAIRED_T}; ${DZ} shareImproved: the share improving by at least minimumImportantDifference points in the better direction (WEMWBS: 3). directVsUnreached: mean change of direct − unreached, with Welch's t interval (unequal variances, Welch–Satterthwaite degrees of freedom), Hedges' g = J·d on the pooled standard deviation, J = 1 − 3/(4(n₁ + n₂) − 9), with g ± 1.96·J·√((n₁ + n₂)/(n₁n₂) + d²/(2(n₁ + n₂))), and its permutation p over the direct and unreached labels of these residents. ${PERMUTATION} ${ADJUSTED} The primary instrument (the project's primaryInstrument, WEMWBS unless set) is the headline; the others are exploratory and their adjusted p is also given Holm-adjusted over the exploratory instruments (pHolm). attrition: per class, residents with both scores, only one, or neither.`,
    limits: `${OBSERVATIONAL} Closeness to a participant is not chosen at random either: people who know participants differ from those who do not. Residents without both scores are left out (see attrition); if those who stopped answering did worse, the changes look better than they were.`,
  },
  wellbeing: {
    plain:
      "How much participants' scores changed on average between the baseline and the follow-up, with the range the true average change most likely lies in.",
    computed: `For residents who were participants at B with both scores. ${SCORES} The mean change with its paired t interval ${PAIRED_T}; beside it the difference from non-participants adjusted for baseline. ${ADJUSTED}`,
    limits: `${OBSERVATIONAL} Without the adjusted difference or a comparison community, a before-and-after change cannot tell the programme from what would have happened anyway.`,
  },
  butterflyEffect: {
    plain:
      "Whether people one step from a participant (their direct contacts) gained more than people the programme's network never reached.",
    computed: `The mean change of the direct contacts (non-participants one step from a participant in the whole network at B) − that of the unreached (three steps or more, or no path), with Welch's t interval (unequal variances, Welch–Satterthwaite degrees of freedom), Hedges' g and a permutation p. ${PERMUTATION}`,
    limits:
      'Exposure is fixed at the baseline so that a later friendship cannot explain an earlier gain, but people close to participants may differ from the unreached in ways no number here sees.',
  },
  sustainability: {
    plain:
      'Whether the new ties and group memberships made during the programme were still there at the follow-up.',
    computed:
      'newPairs = pairs of residents with no tie holding at B whose first connection after B is in (B, F − horizon] (horizonDays, 90 unless set); recentPairs = those first connected in (F − horizon, F], too recent to count; retainedPairs = new pairs whose tie holds at F (a tie whose resident has left does not), retention = retainedPairs / newPairs. membershipsStarted = membership spells that began in (B, F] (a repeated membership while already a member starts nothing; rejoining after a departure starts a new spell); membershipsRetained = those still holding at F. activeGroups: at B and at F, groups with an attendance or membership event (departures do not count) in the 90 days before the moment.',
    limits:
      'A tie counts as held until someone records its end: without wave interviews that re-ask who people know, an ended friendship looks retained. Ties made in the last 90 days before the follow-up are left out because it is too soon to tell.',
  },
  valueForMoney: {
    plain:
      'What the programme spent for what it achieved: the cost per participant, per new tie and per wellbeing point gained between the baseline and the follow-up.',
    computed: `totalCost = Σ amount over the costs dated in (B, F] (with a community: only costs of that community's groups); participants = residents who are participants in the network at F; costPerParticipant = totalCost / participants; newTies = pairs tied at F and not at B; costPerNewTie = totalCost / newTies; wellbeingPointsGained = Σ (follow-up − baseline) over scoredParticipants, the participants with a score at both moments (baseline − follow-up when lower is better). ${SCORES} costPerWellbeingPoint = totalCost / wellbeingPointsGained when that is above 0. Each cost per is null when its count is zero.`,
    limits:
      'Costs are divided by everything that happened, not by what the programme caused: new ties and points that would have come anyway are counted too.',
  },
  comparison: {
    plain:
      "Whether the community's residents changed more than the residents of a comparison community over the same period.",
    computed: `With comparison=<community>: for connections, each resident's degree at F − degree at B in the whole network (ties to any community), for residents of either community in the network at both moments; for each instrument, each resident's score change (${SCORES}) for residents of either community in the network at B. estimate = the community's mean change − the comparison community's, with Welch's t interval; n = the smaller of the two groups.`,
    limits:
      'It assumes both communities would have changed alike without the programme (parallel trends), which nothing here can check; ties between the two communities count in both.',
  },
  mixing: {
    plain:
      "How much a community's ties reach residents of other communities, against what the same network would show if communities were mixed at random.",
    computed:
      "In the whole network at the moment (never cut to the community): external = ties from the community's residents to residents of another community, internal = ties among its residents; ei = (external − internal) / (external + internal), Krackhardt and Stern's E-I index of the community's row; bridging = external / (external + internal). eiExpected and bridgingExpected: their means over every way of choosing which residents with a community are this community's (as many as it has), or over seeded random choices when there are more than 9,999 (fewer on large networks; permutations says how many); p: the share of choices whose E-I is at least as far from eiExpected as the observed one. Ties to residents with no community are left out.",
    limits:
      'It shows how ties are spread, not why: residents of one community may live further apart or share fewer places, and only recorded ties count.',
  },
} satisfies Record<string, Definition>;

/** Each report field and row in words, as the Report view, its CSV and the printed report show them. */
export const LABELS: Record<string, string> = {
  // graph
  nodeCount: 'Residents',
  edgeCount: 'Ties',
  density: 'Density: share of possible ties that exist',
  averageDegree: 'Average ties per resident',
  isolates: 'Residents with no tie',
  components: 'Separate groups of connected residents',
  largestComponentShare: 'Share of residents in the largest connected group',
  averageClustering: "Average clustering: how often a resident's contacts know each other",
  transitivity: 'Share of connected triples that are closed',
  degreeCentralization: 'Degree centralisation: how much ties gather on a few residents',
  // connections
  all: 'All residents',
  participants: 'Participants',
  nonParticipants: 'Other residents',
  meanChange: 'Mean change',
  medianChange: 'Median change',
  shareIncreased: 'Share with more ties',
  shareDecreased: 'Share with fewer ties',
  left: 'Residents who left before the follow-up',
  adjusted: 'Participants − other residents at the follow-up, adjusted for the baseline',
  dz: 'Effect size (change / its spread)',
  // involvement
  residents: 'Residents',
  inGroup: 'Residents in a group',
  inGroupShare: 'Share of residents in a group',
  membershipsPerResident: 'Group memberships per resident',
  activeAttendees: 'Residents at an activity in the last 90 days',
  attendances: 'Attendances in the last 90 days',
  // butterfly classes
  direct: 'Direct contacts (one step from a participant)',
  indirect: 'Indirect contacts (two steps)',
  unreached: 'Not reached (three steps or more)',
  directVsUnreached: 'Direct contacts − not reached',
  hedgesG: "Effect size (Hedges' g)",
  shareImproved: 'Share improving by a noticeable amount',
  pHolm: 'p adjusted for the exploratory instruments (Holm)',
  both: 'With both scores',
  baselineOnly: 'Baseline score only',
  followupOnly: 'Follow-up score only',
  neither: 'Neither score',
  // mixing
  external: 'Ties to other communities',
  internal: 'Ties within the community',
  ei: 'E-I index: ties out − ties in, over all',
  eiExpected: 'E-I index if communities mixed at random',
  bridging: 'Share of ties reaching another community',
  bridgingExpected: 'Share reaching another community if mixed at random',
  p: 'p: how often chance alone gives a result this far out',
  permutations: 'Random mixings compared',
  // sustainability
  newPairs: 'New ties in the period',
  retainedPairs: 'New ties still held at the follow-up',
  retention: 'Share of new ties still held',
  recentPairs: 'New ties too recent to judge',
  horizonDays: 'Days before the follow-up a new tie must have begun to count',
  membershipsStarted: 'Group memberships started',
  membershipsRetained: 'Memberships still held at the follow-up',
  membershipRetention: 'Share of new memberships still held',
  activeGroups: 'Groups active in the last 90 days',
  // value for money
  totalCost: 'Total cost',
  costs: 'Costs counted',
  costPerParticipant: 'Cost per participant',
  newTies: 'New ties (held at the follow-up, not at the baseline)',
  costPerNewTie: 'Cost per new tie',
  scoredParticipants: 'Participants with both scores',
  wellbeingPointsGained: 'Wellbeing points gained',
  costPerWellbeingPoint: 'Cost per wellbeing point',
};

/** Fields that are shares of a whole: shown as percentages. */
export const SHARES = new Set([
  'density',
  'largestComponentShare',
  'averageClustering',
  'transitivity',
  'degreeCentralization',
  'shareIncreased',
  'shareDecreased',
  'inGroupShare',
  'retention',
  'membershipRetention',
  'shareImproved',
  'bridging',
  'bridgingExpected',
]);

/** A field in words; the field itself where no label is written (a test keeps that from happening). */
export const label = (field: string) => LABELS[field] ?? field;
