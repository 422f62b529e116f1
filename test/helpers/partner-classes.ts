// The partner tests' small project whose k-anonymity classes are counted by hand
// (test/api/partner-network.test.ts): ten residents of North and South, two groups whose names say
// what their members share, and four ties.
import type { FastifyInstance } from 'fastify';
import { postOk } from './server.ts';

/** Who lives where, whether they take part, when they joined and their one group. */
export const RESIDENTS: [string, string, boolean, string, string | null][] = [
  ['a1', 'north', false, '2025-01-03', null],
  ['a2', 'north', false, '2025-01-10', null],
  ['a3', 'north', false, '2025-01-17', null],
  ['a4', 'north', false, '2025-01-24', null],
  ['b1', 'north', false, '2025-02-02', null],
  ['b2', 'north', false, '2025-02-09', null],
  ['b3', 'north', false, '2025-02-16', null],
  ['c1', 'north', true, '2025-03-05', 'yoga'],
  ['c2', 'south', true, '2025-04-06', 'church'],
  ['c3', 'south', false, '2025-05-07', null],
];

export const GROUPS = [
  { id: 'yoga', name: 'Chair Yoga', kind: 'activity' },
  { id: 'church', name: "St Mary's Church", kind: 'space' },
];

/** Counted by hand: c1, c2 and c3 share no class of 3 until everything about them is hidden. */
export const NOTE_K3 = {
  k: 3,
  generalised: {
    leavingHidden: 0,
    joinedAtToYear: 3,
    joinedAtHidden: 3,
    participantHidden: 3,
    groupsWithheld: 3,
    communityHidden: 3,
    residentWithheld: 0,
  },
};

const tie = (id: string, from: string, to: string, at: string) =>
  ({ id, type: 'connection', at: `${at}T12:00:00Z`, from, to }) as const;

/** Writes the project's communities, residents, groups, memberships and ties, then `more` events. */
export async function seedPartnerClasses(
  app: FastifyInstance,
  api: string,
  more: readonly object[] = [],
): Promise<void> {
  await postOk(app, `${api}/communities`, {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  });
  await postOk(app, `${api}/residents`, {
    residents: RESIDENTS.map(([id, communityId, participant, joined]) => ({
      id,
      name: `Resident ${id}`,
      communityId,
      participant,
      joinedAt: `${joined}T10:00:00Z`,
      consent: 'given',
    })),
  });
  await postOk(app, `${api}/groups`, { groups: GROUPS });
  await postOk(app, `${api}/events`, {
    events: [
      ...RESIDENTS.filter((r) => r[4]).map(([id, , , joined, group]) => ({
        id: `m-${id}`,
        type: 'membership',
        at: `${joined}T11:00:00Z`,
        resident: id,
        group,
      })),
      tie('t1', 'a1', 'a2', '2025-01-25'),
      tie('t2', 'a3', 'b2', '2025-02-20'),
      tie('t3', 'b1', 'c1', '2025-03-10'),
      tie('t4', 'c2', 'c3', '2025-05-20'),
      ...more,
    ],
  });
}
