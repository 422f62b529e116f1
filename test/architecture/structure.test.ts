// The code's shape, as STYLE asks and issue 17 settled: no file in server/, viz/, bench/ or
// scripts/ over 320 lines, and no circle among the modules' run-time imports (type-only imports
// vanish when TypeScript is stripped, so they cannot make one).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['server', 'viz', 'bench', 'scripts'];
const MAX_LINES = 320;

/** The folders' files as git sees them: tracked, or new and not ignored (build output is). */
const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', ...FOLDERS],
  { cwd: ROOT, encoding: 'utf8' },
)
  .split('\0')
  .filter((file) => file && existsSync(join(ROOT, file)));

/** The relative modules `file` imports at run time: value imports, re-exports and import(). */
function runTimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const found: string[] = [];
  const typesOnly = (clause: ts.ImportClause | undefined) =>
    clause !== undefined &&
    (clause.isTypeOnly ||
      (!clause.name &&
        clause.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.namedBindings.elements.length > 0 &&
        clause.namedBindings.elements.every((element) => element.isTypeOnly)));
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !typesOnly(node.importClause))
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly)
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, join(ROOT, dirname(file), specifier)));
}

/** Each circle of the graph (Tarjan's strongly connected components of more than one module). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const connect = (module: string) => {
    index.set(module, next);
    low.set(module, next++);
    stack.push(module);
    for (const imported of graph.get(module) ?? []) {
      if (!graph.has(imported)) continue;
      if (!index.has(imported)) {
        connect(imported);
        low.set(module, Math.min(low.get(module)!, low.get(imported)!));
      } else if (stack.includes(imported))
        low.set(module, Math.min(low.get(module)!, index.get(imported)!));
    }
    if (low.get(module) !== index.get(module)) return;
    const component = stack.splice(stack.lastIndexOf(module));
    if (component.length > 1 || graph.get(module)!.includes(module)) found.push(component.sort());
  };
  for (const module of graph.keys()) if (!index.has(module)) connect(module);
  return found;
}

t.test('no file in server/, viz/, bench/ or scripts/ is over 320 lines', async (t) => {
  t.ok(files.length > 200, `${files.length} files read`);
  const over = files
    .map((file) => ({ file, lines: readFileSync(join(ROOT, file), 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > MAX_LINES)
    .map(({ file, lines }) => `${file}: ${lines} lines`);
  t.same(over, []);
});

t.test('the circle finder finds a circle of two and one of three, and no other', async (t) => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['a', 'c']],
    ['c', ['d']],
    ['d', ['e']],
    ['e', ['c', 'f']],
    ['f', []],
  ]);
  t.same(circles(graph), [
    ['c', 'd', 'e'],
    ['a', 'b'],
  ]);
});

t.test('no circle among the run-time imports of server/, viz/, bench/ and scripts/', async (t) => {
  const graph = new Map(
    files
      .filter((file) => /\.(ts|mts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => [file, runTimeImports(file, readFileSync(join(ROOT, file), 'utf8'))]),
  );
  const edges = [...graph.values()].flat().filter((imported) => graph.has(imported));
  t.ok(edges.length > 400, `${edges.length} run-time imports between the modules`);
  t.ok(graph.get('server/app.ts')!.includes('server/plugins/auth.ts'), 'the app imports its auth');
  t.notOk(graph.get('server/app.ts')!.includes('server/config.ts'), 'but its Config type only');
  t.same(circles(graph), []);
});
