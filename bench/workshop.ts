// `npm run load -- --scenario=workshop`: a workshop day as an open loop. Requests go out on a
// schedule whatever the answers (a closed loop waits for each answer, and so measures the machine's
// saturation rather than what people in the room experience). Each kind of visitor comes at a
// fixed period, the visitors of a kind spread evenly over it:
//   - capture tablets write one tie each;
//   - evaluators open the Map and then the Report, with every request each page makes, in the
//     order the web app makes them (viz/main.ts, viz/report/view.ts);
//   - projector maps follow the live stream all day (viz/common/live.ts, as the web app does): each
//     tie's delivery is timed from its write's answer to its event on each projector;
//   - partners read releases.
// Reports p50/p95/p99 and the share over 1 s per kind of request, per page and for live delivery.
import { LiveFollower } from '../viz/common/live.ts';

export interface Site {
  baseUrl: string;
  key: string;
  project: string;
  /** Resident ids to name in new ties, and a time after every event of the programme. */
  residents: string[];
  afterMs: number;
  /** A partner key of the project and a release published for it, read as a partner reads. */
  partner: { key: string; release: string };
}

interface Visitor {
  kind: string;
  count: number;
  everyMs: number;
  visit?: (site: Site, call: Caller, n: number) => Promise<void>;
  /** A visitor that stays all day: started once, stopped at the end. */
  follow?: (site: Site) => () => void;
}

type Caller = (
  kind: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
) => Promise<unknown>;

/** The day's visitors (the schedule). */
export const VISITORS: Visitor[] = [
  { kind: 'capture tablet', count: 5, everyMs: 3_000, visit: writeTie },
  { kind: 'projector map', count: 2, everyMs: 0, follow: followLive },
  { kind: 'evaluator', count: 10, everyMs: 60_000, visit: mapThenReport },
  { kind: 'partner', count: 5, everyMs: 1_000, visit: readRelease },
];

