// A small programme for the release tests, every count chosen by hand: North has ten residents
// (n1–n5 participants), South eight (s1–s4 participants); all joined on 1 January 2025. Each
// community's residents are tied in a chain in February, and n1 and s1 once across. WEMWBS: a
// baseline wave on 20 January for everyone but s8, a follow-up wave on 20 May for the same
// seventeen. k (PRIVACY_MIN_COUNT) is the default 5. `northParticipants` moves North's split.
import type { FastifyInstance } from 'fastify';
import { createProject, postOk } from './server.ts';

export const NORTH = Array.from({ length: 10 }, (_, i) => `n${i + 1}`);
export const SOUTH = Array.from({ length: 8 }, (_, i) => `s${i + 1}`);

/** Baseline scores 40 + i, follow-up 44 + i for the i-th resident (0-based) of each community. */
export const baselineScore = (id: string) => 40 + Number(id.slice(1)) - 1;
export const followupScore = (id: string) => 44 + Number(id.slice(1)) - 1;

export const measure = (id: string, resident: string, at: string, score: number) => ({
  id,
  type: 'measure',
  at,
  resident,
  instrument: 'WEMWBS',
  score,
});

export async function releaseProgramme(
  app: FastifyInstance,
  p: string,
  { northParticipants = 5 } = {},
): Promise<void> {
  const api = `/api/v1/projects/${p}`;
  const participant = (id: string) =>
    Number(id.slice(1)) <= (id.startsWith('n') ? northParticipants : 4);
  await createProject(app, p);
  await postOk(app, `${api}/communities`, {
    communities: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
  });
  const residents = [...NORTH, ...SOUTH].map((id) => ({
    id,
    name: `Resident ${id}`,
    communityId: id.startsWith('n') ? 'north' : 'south',
    participant: participant(id),
    joinedAt: '2025-01-01T00:00:00Z',
    consent: 'given',
  }));
  await postOk(app, `${api}/residents`, { residents });
  const chain = (ids: string[]) =>
    ids.slice(1).map((id, i) => ({
      id: `t-${ids[i]}-${id}`,
      type: 'connection',
      at: '2025-02-10T12:00:00Z',
      from: ids[i],
      to: id,
    }));
  const measured = [...NORTH, ...SOUTH].filter((id) => id !== 's8');
  await postOk(app, `${api}/events`, {
    events: [
      ...chain(NORTH),
      ...chain(SOUTH),
      { id: 't-across', type: 'connection', at: '2025-02-11T12:00:00Z', from: 'n1', to: 's1' },
      ...measured.map((id) => measure(`b-${id}`, id, '2025-01-20T10:00:00Z', baselineScore(id))),
      ...measured.map((id) => measure(`f-${id}`, id, '2025-05-20T10:00:00Z', followupScore(id))),
    ],
  });
}
