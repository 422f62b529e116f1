// The events one wave answer implies, what a wave says of a tie and each wave's response rate and
// ties still named, ended or unknown, as pure functions: the hand-made cases are a respondent
// tied to b and c who names b and e, and seven residents asked at two waves (counted below).
import t from 'tap';
import type { ResidentRecord } from '../../server/metrics/moment.ts';
import type { TieEvent } from '../../server/metrics/network.ts';
import { answerEvents, askedAt, tieAtWave, waveResponses } from '../../server/metrics/waves.ts';
import { SPRING, SUMMER } from './waves-scenario.ts';

const ids = {
  interview: 'i',
  connection: (o: string) => `c-${o}`,
  disconnection: (o: string) => `d-${o}`,
};

t.test(
  'an answer is the interview, a connection per new name and an end per tie not named',
  async (t) => {
    const events = answerEvents(
      { wave: 'w1', resident: 'a', at: '2025-03-01T00:00:00Z', named: ['b', 'e', 'a'] },
      new Set(['b', 'c']),
      ids,
    );
    t.same(
      events.map((e) => [e.type, e.id]),
      [
        ['interview', 'i'],
        ['connection', 'c-e'],
        ['disconnection', 'd-c'],
      ],
    );
  },
);

t.test(
  'a tie is confirmed at a wave when either resident answered, else unconfirmed',
  async (t) => {
    const asked = askedAt(
      [
        { resident: 'a', wave: 'w1' },
        { resident: 'c', wave: 'w2' },
      ],
      'w1',
    );
    t.same([...asked], ['a']);
    t.equal(tieAtWave(asked, 'a', 'b'), 'confirmed');
    t.equal(tieAtWave(asked, 'b', 'a'), 'confirmed');
    t.equal(tieAtWave(asked, 'c', 'd'), 'unconfirmed', 'c answered at another wave only');
  },
);

t.test(
  "each wave's response rate, and the ties before it still named, ended or unknown",
  async (t) => {
    const ms = (iso: string) => Date.parse(iso);
    const record = (id: string, moves: { atMs: number; leaves: boolean }[] = []) =>
      ({
        id,
        name: id,
        communityId: null,
        participant: false,
        joinedAtMs: 0,
        moves,
      }) as ResidentRecord;
    // g moves away on 1 May, before the second wave
    const records = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => record(id));
    records.push(record('g', [{ atMs: ms('2025-05-01T00:00:00Z'), leaves: true }]));
    let seq = 0;
    const tie = (type: TieEvent['type'], from: string, to: string, at: string): TieEvent => ({
      id: `t${++seq}`,
      type,
      atMs: ms(at),
      seq,
      from,
      to,
    });
    const formed = '2025-02-01T00:00:00Z';
    const ties = [
      ...['a-b', 'a-c', 'c-d', 'e-f', 'b-d'].map((p) => tie('connection', p[0], p[2], formed)),
      // the second wave: a names b but not c, d names c but not b
      tie('disconnection', 'a', 'c', '2025-06-01T10:00:00Z'),
      tie('disconnection', 'd', 'b', '2025-06-01T11:00:00Z'),
    ];
    const interviews = [
      { resident: 'a', wave: 'spring', atMs: ms('2025-02-15T10:00:00Z') },
      { resident: 'a', wave: 'summer', atMs: ms('2025-06-01T10:00:00Z') },
      { resident: 'd', wave: 'summer', atMs: ms('2025-06-01T11:00:00Z') },
      { resident: 'c', wave: 'autumn', atMs: ms('2025-10-01T10:00:00Z') },
    ];
    const waves = waveResponses(records, ties, interviews, ms('2025-09-30T00:00:00Z'));
    t.same(
      waves.map((w) => w.wave),
      ['spring', 'summer'],
      'a wave after the follow-up is left out',
    );
    t.same(waves[0], SPRING);
    t.same(waves[1], SUMMER);
    // a follow-up at 10:30 on 1 June, between a's and d's summer interviews: the summer wave as it
    // stood then, a alone answered (1 of the 6 still there); a-b named again, a-c ended (a did not
    // name c at 10:00), c-d, e-f and b-d unknown (d not yet asked)
    const cut = waveResponses(records, ties, interviews, ms('2025-06-01T10:30:00Z'));
    t.same(cut[1], {
      ...SUMMER,
      at: '2025-06-01T10:00:00.000Z',
      asked: 1,
      responseRate: 1 / 6,
      stillNamed: 1,
      ended: 1,
      unknown: 3,
    });
    t.same(cut[0], SPRING, 'the spring wave, over by then, is as before');
    t.equal(cut.length, 2, 'the autumn wave had not begun');
    const north = waveResponses(records.slice(0, 4), ties, interviews, ms('2025-09-30T00:00:00Z'));
    t.match(
      north[1],
      { eligible: 4, asked: 2, tiesBefore: 4, stillNamed: 2, ended: 2, unknown: 0 },
      "one community's residents and the ties among them: a, b, c and d",
    );
  },
);
