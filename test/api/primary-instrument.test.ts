// A project's primary instrument: WEMWBS unless set; set by an admin (PUT …/primary-instrument) to
// one of the project's instruments (any spelling of its id), it becomes the report's headline (first, "primary", not
// Holm-adjusted; value for money counts its points) and the others exploratory with Holm's p
// among them; an unknown one is a 400 naming the field, nothing changed.
import t from 'tap';
import { measure, participation } from '../helpers/events.ts';
import { issueKey } from '../helpers/keys.ts';
import { auth, joinedEarly, projectWith, testApp } from '../helpers/server.ts';

const [B, F] = ['2025-03-31T23:59:59.999Z', '2025-09-30T23:59:59.999Z'];
const [atB, atF] = ['2025-03-01T10:00:00Z', '2025-09-01T10:00:00Z'];

// (resident, instrument, baseline, follow-up): p1 and p2 take part from 15 January
const SCORES: [string, string, number, number][] = [
  ['p1', 'WEMWBS', 40, 46],
  ['p2', 'WEMWBS', 44, 47],
  ['n1', 'WEMWBS', 42, 43],
  ['n2', 'WEMWBS', 50, 49],
  ['n3', 'WEMWBS', 38, 40],
  ['p1', 'UCLA-3', 7, 4],
  ['p2', 'UCLA-3', 6, 4],
  ['n1', 'UCLA-3', 6, 6],
  ['n2', 'UCLA-3', 5, 6],
  ['n3', 'UCLA-3', 8, 7],
  ['p1', 'BRS', 2.5, 3.5],
  ['p2', 'BRS', 3, 3.2],
  ['n1', 'BRS', 3, 2.9],
  ['n2', 'BRS', 2, 2.4],
  ['n3', 'BRS', 4, 3.8],
];

t.test(
  "the primary instrument is the report's headline, and only one of the project's",
  async (t) => {
    const app = await testApp(t);
    const { p, api } = await projectWith(app, 'primary', {
      residents: joinedEarly('p1', 'p2', 'n1', 'n2', 'n3'),
      events: [
        participation('pa1', 'p1', '2025-01-15T00:00:00Z'),
        participation('pa2', 'p2', '2025-01-15T00:00:00Z'),
        ...SCORES.flatMap(([r, instrument, before, after]) => [
          measure(`b-${r}-${instrument}`, r, atB, before, { instrument }),
          measure(`f-${r}-${instrument}`, r, atF, after, { instrument }),
        ]),
      ],
    });
    const read = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers: auth });
      t.equal(response.statusCode, 200, url);
      return response.json();
    };
    const patch = (primaryInstrument: unknown, headers = auth) =>
      app.inject({
        method: 'PUT',
        url: `${api}/primary-instrument`,
        headers,
        payload: { primaryInstrument },
      });
    const report = () => read(`${api}/report?baseline=${B}&followup=${F}`);

    t.equal((await read(api)).primaryInstrument, 'WEMWBS', 'WEMWBS unless set');
    const before = await report();
    t.same(Object.keys(before.butterfly), ['WEMWBS', 'BRS', 'UCLA-3'], 'the primary first');
    t.equal(before.butterfly.WEMWBS.role, 'primary');
    // p1 +6, p2 +3
    t.equal(before.butterfly.WEMWBS.participants.meanChange, 4.5);
    t.equal(before.valueForMoney.instrument, 'WEMWBS');

    const unknown = await patch('happiness');
    t.equal(unknown.statusCode, 400);
    t.equal(unknown.json().details[0].path, 'primaryInstrument');
    t.match(unknown.json().details[0].message, /unknown instrument "happiness"/);
    t.equal((await read(api)).primaryInstrument, 'WEMWBS', 'nothing changed');
    const empty = await patch('');
    t.equal(empty.statusCode, 400);
    t.equal(empty.json().details[0].path, 'primaryInstrument');

    const coordinator = await issueKey(app, 'coordinator', [p]);
    t.equal((await patch('ucla3', coordinator.headers)).statusCode, 403, "an admin's choice");
    t.equal((await read(api)).primaryInstrument, 'WEMWBS');
    const set = await patch('ucla3');
    t.equal(set.statusCode, 200);
    t.equal(set.json().primaryInstrument, 'UCLA-3', 'stored as the instrument the spelling names');
    t.equal((await read(api)).primaryInstrument, 'UCLA-3');

    const after = await report();
    t.same(Object.keys(after.butterfly), ['UCLA-3', 'BRS', 'WEMWBS']);
    const ucla = after.butterfly['UCLA-3'];
    t.equal(ucla.role, 'primary');
    t.equal(ucla.direction, 'lower is better');
    // p1 7 → 4 (−3), p2 6 → 4 (−2)
    t.equal(ucla.participants.meanChange, -2.5);
    t.equal(ucla.adjusted.pHolm, null, 'the headline is tested alone');
    t.equal(after.valueForMoney.instrument, 'UCLA-3');
    // lower is better: 3 + 2 points gained
    t.equal(after.valueForMoney.wellbeingPointsGained, 5);
    // Holm over the two exploratory p (statsmodels' multipletests(method='holm')): the smaller
    // times 2, the larger no lower than that, each at most 1
    const [brs, wemwbs] = [after.butterfly.BRS.adjusted, after.butterfly.WEMWBS.adjusted];
    t.equal(after.butterfly.BRS.role, 'exploratory');
    t.equal(after.butterfly.WEMWBS.role, 'exploratory');
    const [low, high] = [brs, wemwbs].sort((a, b) => a.p - b.p);
    const first = Math.min(1, 2 * low.p);
    t.ok(Math.abs(low.pHolm - first) < 1e-12, `Holm ${low.pHolm} = min(1, 2 × ${low.p})`);
    t.ok(Math.abs(high.pHolm - Math.max(first, high.p)) < 1e-12, `Holm ${high.pHolm}`);
    t.equal(wemwbs.p, before.butterfly.WEMWBS.adjusted.p, "WEMWBS's own p does not change");
    t.not(wemwbs.pHolm, null, 'WEMWBS, now exploratory, has a Holm p');
  },
);
