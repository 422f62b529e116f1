// The effective joinedAt (given, else the first event not retracted, else creation) in Cypher. A
// statement cannot share an expression with another (no functions of our own without a server
// plugin, no includes), so each statement that reads it writes it out: this keeps them one rule.
import { readFile, readdir } from 'node:fs/promises';
import t from 'tap';

const CYPHER = new URL('../../cypher/', import.meta.url);
const RULE = 'coalesce(r.joinedAtMs, r.firstEventAtMs, r.createdAtMs)';

t.test('every statement reading the effective joinedAt writes the same rule', async (t) => {
  const files = (await readdir(CYPHER)).filter((f) => f.endsWith('.cypher')).sort();
  const readers: string[] = [];
  for (const file of files) {
    const text = await readFile(new URL(file, CYPHER), 'utf8');
    const statement = text.replace(/^\/\/.*$/gm, '');
    const uses = statement.match(/coalesce\([^)]*joinedAtMs[^)]*\)/g) ?? [];
    if (uses.length === 0) continue;
    readers.push(file);
    t.same(uses, [RULE], `${file} reads joinedAt by the rule, once`);
  }
  t.same(readers, [
    'projection-residents-at.cypher',
    'resident-changed.cypher',
    'resident-get.cypher',
    'resident-list.cypher',
  ]);
});
