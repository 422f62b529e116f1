// The two waves of the name question counted by hand once, for the pure function's test
// (test/metrics/waves.test.ts) and the report's (test/api/wave-response.test.ts): seven residents
// a–g, five ties formed on 1 February (a-b, a-c, c-d, e-f, b-d), g moves away on 1 May; at the
// spring wave a answers naming b and c, at the summer wave a names b (not c) and d names c (not b).

/** Spring: 7 in the network, a answered (1/7); a-b and a-c named again, c-d, e-f and b-d unknown. */
export const SPRING = {
  wave: 'spring',
  first: '2025-02-15T10:00:00.000Z',
  at: '2025-02-15T10:00:00.000Z',
  eligible: 7,
  asked: 1,
  responseRate: 1 / 7,
  tiesBefore: 5,
  stillNamed: 2,
  ended: 0,
  unknown: 3,
};

/** Summer: g has left (6), a and d answered (2/6); a-b, c-d named again, a-c, b-d ended, e-f unknown. */
export const SUMMER = {
  wave: 'summer',
  first: '2025-06-01T10:00:00.000Z',
  at: '2025-06-01T11:00:00.000Z',
  eligible: 6,
  asked: 2,
  responseRate: 2 / 6,
  tiesBefore: 5,
  stillNamed: 2,
  ended: 2,
  unknown: 1,
};