/** Publishes a release between the first and last waves and issues a partner key to read it. */
export async function partnerWithRelease(
  server: { baseUrl: string; key: string },
  project: string,
): Promise<Site['partner']> {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        authorization: `Bearer ${server.key}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const { waves } = (await post(`/projects/${project}/report/waves`, undefined)) as {
    waves: { last: string }[];
  };
  const [baseline, followup] = [waves[0].last, waves.at(-1)!.last];
  const release = await post(`/projects/${project}/releases`, {
    name: 'Workshop day',
    ...{ baseline, followup, interval: 'month' },
  });
  const key = await post('/keys', {
    role: 'partner',
    projects: [project],
    name: 'workshop partner',
  });
  return { key: key.key as string, release: release.id as string };
}

let written = 0;
async function writeTie(site: Site, call: Caller): Promise<void> {
  const k = written++;
  const from = site.residents[(k * 7) % site.residents.length];
  let to = site.residents[(k * 13 + 1) % site.residents.length];
  if (to === from) to = site.residents[(k * 13 + 2) % site.residents.length];
  const at = new Date(site.afterMs + k * 1000).toISOString();
  const events = [{ id: `workshop-${k}`, type: 'connection', at, from, to }];
  await call('write', 'POST', `/projects/${site.project}/events`, { events });
  answered(events[0].id);
}

/** When each tie's write was answered, and when each projector received it: delivery is the gap. */
const answeredAt = new Map<string, number>();
const arrivals = new Map<string, number[]>();

function answered(id: string): void {
  const now = performance.now();
  answeredAt.set(id, now);
  // a projector can be sent the change before the tablet has read its answer: that is no wait
  for (const at of arrivals.get(id) ?? []) record('live delivery', Math.max(0, at - now));
}

function followLive(site: Site): () => void {
  const follower = new LiveFollower(
    site.key,
    site.project,
    {
      change: ({ events }) => {
        const now = performance.now();
        for (const { id } of events) {
          if (!id.startsWith('workshop-')) continue;
          arrivals.set(id, [...(arrivals.get(id) ?? []), now]);
          const at = answeredAt.get(id);
          if (at !== undefined) record('live delivery', Math.max(0, now - at));
        }
      },
      state: (state, detail) => {
        if (state === 'retrying' || (state === 'stopped' && detail))
          failures[`live: ${detail}`] = (failures[`live: ${detail}`] ?? 0) + 1;
      },
    },
    `${site.baseUrl}/api/v1`,
  );
  follower.start();
  return () => follower.stop();
}

const endOfDay = (iso: string) => `${iso.slice(0, 10)}T23:59:59.999Z`;

async function mapThenReport(site: Site, call: Caller): Promise<void> {
  const p = `/projects/${site.project}`;
  await page('Map page', async () => {
    await Promise.all([call('projects', 'GET', '/projects'), call('me', 'GET', '/me')]);
    await Promise.all([
      call('residents', 'GET', `${p}/residents`),
      call('groups', 'GET', `${p}/groups`),
      call('communities', 'GET', `${p}/communities`),
      call('history', 'GET', `${p}/history`),
    ]);
    // the map opens at the programme's end: the metrics of the network then
    await call('metrics', 'GET', `${p}/metrics?at=${new Date(site.afterMs).toISOString()}`);
  });
  await page('Report page', async () => {
    const [{ waves }] = (await Promise.all([
      call('waves', 'GET', `${p}/report/waves`),
      call('communities', 'GET', `${p}/communities`),
    ])) as [{ waves: { last: string }[] }, unknown];
    const [baseline, followup] = [waves[0].last, waves.at(-1)!.last].map(endOfDay);
    await Promise.all([
      call('report', 'GET', `${p}/report?baseline=${baseline}&followup=${followup}`),
      call('timeline', 'GET', `${p}/timeline?interval=week`),
    ]);
  });
}

/** A partner opens Releases: the list, then the release (viz/releases/view.ts). */
async function readRelease(site: Site, call: Caller): Promise<void> {
  const p = `/projects/${site.project}`;
  await page('Releases page', async () => {
    await call('releases', 'GET', `${p}/releases`, undefined, site.partner.key);
    await call(
      'release',
      'GET',
      `${p}/releases/${site.partner.release}`,
      undefined,
      site.partner.key,
    );
  });
}

const samples = new Map<string, number[]>();
const statuses: Record<string, Record<number, number>> = {};
let acknowledged = 0;
const failures: Record<string, number> = {};

function record(kind: string, ms: number): void {
  if (!samples.has(kind)) samples.set(kind, []);
  samples.get(kind)!.push(ms);
}

async function page(name: string, open: () => Promise<void>): Promise<void> {
  const started = performance.now();
  try {
    await open();
  } finally {
    record(name, performance.now() - started);
  }
}

function caller(site: Site): Caller {
  return async (kind, method, path, body, key = site.key) => {
    const started = performance.now();
    const response = await fetch(`${site.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer: unknown = await response.json();
    record(kind, performance.now() - started);
    statuses[kind] ??= {};
    statuses[kind][response.status] = (statuses[kind][response.status] ?? 0) + 1;
    if (kind === 'write' && response.ok) acknowledged += (answer as { created: number }).created;
    if (!response.ok) throw new Error(`${kind}: ${response.status}`);
    return answer;
  };
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Runs the schedule for `durationS` seconds, then waits for the answers still to come. */
export async function runWorkshop(site: Site, durationS: number) {
  const call = caller(site);
  const pending = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const endMs = durationS * 1000;
  const stops = VISITORS.flatMap((v) =>
    Array.from({ length: v.follow ? v.count : 0 }, () => v.follow!(site)),
  );
  for (const visitor of VISITORS) {
    if (!visitor.visit) continue;
    for (let n = 0; n < visitor.count; n++) {
      // visitors of a kind spread evenly over its period; each comes back every period
      for (let at = (visitor.everyMs * n) / visitor.count; at < endMs; at += visitor.everyMs) {
        timers.push(
          setTimeout(() => {
            const visit = visitor.visit!(site, call, n).catch((error: Error) => {
              failures[error.message] = (failures[error.message] ?? 0) + 1;
            });
            pending.add(visit);
            void visit.finally(() => pending.delete(visit));
          }, at),
        );
      }
    }
  }
  await new Promise((resolve) => setTimeout(resolve, endMs));
  await Promise.all(pending);
  // the last ties' events are on their way to the projectors
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const stop of stops) stop();
  const byKind = Object.fromEntries(
    [...samples].map(([kind, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const over = sorted.filter((ms) => ms > 1_000).length;
      const ms = (q: number) => Math.round(percentile(sorted, q));
      return [
        kind,
        {
          count: sorted.length,
          p50: ms(0.5),
          p95: ms(0.95),
          p99: ms(0.99),
          max: ms(1),
          shareOver1s: +(over / sorted.length).toFixed(4),
          status: statuses[kind],
        },
      ];
    }),
  );
  return {
    scenario: 'workshop',
    durationS,
    schedule: VISITORS.map(({ kind, count, everyMs, follow }) => ({
      kind,
      count,
      ...(follow ? { following: 'the live stream, all day' } : { everyMs }),
    })),
    latencyMs: byKind,
    failures,
    acknowledged,
  };
}
