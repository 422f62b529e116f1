// The Report view's headline cards: one per outcome, each with its number, change, interval, n
// and definition, and a note when a cell was withheld for having too few residents.
import { DEFINITIONS, definitionText } from '../../server/report-words.ts';
import type { Report } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import { interval, money, percent, plain, points, pValue, signed } from './format.ts';
import { definition, type Cell } from './sections.ts';

const withheld = (cell: Cell | undefined) =>
  cell?.suppressed ? '<p class="withheld">Withheld: too few residents to show.</p>' : '';

export interface Card {
  title: string;
  number: string;
  change: string;
  interval: string;
  n: string;
  /** Participants against other residents who started at the same level. */
  adjusted?: string;
  definition: string;
  cell?: Cell;
}

export function card(c: Card): string {
  return (
    `<article class="card"><h4>${escapeHtml(c.title)}</h4>` +
    `<p class="number">${escapeHtml(c.number)}</p><p class="change">${escapeHtml(c.change)}</p>` +
    `<p class="interval">${escapeHtml(c.interval)}</p><p class="n">${escapeHtml(c.n)}</p>` +
    (c.adjusted ? `<p class="adjusted">${escapeHtml(c.adjusted)}</p>` : '') +
    withheld(c.cell) +
    definition(c.definition) +
    `</article>`
  );
}

/** The adjusted difference in a sentence: "+7.60 ties against other residents who started level (95% CI …, n = 253)". */
function adjustedWords(a: Report['connections']['withinPerson']['adjusted'], unit: string) {
  if (a.estimate === null) return 'Against other residents who started level: too few to compare';
  return `Against other residents who started level: ${signed(a.estimate)} ${unit} (${interval(a.ci95)}; n = ${plain(a.n)})`;
}

/** "; permutation p = 0.012" when the test could be run. */
const permuted = (p: { p: number | null } | null | undefined) =>
  p && p.p !== null ? `; permutation ${pValue(p.p)}` : '';

/** The headline card of each outcome. */
export function headlineCards(r: Report): Card[] {
  const wp = r.connections.withinPerson;
  const [involvedB, involvedF] = [r.involvement.baseline, r.involvement.followup];
  const [instrument, wellbeing] = Object.entries(r.butterfly)[0] ?? [];
  const s = r.sustainability;
  const cards: Card[] = [
    {
      title: 'Connections built',
      number: `${signed(wp.participants.meanChange)} ties`,
      change: `participants' mean change in ties; all residents ${signed(wp.all.meanChange)}`,
      interval: interval(wp.participants.ci95) + permuted(wp.permutation),
      n: `n = ${plain(wp.participants.n)} participants`,
      adjusted: adjustedWords(wp.adjusted, 'ties'),
      definition: wp.definition,
      cell: wp.participants,
    },
    {
      title: 'Involvement',
      number: `${percent(involvedF.inGroupShare)} in a group`,
      change: `${pointChange(involvedB.inGroupShare, involvedF.inGroupShare)} from ${percent(involvedB.inGroupShare)}`,
      interval: `${plain(involvedB.activeAttendees)} → ${plain(involvedF.activeAttendees)} residents at an activity in the last 90 days`,
      n: `n = ${plain(involvedF.residents)} residents at follow-up`,
      definition: r.involvement.definition,
      cell: involvedF,
    },
  ];
  if (instrument && wellbeing) {
    const vsUnreached = wellbeing.directVsUnreached;
    cards.push(
      {
        title: `Wellbeing (${instrument})`,
        number: signed(wellbeing.participants.meanChange),
        change: "participants' mean change in score",
        interval: interval(wellbeing.participants.ci95),
        n: `n = ${plain(wellbeing.participants.n)} participants`,
        adjusted: adjustedWords(wellbeing.adjusted, 'points'),
        definition: definitionText(DEFINITIONS.wellbeing),
        cell: wellbeing.participants,
      },
      {
        title: 'Butterfly effect',
        number: signed(vsUnreached.estimate),
        change: `direct contacts' change (${signed(wellbeing.direct.meanChange)}) − not reached (${signed(wellbeing.unreached.meanChange)})`,
        interval: `Welch ${interval(vsUnreached.ci95)}${permuted(vsUnreached.permutation)}`,
        n: `n = ${plain(wellbeing.direct.n)} direct, ${plain(wellbeing.unreached.n)} not reached`,
        definition: definitionText(DEFINITIONS.butterflyEffect),
        cell: vsUnreached,
      },
    );
  }
  cards.push({
    title: 'Sustainability',
    number: `${percent(s.retention)} of new ties held`,
    change: `${s.retainedPairs} of ${s.newPairs} new ties; ${percent(s.membershipRetention)} of ${s.membershipsStarted} new memberships`,
    interval: `${s.activeGroups.followup} groups active in the last 90 days (${s.activeGroups.baseline} before the baseline)`,
    n: `n = ${s.newPairs} new ties`,
    definition: s.definition,
  });
  cards.push(valueCard(r.valueForMoney));
  return cards;
}

function valueCard(v: Report['valueForMoney']): Card {
  const cost = (amount: number | null) => money(amount, v.currency);
  return {
    title: 'Value for money',
    number: `${cost(v.costPerParticipant)} per participant`,
    change: `${cost(v.costPerNewTie)} per new tie; ${cost(v.costPerWellbeingPoint)} per ${v.instrument} point gained`,
    interval: `${cost(v.totalCost)} spent (${plain(v.costs)} costs); ${plain(v.newTies)} new ties; ${signed(v.wellbeingPointsGained, 0)} points`,
    n: `n = ${plain(v.participants)} participants, ${plain(v.scoredParticipants)} with both scores`,
    definition: v.definition,
    cell: v,
  };
}

const pointChange = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? '—' : points(b - a);
