// Capture and the Map on two API processes of one Neo4j, in real headless Chromium: a tablet types
// on process A, a projector shows the Map that process B serves. B learns of A's writes through
// Neo4j (its poll of followed projects), so what A stores reaches B's Map with no reload; and when
// the projector's stream is cut, a resident and a tie typed meanwhile arrive once the stream is
// back, resumed from its Last-Event-ID.
import t from 'tap';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.ts';
import { startTestServer, uniqueProject } from '../helpers/server.ts';
import { addResident, addTie, allStored, axeViolations } from './capture-helpers.ts';
import { openDevice, poster, seedWorkshop, warmStream, type Post } from './live-helpers.ts';

const PROJECT = uniqueProject('live-replicas');
t.setTimeout(600_000);

type Served = Awaited<ReturnType<typeof startTestServer>>;
let a: Served;
let b: Served;
let browser: Browser;
let tablet: Page;
let projector: Page;
/** B's open live streams (their sockets), and the Last-Event-ID each stream B was asked for sent. */
const streamsOnB = new Set<Socket>();
const resumedFrom: (string | undefined)[] = [];

const post: Post = (path, body) => poster(a)(path, body);
const open = (server: Served, view: 'map' | 'capture') =>
  openDevice(browser, server, PROJECT, view);

const edgesShown = () => projector.evaluate(() => window.__peoplemap.visibleEdges);

t.before(async () => {
  a = await startTestServer();
  b = await startTestServer();
  b.app.server.on('request', (request: IncomingMessage) => {
    if (!request.url?.endsWith('/live')) return;
    resumedFrom.push(request.headers['last-event-id'] as string | undefined);
    streamsOnB.add(request.socket);
    request.socket.once('close', () => streamsOnB.delete(request.socket));
  });
  await post('/projects', { id: PROJECT, name: 'Two servers' });
  await seedWorkshop(post, PROJECT);
  browser = await launchChromium();
  tablet = await open(a, 'capture');
  projector = await open(b, 'map');
  // one change through the stream first: each server's first read of a change prepares its queries
  await warmStream(post, PROJECT, projector);
  // and one tie typed on the tablet: B's first read of a typed tie and the Map's first redraw of a
  // new tie are behind us (on a busy machine a first read of each kind takes seconds)
  await projector.bringToFront();
  await addTie(tablet, 'BO', 'CY');
  await allStored(tablet);
  await projector.waitForFunction(() => window.__peoplemap.visibleEdges === 2, null, {
    timeout: 60_000,
  });
});

t.teardown(async () => {
  await browser?.close();
  await a?.close();
  await b?.close();
});

t.test(
  'a tie typed in Capture on process A appears within 2 s on the Map process B serves',
  async (t) => {
    await projector.evaluate(() => ((window as unknown as { loadedOnce: number }).loadedOnce = 1));
    t.equal(await edgesShown(), 2, 'two ties before');
    await projector.getByText('3 residents, 2 ties', { exact: true }).waitFor({ timeout: 10_000 });
    await addTie(tablet, 'ANN', 'CY');
    await allStored(tablet);
    await projector.waitForFunction(() => window.__peoplemap.visibleEdges === 3, null, {
      timeout: 2_000,
    });
    t.equal(
      await projector.evaluate(() => (window as unknown as { loadedOnce?: number }).loadedOnce),
      1,
      'the page was not reloaded',
    );
    await projector.getByText('Two servers: 3 residents, 3 ties over time.').waitFor();
    await projector.getByText('3 residents, 3 ties', { exact: true }).waitFor({ timeout: 10_000 });
    t.pass("the projector's header counts the new tie");
    t.same(await axeViolations(projector), [], 'axe-core: the Map on B following A');
  },
);

t.test(
  "the Map's stream cut and restored: it resumes from its Last-Event-ID and shows what was typed while cut",
  async (t) => {
    const changes = await projector.evaluate(() => window.__peoplemap.live.changes);
    const asked = resumedFrom.length;
    // the cut: reconnections fail until the route is lifted, and the open stream is dropped
    let refused = 0;
    const cut = '**/api/v1/projects/*/live';
    await projector.route(cut, (route) => {
      refused++;
      return route.abort('connectionreset');
    });
    t.ok(streamsOnB.size > 0, 'the projector has a stream open on B');
    for (const socket of streamsOnB) socket.destroy();
    await projector.getByText(/^Live: connection lost, trying again/).waitFor({ timeout: 10_000 });

    await addResident(tablet, 'DEE');
    await addTie(tablet, 'ANN', 'DEE');
    await allStored(tablet);
    const deadline = Date.now() + 15_000;
    while (refused === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    t.ok(refused > 0, 'a reconnection was refused while cut');
    t.equal(await edgesShown(), 3, 'while cut, the Map has not been told of the tie');

    await projector.unroute(cut);
    await projector.waitForFunction(() => window.__peoplemap.visibleEdges === 4, null, {
      timeout: 30_000,
    });
    await projector.getByText('Live: following every device').waitFor();
    const resumed = resumedFrom.slice(asked).filter((id) => id !== undefined);
    t.equal(resumed.length, 1, 'one stream was opened again on B, with a Last-Event-ID');
    t.ok(Number(resumed[0]) > 0, `resumed from version ${resumed[0]}`);
    t.equal(
      await projector.evaluate(() => window.__peoplemap.live.changes),
      changes + 1,
      'the missed resident and tie came as one change (not a reset)',
    );
    t.equal(
      await projector.evaluate(() => (window as unknown as { loadedOnce?: number }).loadedOnce),
      1,
      'the page was not reloaded',
    );
    t.equal(
      await projector.evaluate(() => window.__peoplemap.at === window.__peoplemap.to),
      true,
      'the map at its last event moved on to the tie',
    );
  },
);
