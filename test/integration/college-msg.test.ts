// The 59,835 messages of SNAP's CollegeMsg load through the batch endpoint, and the monthly
// timeline ends at the published network: 1,899 people and 13,838 distinct undirected ties.
import t from 'tap';
import { collegeMsgProgramme } from '../../fixtures/college-msg.ts';
import { loadProgramme } from '../../fixtures/load-programme.ts';
import { auth, startTestServer, uniqueProject } from '../helpers/server.ts';

t.test(
  'college-msg loads through the batch endpoint and its monthly timeline comes back',
  async (t) => {
    const server = await startTestServer();
    t.teardown(() => server.close());
    const project = uniqueProject('college');
    const programme = collegeMsgProgramme(project);
    t.equal(programme.events.length, 59_835, 'the dataset README counts 59,835 messages');
    t.equal(programme.residents.length, 1_899, 'and 1,899 people');

    // The largest batch the API takes: 50,000 events in the first request, 9,835 in the second.
    await loadProgramme(server.baseUrl, server.adminKey, programme, 50_000);

    const response = await server.app.inject({
      url: `/api/v1/projects/${project}/timeline?interval=month`,
      headers: auth,
    });
    t.equal(response.statusCode, 200);
    const { points } = response.json();
    // Messages run from April to October 2004: seven calendar months.
    t.same(
      points.map((p: { at: string }) => p.at.slice(0, 7)),
      ['2004-04', '2004-05', '2004-06', '2004-07', '2004-08', '2004-09', '2004-10'],
    );
    const last = points.at(-1);
    t.equal(last.nodeCount, 1_899);
    t.equal(last.edgeCount, 13_838, 'the README: 13,838 distinct undirected pairs at the end');
    for (let i = 1; i < points.length; i++) {
      t.ok(
        points[i].edgeCount >= points[i - 1].edgeCount,
        `ties never end in this data (month ${i})`,
      );
    }
  },
);
