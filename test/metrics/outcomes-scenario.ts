// The hand-built programme behind the outcome tests (metrics and API): 20 residents, 4 groups,
// baseline on day 100 and follow-up on day 300 of 2025. Every expected number is worked by hand
// in test/metrics/outcomes.test.ts from the events listed here, but for the involvement at the
// follow-up, worked at the end of this file because the API's report test checks it too.
const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2025, 0, 1);

/** Midnight UTC of day `n` of the scenario, as an ISO instant. */
export const day = (n: number) => new Date(START_MS + n * DAY_MS).toISOString();
export const BASELINE = day(100);
export const FOLLOWUP = day(300);

const participants = ['P1', 'P2', 'P3', 'P4', 'P5'];
const others = Array.from({ length: 15 }, (_, i) => `N${i + 1}`);

export const residents = [...participants, ...others].map((id) => ({
  id,
  name: id,
  communityId: 'north',
  participant: id.startsWith('P'),
  joinedAt: id === 'N14' ? day(150) : day(0),
  consent: 'given' as const,
}));

export const groups = [
  { id: 'G1', name: 'G1', kind: 'activity' as const },
  { id: 'G2', name: 'G2', kind: 'association' as const },
  { id: 'G3', name: 'G3', kind: 'activity' as const },
  { id: 'G4', name: 'G4', kind: 'informal' as const },
];

type Event =
  | { id: string; type: 'connection' | 'disconnection'; at: string; from: string; to: string }
  | {
      id: string;
      type: 'membership' | 'departure' | 'attendance';
      at: string;
      resident: string;
      group: string;
    }
  | {
      id: string;
      type: 'measure';
      at: string;
      resident: string;
      instrument: string;
      score: number;
    };

let counter = 0;
const next = () => `e${String(++counter).padStart(3, '0')}`;
const pair =
  (type: 'connection' | 'disconnection') =>
  (d: number, from: string, to: string): Event => ({ id: next(), type, at: day(d), from, to });
const tie = pair('connection');
const untie = pair('disconnection');
const group =
  (type: 'membership' | 'departure' | 'attendance') =>
  (d: number, resident: string, group: string): Event => ({
    id: next(),
    type,
    at: day(d),
    resident,
    group,
  });
const join = group('membership');
const leave = group('departure');
const attend = group('attendance');
const score = (d: number, resident: string, value: number, instrument = 'WEMWBS'): Event => ({
  id: next(),
  type: 'measure',
  at: day(d),
  resident,
  instrument,
  score: value,
});

const unsorted: Event[] = [
  // Ties holding at B: P1–P2, P3–N1, N2–N3, P4–N4 (ends day 200). N5–N6 ends before B, is renewed after.
  tie(10, 'P1', 'P2'),
  tie(20, 'P3', 'N1'),
  tie(30, 'N2', 'N3'),
  tie(40, 'P4', 'N4'),
  tie(50, 'N5', 'N6'),
  untie(90, 'N5', 'N6'),
  tie(110, 'N5', 'N6'),
  tie(120, 'P1', 'N1'),
  tie(130, 'P2', 'N2'),
  tie(140, 'P5', 'N7'),
  tie(150, 'P5', 'N8'),
  tie(160, 'N7', 'N9'),
  tie(170, 'N9', 'N10'),
  tie(180, 'P1', 'P2'),
  tie(190, 'N14', 'N11'),
  untie(200, 'P4', 'N4'),
  untie(250, 'P5', 'N8'),
  tie(310, 'P1', 'N12'),
  // Memberships and departures.
  join(5, 'P1', 'G1'),
  join(20, 'P3', 'G2'),
  join(20, 'N6', 'G4'),
  join(50, 'P2', 'G1'),
  join(60, 'P1', 'G1'),
  leave(80, 'P2', 'G1'),
  join(90, 'N4', 'G2'),
  leave(100, 'N4', 'G2'),
  join(120, 'N1', 'G2'),
  join(130, 'N2', 'G3'),
  join(150, 'P2', 'G1'),
  join(200, 'P5', 'G1'),
  join(200, 'P3', 'G2'),
  join(210, 'P5', 'G3'),
  leave(250, 'N6', 'G4'),
  leave(280, 'N2', 'G3'),
  join(300, 'P4', 'G3'),
  join(320, 'N5', 'G2'),
  // Attendance.
  attend(10, 'P1', 'G1'),
  attend(40, 'P1', 'G1'),
  attend(70, 'P1', 'G1'),
  attend(95, 'P2', 'G3'),
  attend(100, 'N1', 'G1'),
  attend(210, 'P5', 'G1'),
  attend(220, 'P5', 'G1'),
  attend(230, 'P5', 'G3'),
  attend(240, 'N7', 'G3'),
  attend(260, 'N14', 'G3'),
  attend(305, 'P1', 'G1'),
  // WEMWBS and UCLA-3 measures.
  score(50, 'P1', 40),
  score(290, 'P1', 48),
  score(60, 'P2', 42),
  score(95, 'P2', 44),
  score(200, 'P2', 50),
  score(290, 'P2', 51),
  score(70, 'P3', 38),
  score(280, 'P3', 43),
  score(70, 'P4', 50),
  score(100, 'P5', 35),
  score(300, 'P5', 41),
  score(60, 'N1', 45),
  score(260, 'N1', 49),
  score(60, 'N2', 47),
  score(260, 'N2', 50),
  score(60, 'N7', 44),
  score(260, 'N7', 50),
  score(60, 'N3', 50),
  score(260, 'N3', 52),
  score(60, 'N9', 46),
  score(260, 'N9', 47),
  score(60, 'N10', 48),
  score(260, 'N10', 48),
  score(60, 'N4', 52),
  score(260, 'N4', 51),
  score(60, 'N5', 43),
  score(260, 'N5', 45),
  score(60, 'N8', 49),
  score(260, 'N8', 49),
  score(60, 'N12', 47),
  score(260, 'N12', 46),
  score(60, 'N13', 45),
  score(260, 'N13', 47),
  score(320, 'N13', 60),
  score(60, 'N6', 44),
  score(260, 'N11', 50),
  score(30, 'P1', 6, 'UCLA-3'),
  score(250, 'P1', 4, 'UCLA-3'),
];

/** The events in time order (events sharing an instant never touch the same pair or membership). */
export const events = [...unsorted].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/**
 * Involvement at F, counted by hand. Held at F: P1–G1, P2–G1 (rejoined day 150), P3–G2, N1–G2,
 * P5–G1, P5–G3, P4–G3 (joined at exactly F): 7 memberships of 6 residents; N2 left G3 on 280, N6
 * left G4 on 250. Attendance in (day 210, day 300]: P5 on 220 and 230, N7 on 240, N14 on 260 (P5 on
 * 210 and P1 on 305 are outside).
 */
export const INVOLVEMENT_AT_FOLLOWUP = {
  n: 20,
  residents: 20,
  inGroup: 6,
  inGroupShare: 6 / 20,
  membershipsPerResident: 7 / 20,
  activeAttendees: 3,
  attendances: 4,
};
