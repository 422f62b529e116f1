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

/** The definitions other sections share, and the title each is named by where it joins them. */
export const SHARED = {
  scores: 'Which scores are compared',
  adjusted: 'The adjusted difference',
  permutation: 'The permutation test',
} as const;

/**
 * A section's definition with the shared ones it uses joined to its formula (the printed report
 * gives each once instead), so the API's text is whole.
 */
export const withShared = (d: Definition, ...names: (keyof typeof SHARED)[]) =>
  definitionText({
    ...d,
    computed: [
      d.computed,
      ...names.map((n) => `${SHARED[n]}: ${DEFINITIONS[n].plain} ${DEFINITIONS[n].computed}`),
    ].join(' '),
  });

/** A definition whose numbers carry a permutation p: the permutation test's own joins its formula. */
export const withPermutationTest = (d: Definition) => withShared(d, 'permutation');

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

const PAIRED_T =
  'mean ± t(0.975, n−1)·s/√n, s the sample standard deviation (none when n < 2; when every change is the same, marked not informative)';

const DZ =
  'Effect size dz = mean change / standard deviation of the changes, with the interval dz ± 1.96·√(1/n + dz²/(2n)).';

const OBSERVATIONAL =
  'It is observational: who took part was not decided at random, so a difference may come from who took part, a trend everyone shared or scores drifting back towards the average.';

