// The Cypher the README and docs/time-rule.md give an analyst for Neo4j Browser, run as written
// (less its `:param` lines) against the network Neo4j holds: it finds the ties and residents
// /graph gives, and leaves out a resident who withdrew consent, as every read of the API does.
import t from 'tap';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { auth, createProject, postOk, testConfig, uniqueProject } from '../helpers/server.ts';

const p = uniqueProject('readme-cypher');
const api = `/api/v1/projects/${p}`;
const AT = '2025-06-01T00:00:00Z';

/**
 * The whole queries (blocks with a RETURN; not the conditions given to add to one) of a Markdown
 * file that follow `heading` (a line starting with it).
 */
function blocksAfter(file: string, heading: string): string[] {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const from = text.indexOf(heading);
  if (from < 0) throw new Error(`${file} has no "${heading}"`);
  return [...text.slice(from).matchAll(/```cypher\n([\s\S]*?)```/g)]
    .map((m) =>
      m[1]
        .split('\n')
        .filter((line) => !line.startsWith(':param'))
        .join('\n'),
    )
    .filter((query) => query.includes('RETURN'));
}

let app: FastifyInstance;

t.before(async () => {
  app = await buildApp(testConfig());
  await createProject(app, p);
  await postOk(app, `${api}/residents`, {
    residents: ['ada', 'ben', 'cal', 'wren'].map((id) => ({
      id,
      name: id,
      consent: 'given',
      joinedAt: '2025-01-01T00:00:00Z',
    })),
  });
  const tie = (id: string, from: string, to: string) => ({
    id,
    type: 'connection',
    at: '2025-02-01T00:00:00Z',
    from,
    to,
  });
  await postOk(app, `${api}/events`, {
    events: [tie('t1', 'ada', 'ben'), tie('t2', 'ben', 'wren'), tie('t3', 'wren', 'cal')],
  });
  const withdraw = await app.inject({
    method: 'PATCH',
    url: `${api}/residents/wren`,
    headers: auth,
    payload: { consent: 'withdrawn' },
  });
  if (withdraw.statusCode !== 200) throw new Error(withdraw.body);
});
t.teardown(() => app?.close());

const run = (query: string) =>
  app.store.db.read(async (tx) =>
    (await tx.run(query, { projectId: p, at: Date.parse(AT) })).records.map((r) => r.toObject()),
  );

t.test("the README's network at a moment has the ties /graph has, none of Wren's", async (t) => {
  const [query] = blocksAfter('README.md', '## The network in Neo4j');
  const rows = await run(query);
  const pairs = rows.map((r) => [r.a.properties.id, r.b.properties.id].sort().join('–'));
  t.same(pairs, ['ada–ben']);
  const graph = (await app.inject({ url: `${api}/graph?at=${AT}`, headers: auth })).json();
  t.same(
    graph.edges.map((e: { source: string; target: string }) =>
      [e.source, e.target].sort().join('–'),
    ),
    pairs,
  );
});

t.test("docs/time-rule.md's queries leave out Wren too", async (t) => {
  const [ties, everyone] = blocksAfter('docs/time-rule.md', '### In Neo4j Browser');
  const pairs = (await run(ties)).map((r) =>
    [r.a.properties.id, r.b.properties.id].sort().join('–'),
  );
  t.same(pairs, ['ada–ben']);
  const residents = (await run(everyone)).map((r) => r.r.properties.id).sort();
  t.same(residents, ['ada', 'ben', 'cal']);
});
