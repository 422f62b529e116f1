// The report's words: each outcome's definition (one plain sentence first, then how it is
// computed) and each field's label in words, for the API's definitions, the Report view, its CSV
// downloads and the printed report. No imports: Vite builds it too.

export interface Definition {
  /** What the number says, in words a funder reads. */
  plain: string;
  /** The formula and conventions, for someone reproducing it. */
  computed: string;
}

/** What separates the plain sentence from the formula in a definition's text. */
export const HOW_COMPUTED = 'How it is computed:';

export const definitionText = (d: Definition) => `${d.plain} ${HOW_COMPUTED} ${d.computed}`;

/** A definition whose numbers carry a permutation p, followed by the permutation test's own. */
export const withPermutationTest = (d: Definition) =>
  `${definitionText(d)} The permutation test: ${DEFINITIONS.permutation.plain} ${DEFINITIONS.permutation.computed}`;

/** A definition's text parted again (all of it plain when it has no formula part). */
export function splitDefinition(text: string): Definition {
  const at = text.indexOf(HOW_COMPUTED);
  if (at < 0) return { plain: text, computed: '' };
  return { plain: text.slice(0, at).trim(), computed: text.slice(at + HOW_COMPUTED.length).trim() };
}

const PAIRED_T = 'mean ± t(0.975, n−1)·s/√n, s the sample standard deviation (none when n < 2)';

export const DEFINITIONS = {
  withinPerson: {
    plain:
      'How many more people each resident was connected to at the follow-up than at the baseline, for the residents already there at the baseline, and whether participants gained more than others.',
    computed: `Residents who joined by the baseline B (withdrawn residents excluded). Change = degree at the follow-up F − degree at B, in the network at each moment. The mean change with its paired t interval ${PAIRED_T}; the median change; the shares of n with more and with fewer ties. The permutation p compares participants' mean change with other residents' (the permutation test).`,
  },
  involvement: {
    plain:
      'How many residents belonged to at least one community group, and how many took part in an activity in the 90 days before each moment.',
    computed:
      'At moment M: residents = those who joined by M; residents in a group = those with at least one group membership holding at M, and their share of residents; memberships per resident = memberships holding at M / residents; residents at an activity = those with an attendance event in (M − 90 days, M], and attendances = those events (90 days = 90 × 24 hours).',
  },
  butterfly: {
    plain:
      "How residents' scores changed between the baseline and the follow-up: for participants, and for other residents by how close they were to a participant, to see whether the benefit spread.",
    computed: `Baseline score = a resident's latest measure at or before B; follow-up score = their latest measure in (B, F]; change = follow-up − baseline, for residents with both. Classes: participants; other residents by shortest-path distance in the network at F to the nearest participant: direct contacts (1), indirect contacts (2), not reached (3 or more, or no path). Each class: n and the mean change with its paired t interval ${PAIRED_T}. Direct contacts − not reached: the difference of their mean changes, with Welch's t interval (unequal variances, Welch–Satterthwaite degrees of freedom) and its permutation p over the direct and unreached labels of these residents (the permutation test).`,
  },
  wellbeing: {
    plain:
      "How much participants' scores changed on average between the baseline and the follow-up, with the range the true average change most likely lies in.",
    computed: `For participants with a score at both moments: baseline score = their latest measure at or before B, follow-up score = their latest in (B, F], change = follow-up − baseline; the mean change with its paired t interval ${PAIRED_T}.`,
  },
  butterflyEffect: {
    plain:
      "Whether people one step from a participant (their direct contacts) gained more than people the programme's network never reached.",
    computed: `The mean change of the direct contacts (other residents one step from a participant in the network at F) − that of the residents not reached (three steps or more, or no path), with Welch's t interval (unequal variances, Welch–Satterthwaite degrees of freedom) and its permutation p (the permutation test).`,
  },
  permutation: {
    plain:
      "Residents in a network are not independent of each other: one new tie raises two people's degree, and friends' wellbeing moves together. The t intervals assume they are; the permutation p does not.",
    computed:
      "It keeps the network and every resident's change as they are, shuffles only which residents are in which of the two groups, and gives p, the share of shufflings whose difference in means is at least as large, either way, as the one seen (the real one included): every shuffling when there are at most 9,999, else 9,999 seeded random ones (p = (hits + 1) / 10,000).",
  },
  sustainability: {
    plain:
      'Whether the new ties and group memberships made during the programme were still there at the follow-up.',
    computed:
      'New ties = pairs of residents with no tie holding at B and at least one connection event in (B, F]; those still held = the ones whose tie holds at F, and their share. Memberships started = membership spells that began in (B, F] (a repeated membership while already a member starts nothing; rejoining after a departure starts a new spell); those still held at F, and their share. Groups active = groups with an attendance or membership event (departures do not count) in (F − 90 days, F].',
  },
  valueForMoney: {
    plain:
      'What the programme spent for what it achieved: the cost per participant, per new tie and per wellbeing point gained between the baseline and the follow-up.',
    computed:
      "Total cost = Σ amount over the costs dated in (B, F] (with a community: only costs of that community's groups). Cost per participant = total cost / residents marked as participants in the network at F. Cost per new tie = total cost / pairs tied at F and not at B. Cost per wellbeing point = total cost / points gained, when above 0; points gained = Σ (follow-up − baseline) over the participants with a score at both moments (baseline − follow-up when lower is better), the baseline score being the latest at or before B and the follow-up score the latest in (B, F]. Each cost per is empty when its count is zero.",
  },
  network: {
    plain:
      'How the whole network looked at the baseline and at the follow-up: how many residents and ties, how connected they were, and whether ties gathered on a few people.',
    computed:
      "The network at each moment under the time rule, undirected and unweighted, with NetworkX conventions: density = 2m / (n(n − 1)) for n residents and m ties; average ties per resident = 2m / n; residents with no tie; separate groups = connected components; the largest one's share of residents; average clustering = mean local clustering, zeros counted; closed triples = 3 × triangles / connected triples; degree centralisation (Freeman) = Σ(dmax − dᵢ) / ((n − 1)(n − 2)). Change = follow-up − baseline.",
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
  // sustainability
  newPairs: 'New ties in the period',
  retainedPairs: 'New ties still held at the follow-up',
  retention: 'Share of new ties still held',
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
]);

/** A field in words; the field itself where no label is written (a test keeps that from happening). */
export const label = (field: string) => LABELS[field] ?? field;