export const DEFINITIONS = {
  scores: {
    plain:
      "Which of a resident's scores count as their score at the baseline and at the follow-up.",
    computed:
      'With two waves named, their latest measure of each wave; otherwise their latest in the 90 days before B, (B − 90 days, B], and in (the later of B and F − 90 days, F] (the reader may set another number of days). No score is carried forward from before its window; change = follow-up − baseline, for residents with both.',
    limits:
      'A resident measured only long before a moment has no score then, so the residents compared may be fewer than those in the network.',
  },
  adjusted: {
    plain:
      'How far participants ended above or below other residents who started at the same level.',
    computed:
      "The participant coefficient of the ordinary least squares fit follow-up ~ participant + baseline over residents with both values (statsmodels' formula), with its t interval estimate ± t(0.975, n − 3)·SE and two-sided p; none with fewer than four residents, an empty group, or baselines that do not vary.",
    limits:
      'It allows for where people started, not for why they took part: those who chose to take part may differ in ways the baseline does not show.',
  },
  withinPerson: {
    plain:
      'How many more people each resident was connected to at the follow-up than at the baseline, for the residents already there at the baseline, and whether participants gained more than others.',
    computed: `Residents in the network at the baseline B and still in it at the follow-up F (those who left in between are counted apart; withdrawn residents excluded). Change = degree at F − degree at B, in the network at each moment; a participant is one at B. The mean change with its paired t interval ${PAIRED_T}; ${DZ} The median change; the shares of n with more and with fewer ties. The adjusted difference, and the permutation p comparing participants' mean change with other residents' (the permutation test).`,
    limits: `${OBSERVATIONAL} Participants' ties are named at workshops more often than others', so some gain may be recording. Without wave interviews ties rarely end, so counts can only grow.`,
  },
  involvement: {
    plain:
      'How many residents belonged to at least one community group, and how many took part in an activity in the 90 days before each moment.',
    computed:
      'At moment M: residents = those in the network at M; residents in a group = those with at least one group membership holding at M, and their share of residents; memberships per resident = memberships holding at M / residents; residents at an activity = those with an attendance event in (M − 90 days, M], and attendances = those events (90 days = 90 × 24 hours).',
    limits:
      'It counts what coordinators recorded: a membership nobody ended is still held, and an activity with no attendance taken counts for nothing. It says how many took part, not how much it mattered to them.',
  },
  butterfly: {
    plain:
      "How residents' scores changed between the baseline and the follow-up: for participants, and for other residents by how close they were to a participant at the baseline, to see whether the benefit spread.",
    computed: `Scores as compared. Classes, fixed at B: participants at B; other residents by shortest-path distance to the nearest participant in the whole network at B (every community's ties): direct contacts (1), indirect contacts (2), not reached (3 or more, or none). Each class: n, the mean change with its paired t interval, dz, and the share improving by at least the instrument's minimum important difference (WEMWBS: 3 points). Direct contacts − not reached: the difference of mean changes with Welch's t interval, Hedges' g (pooled standard deviation, small-sample corrected, normal interval) and the permutation p. The adjusted difference over every class. The primary instrument (WEMWBS unless set) is the headline; the others are exploratory, their adjusted p also Holm-adjusted among them. Attrition: per class, residents with both scores, one, or neither.`,
    limits: `${OBSERVATIONAL} People who know participants differ from those who do not. Residents without both scores are left out (see attrition): if those who stopped answering did worse, the changes look better than they were.`,
  },
  wellbeing: {
    plain:
      "How much participants' scores changed on average between the baseline and the follow-up, with the range the true average change most likely lies in.",
    computed: `Participants at B with both scores (scores as compared): the mean change with its paired t interval ${PAIRED_T}, and the adjusted difference from other residents. The means at a moment count each resident's latest score in the 90 days before it; a wave's, their latest of the wave.`,
    limits: `${OBSERVATIONAL} A before-and-after change alone cannot tell the programme from what would have happened anyway.`,
  },
  butterflyEffect: {
    plain:
      "Whether people one step from a participant (their direct contacts) gained more than people the programme's network never reached.",
    computed: `The mean change of the direct contacts (one step from a participant in the whole network at B) − that of those not reached (three steps or more), with Welch's t interval (unequal variances, Welch–Satterthwaite degrees of freedom), Hedges' g and the permutation p.`,
    limits:
      'Exposure is fixed at the baseline, so a later friendship cannot explain an earlier gain; but people close to participants may differ from the unreached.',
  },
  permutation: {
    plain:
      "Residents in a network are not independent of each other: one new tie raises two people's degree, and friends' wellbeing moves together. The t intervals assume they are; the permutation p does not.",
    computed:
      "It keeps the network and every resident's change as they are, shuffles only which residents are in which of the two groups, and gives p, the share of shufflings whose difference in means is at least as large, either way, as the one seen (the real one included): every shuffling when there are at most 9,999, else 9,999 seeded random ones (p = (hits + 1) / 10,000).",
    limits:
      'A small p says the groups differ by more than chance labelling would give; it does not say why, nor that the programme caused it.',
  },
  sustainability: {
    plain:
      'Whether the new ties and group memberships made during the programme were still there at the follow-up.',
    computed:
      'New ties = pairs with no tie at B first connected in (B, F − horizon] (90 days unless set); those first connected later are too recent to judge; still held = new ties holding at F (not when a resident has left), and their share; of them, named again = those where a resident of the pair answered the name question at a wave after the tie formed and at or before F. Memberships started = membership spells begun in (B, F] (rejoining after a departure starts a new one); those still held at F, and their share. Groups active at B and at F = groups with an attendance or membership event in the 90 days before.',
    limits:
      'A tie counts as held until someone records its end: a held tie that no wave re-asked (still held minus named again) is unconfirmed, and without wave interviews an ended friendship looks retained.',
  },
  valueForMoney: {
    plain:
      'What the programme spent for what it achieved: the cost per participant, per new tie and per wellbeing point gained between the baseline and the follow-up.',
    computed: `Total cost = Σ amount over the costs dated in (B, F] (with a community: only costs of that community's groups). Cost per participant = total cost / residents who are participants in the network at F. Cost per new tie = total cost / pairs tied at F and not at B. Cost per wellbeing point = total cost / points gained, when above 0; points gained = Σ (follow-up − baseline) over the participants with a score at both moments (baseline − follow-up when lower is better; scores as compared). Each cost per is empty when its count is zero.`,
    limits:
      'Costs are divided by everything that happened, not by what the programme caused: new ties and points that would have come anyway are counted too.',
  },
  comparison: {
    plain:
      "Whether the community's residents changed more than the residents of a comparison community over the same period.",
    computed: `With a comparison community: for connections, each resident's degree at F − degree at B in the whole network (ties to any community), for residents of either community in the network at both moments; for each instrument, each resident's score change (scores as compared) for residents of either community in the network at B. The difference = the community's mean change − the comparison community's, with Welch's t interval; n = the smaller of the two groups.`,
    limits:
      'It assumes both communities would have changed alike without the programme (parallel trends), which nothing here can check; ties between the two communities count in both.',
  },
  mixing: {
    plain:
      "How much a community's ties reach residents of other communities, against what the same network would show if communities were mixed at random.",
    computed:
      "In the whole network, never cut to the community: E = ties from its residents to another community's, I = ties among them; E-I index (Krackhardt and Stern) = (E − I) / (E + I); share reaching another community = E / (E + I). Under random mixing: their means over every choice of which residents with a community are this one's (seeded random choices beyond 9,999); p = the share of choices whose E-I is at least as far from that mean as the observed one. Ties to residents with no community are left out.",
    limits:
      'It shows how ties are spread, not why: residents of one community may live further apart or share fewer places, and only recorded ties count.',
  },
  nameQuestion: {
    plain:
      'At each wave of interviews, how many residents answered the question "who do you know?", and what became of the ties recorded before it: named again, ended, or unknown because nobody in the tie was asked.',
    computed:
      'A wave: the interview events of one wave name up to the follow-up, from its first to its last interview (a wave still under way at the follow-up counts the interviews up to it). Eligible = residents in the network at the last interview; asked = those of them who answered at the wave; response rate = asked / eligible. Each tie holding just before the first interview: named again when one of its residents answered and it still holds after the last one; ended when one answered and it no longer holds (not named, or a resident left); unknown when neither answered. With a community, its residents and the ties among them.',
    limits:
      'An unknown tie is kept as recorded: nobody said it still holds, so counts of ties held include ties that may have ended. Residents who answered may differ from those who did not.',
  },
  network: {
    plain:
      'How the whole network looked at the baseline and at the follow-up: how many residents and ties, how connected they were, and whether ties gathered on a few people.',
    computed:
      "The network at each moment under the time rule, undirected and unweighted, with NetworkX conventions: density = 2m / (n(n − 1)) for n residents and m ties; average ties per resident = 2m / n; residents with no tie; separate groups = connected components; the largest one's share of residents; average clustering = mean local clustering, zeros counted; closed triples = 3 × triangles / connected triples; degree centralisation (Freeman) = Σ(dmax − dᵢ) / ((n − 1)(n − 2)). Change = follow-up − baseline.",
    limits:
      'It describes the ties recorded, not every friendship: a resident nobody asked about looks isolated, and a tie nobody ended looks current.',
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
  confirmedPairs: 'Of them, named again at a later wave',
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
  eligible: 'Residents in the network at the wave',
  asked: 'Residents who answered',
  responseRate: 'Response rate',
  tiesBefore: 'Ties recorded before the wave',
  stillNamed: 'Ties named again',
  ended: 'Ties ended',
  unknown: 'Ties unknown (nobody in them asked)',
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
  'responseRate',
]);

/** A field in words; the field itself where no label is written (a test keeps that from happening). */
export const label = (field: string) => LABELS[field] ?? field;
