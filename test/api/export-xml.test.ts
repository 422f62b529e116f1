// Names stored before control characters were refused (or written straight to the store) still
// export as well-formed XML: a strict parser (Python's expat, xml-values.py) reads the files.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auth, createProject, testApp, uniqueProject } from '../helpers/server.ts';

const script = join(dirname(fileURLToPath(import.meta.url)), 'xml-values.py');

/** Every attribute value and text of the document, or the parser's complaint. */
function xmlValues(document: string): { ok: boolean; values: string[]; error: string } {
  const run = spawnSync('python3', [script], { input: document, encoding: 'utf8' });
  return {
    ok: run.status === 0,
    values: run.status === 0 ? (JSON.parse(run.stdout) as string[]) : [],
    error: run.stderr,
  };
}

t.test('exports drop the characters XML forbids', async (t) => {
  const app = await testApp(t);
  const p = uniqueProject('export-xml');
  await createProject(app, p);
  // straight to the store, as data written before the API refused control characters
  await app.store.residents.create(p, [
    {
      id: 'a',
      name: 'A\u0001n\u001fa',
      participant: false,
      consent: 'pending',
      joinedAt: '2025-01-01T00:00:00Z',
      attributes: {},
    },
  ]);

  for (const file of ['export.graphml', 'export.gexf']) {
    t.test(`${file} is well-formed and keeps the rest of the name`, async (t) => {
      const response = await app.inject({
        url: `/api/v1/projects/${p}/${file}?at=2025-02-01T00:00:00Z`,
        headers: auth,
      });
      t.equal(response.statusCode, 200);
      const parsed = xmlValues(response.body);
      t.ok(parsed.ok, parsed.error);
      t.ok(parsed.values.includes('Ana'), JSON.stringify(parsed.values));
    });
  }
});
