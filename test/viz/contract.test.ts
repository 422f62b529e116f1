// One contract: the web app reads the API's response types from server/contract.ts (inferred from
// the route schemas) instead of redeclaring them, and imports server code for its types only.
import { readFile, readdir } from 'node:fs/promises';
import t from 'tap';
import type { History } from '../../server/contract.ts';
import * as domainNames from '../../server/domain-names.ts';
import { HistoryBody } from '../../server/routes/network.ts';
import { buildTimeline } from '../../viz/graph/network-timeline.ts';

const VIZ = new URL('../../viz/', import.meta.url);
/** The API bodies the map reads; a hand-written copy of any of them is what drifted before. */
const RESPONSE_TYPES = [
  'ProjectSummary',
  'History',
  'HistoryResident',
  'Spell',
  'MetricsAt',
  'GraphMetrics',
  'ResidentMetrics',
  'Timeline',
  'TimelinePoint',
  'Resident',
  'AppendResult',
  'ImportReport',
  'ImportIssue',
];

const SHARED_AT_RUN_TIME =
  /'(\.\.\/)+server\/(metrics\/|instruments\.ts'|domain-names\.ts'|report-words\.ts'|csv-cell\.ts'|import\/spellings\.ts')/;

/** Every TypeScript file of the web app, in its folders (shared, graph, map, capture, report). */
async function vizSources(): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(VIZ, { recursive: true });
  const files = entries.filter((f) => f.endsWith('.ts')).sort();
  return Promise.all(
    files.map(async (file) => ({ file, text: await readFile(new URL(file, VIZ), 'utf8') })),
  );
}

t.test('the checks below read every folder of the web app', async (t) => {
  const files = (await vizSources()).map(({ file }) => file);
  for (const folder of ['common', 'graph', 'map', 'capture', 'report'])
    t.ok(
      files.some((file) => file.startsWith(`${folder}/`)),
      `a file of viz/${folder}/ is read`,
    );
  t.ok(files.includes('main.ts'), 'the entry point is read');
});

t.test('the web app declares none of the API response types by hand', async (t) => {
  const declaration = new RegExp(
    `^\\s*export\\s+(interface|type)\\s+(${RESPONSE_TYPES.join('|')})\\b(?!\\s*\\}|,)`,
    'm',
  );
  for (const { file, text } of await vizSources()) {
    const found = declaration.exec(text);
    t.equal(found, null, `${file} declares ${found?.[2]} itself`);
  }
});

t.test(
  'the web app imports the contract and routes only as types, so Vite bundles no server code',
  async (t) => {
    for (const { file, text } of await vizSources()) {
      const imports =
        text.match(/^(import|export)\s[^;]*?from\s+'(\.\.\/)+server\/[^']+'/gms) ?? [];
      // Pure modules without imports (server/metrics/, e.g. the one time rule, the instruments'
      // score ranges, the domain's lists of names, the report's words, the CSV cell rule and the
      // import's one spelling of a tie kind) may be shared at run time.
      for (const line of imports.filter((l) => !SHARED_AT_RUN_TIME.test(l)))
        t.match(line, /^(import|export) type\s/, `${file}: ${line.split('\n')[0]}`);
    }
    const api = await readFile(new URL('common/api.ts', VIZ), 'utf8');
    t.match(api, /from '\.\.\/\.\.\/server\/contract\.ts'/, 'viz/common/api.ts reads the contract');
  },
);

t.test(
  'a tie whose kind is null, as the server may send it, is a history tie for the map',
  async (t) => {
    const history: History = {
      project: { id: 'p', name: 'P' },
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-02T00:00:00.000Z',
      communities: [],
      groups: [],
      residents: [
        {
          id: 'a',
          name: 'Ada',
          communityId: null,
          participant: true,
          joinedAt: '2025-01-01T00:00:00.000Z',
          presence: [{ from: '2025-01-01T00:00:00.000Z', to: null }],
          participation: [{ from: '2025-01-01T00:00:00.000Z', to: null }],
        },
        {
          id: 'b',
          name: null,
          communityId: null,
          participant: false,
          joinedAt: '2025-01-01T00:00:00.000Z',
          presence: [{ from: '2025-01-01T00:00:00.000Z', to: null }],
          participation: [],
        },
      ],
      ties: [
        {
          source: 'a',
          target: 'b',
          kind: null,
          weight: 1,
          spells: [{ from: '2025-01-02T00:00:00.000Z', to: null }],
        },
      ],
      memberships: [],
    };
    t.ok(HistoryBody.safeParse(history).success, 'the route schema accepts it');
    t.equal(buildTimeline(history).tieSource.length, 1, 'the map keeps the tie');
  },
);

t.test(
  'the web app takes the domain lists from server/domain-names.ts instead of copying them',
  async (t) => {
    const lists = (Object.entries(domainNames) as [string, readonly unknown[]][]).filter(
      ([, list]) => typeof list[0] === 'string',
    ) as [string, readonly string[]][];
    t.ok(lists.length >= 6, 'the lists are read');
    for (const { file, text } of await vizSources()) {
      for (const [name, list] of lists) {
        const copied = list.slice(1).find((item, i) => text.includes(`'${list[i]}', '${item}'`));
        t.equal(copied, undefined, `${file} copies ${name}`);
      }
    }
  },
);
