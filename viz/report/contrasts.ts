// The Report view's tables beyond before and after: participants against other residents adjusted
// for the baseline (with Holm's p for the exploratory instruments), the effect sizes, who has which
// scores per class (attrition), mixing against random mixing, and the comparison community.
import { DEFINITIONS, LABELS, definitionText, withShared } from '../../server/report-words.ts';
import { ownEntry, type Report } from '../common/api.ts';
import { className } from './exposure.ts';
import { longDate } from './format.ts';
import { ci, instrumentLabel, share, type Table, type Value } from './sections.ts';

type Instrument = Report['butterfly'][string];
const CLASSES = ['participants', 'direct', 'indirect', 'unreached'] as const;
const signed = (v: number | null | undefined): Value => ({ v, as: 'signed' });
const p = (v: number | null | undefined): Value => ({ v, as: 'p' });

/** An instrument's name in words, short: its direction is in the tables of change by exposure. */
const named = (r: Report, id: string) => ownEntry(r.instruments, id)?.name ?? id;
/** An instrument's row name: its name and whether it is the headline or exploratory. */
const role = (r: Report, id: string, b: Instrument) =>
  `${named(r, id)}, ${b.role === 'primary' ? 'headline' : 'exploratory'}`;

/** The tables that contrast groups, in the order a reader weighs them. */
export function contrastTables(r: Report, names: ReadonlyMap<string, string>): Table[] {
  const instruments = Object.entries(r.butterfly);
  const wp = r.connections.withinPerson;
  const tables: Table[] = [
    {
      id: 'adjusted',
      title: 'Participants against other residents who started at the same level',
      definition: withShared(DEFINITIONS.adjusted, 'scores'),
      head: ['Outcome', 'n', 'Difference', '95% CI low', '95% CI high', 'p', LABELS.pHolm],
      rows: [
        [
          'Connections (ties)',
          wp.adjusted.n,
          signed(wp.adjusted.estimate),
          ...ci(wp.adjusted.ci95),
          p(wp.adjusted.p),
          '—',
        ],
        ...instruments.map(([id, b]): Value[] => [
          role(r, id, b),
          b.adjusted.n,
          signed(b.adjusted.estimate),
          ...ci(b.adjusted.ci95),
          p(b.adjusted.p),
          p(b.adjusted.pHolm),
        ]),
      ],
      note: "The difference is in ties for connections and in points of each score; the headline score is tested alone, and the exploratory ones' p is also adjusted for testing several (Holm).",
      wide: true,
    },
  ];
  if (instruments.length > 0)
    tables.push(
      {
        id: 'effect-sizes',
        title: 'Effect sizes: changes in units of their spread',
        definition: definitionText(DEFINITIONS.butterfly),
        head: ['Change', 'n', 'Effect size', '95% CI low', '95% CI high', LABELS.shareImproved],
        rows: instruments.flatMap(([id, b]): Value[][] => [
          [
            `${named(r, id)}: participants`,
            b.participants.n,
            b.participants.dz?.value,
            ...ci(b.participants.dz?.ci95),
            b.minimumImportantDifference === null ? '—' : share(b.participants.shareImproved),
          ],
          [
            `${named(r, id)}: ${LABELS.directVsUnreached.toLowerCase()}`,
            b.directVsUnreached.n,
            b.directVsUnreached.hedgesG?.value,
            ...ci(b.directVsUnreached.hedgesG?.ci95),
            '—',
          ],
        ]),
        note: "Participants: change / spread of the changes (dz). Direct contacts − not reached: Hedges' g. Around 0.2 is small, 0.5 medium, 0.8 large.",
        wide: true,
      },
      {
        id: 'attrition',
        title: 'Who has which scores, by class at the baseline',
        definition: definitionText(DEFINITIONS.scores),
        head: [
          'Residents',
          'In the network',
          LABELS.both,
          LABELS.baselineOnly,
          LABELS.followupOnly,
          LABELS.neither,
        ],
        rows: instruments.flatMap(([id, b]) =>
          CLASSES.map((k): Value[] => {
            const a = b.attrition[k];
            return [
              `${named(r, id)}: ${className(k)}`,
              a.n,
              a.both,
              a.baselineOnly,
              a.followupOnly,
              a.neither,
            ];
          }),
        ),
        wide: true,
      },
    );
  if (r.nameQuestion.waves.length > 0) tables.push(nameQuestionTable(r));
  tables.push(mixingTable(r, names));
  if (r.comparison) tables.push(comparisonTable(r, names, r.comparison));
  return tables;
}

/** Each wave of interviews: who answered of whom, and the ties before it named again, ended or unknown. */
function nameQuestionTable(r: Report): Table {
  const q = r.nameQuestion;
  return {
    id: 'name-question',
    title: 'Who answered "who do you know?" at each wave, and what became of the ties before it',
    definition: q.definition,
    head: [
      'Wave',
      LABELS.eligible,
      LABELS.asked,
      LABELS.responseRate,
      LABELS.tiesBefore,
      LABELS.stillNamed,
      LABELS.ended,
      LABELS.unknown,
    ],
    rows: q.waves.map((w): Value[] => [
      `${w.wave} (${longDate(w.at)})`,
      w.eligible,
      w.asked,
      share(w.responseRate),
      w.tiesBefore,
      w.stillNamed,
      w.ended,
      w.unknown,
    ]),
    note: 'An unknown tie is kept as recorded but nobody said it still holds: counts of ties held include it.',
    wide: true,
  };
}

function mixingTable(r: Report, names: ReadonlyMap<string, string>): Table {
  const [before, after] = [r.mixing.baseline, r.mixing.followup];
  return {
    id: 'mixing',
    title: 'Mixing between communities, against random mixing (whole network)',
    definition: definitionText(DEFINITIONS.mixing),
    head: [
      'Community',
      LABELS.internal,
      LABELS.external,
      'E-I index at the baseline',
      'E-I index at the follow-up',
      LABELS.eiExpected,
      'p',
      LABELS.bridging,
      LABELS.bridgingExpected,
    ],
    rows: Object.entries(after).map(([id, m]): Value[] => [
      names.get(id) ?? id,
      m.internal,
      m.external,
      signed(ownEntry(before, id)?.ei),
      signed(m.ei),
      signed(m.eiExpected),
      p(m.p),
      share(m.bridging),
      share(m.bridgingExpected),
    ]),
    note: 'From −1 (every tie inside the community) to +1 (every tie to another); at the follow-up unless said.',
    wide: true,
  };
}

function comparisonTable(
  r: Report,
  names: ReadonlyMap<string, string>,
  c: NonNullable<Report['comparison']>,
): Table {
  const treated = names.get(r.community ?? '') ?? 'This community';
  const other = names.get(c.community) ?? c.community;
  const row = (label: string, d: (typeof c)['connections']): Value[] => [
    label,
    d.treated.n,
    signed(d.treated.meanChange),
    d.comparison.n,
    signed(d.comparison.meanChange),
    signed(d.estimate),
    ...ci(d.ci95),
  ];
  return {
    id: 'comparison',
    title: `${treated} against ${other}: difference in mean change`,
    definition: c.definition,
    head: [
      'Outcome',
      `${treated}: n`,
      `${treated}: mean change`,
      `${other}: n`,
      `${other}: mean change`,
      'Difference',
      '95% CI low',
      '95% CI high',
    ],
    rows: [
      row('Connections (ties)', c.connections),
      ...Object.entries(c.instruments).map(([id, d]) => row(instrumentLabel(r, id), d)),
    ],
    wide: true,
  };
}
