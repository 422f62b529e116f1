// The events one wave answer implies and what a wave says of a tie, as pure functions: the
// hand-made case is a respondent tied to b and c who names b and e.
import t from 'tap';
import { answerEvents, askedAt, tieAtWave } from '../../server/metrics/waves.ts';

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
