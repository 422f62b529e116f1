// `npm test`: starts its own Neo4j (unless NEO4J_URI is set), builds the map, makes sure Debian's
// Chromium (for the browser tests), R and NetworkX (for the research export's test and the exports'
// snippets) are there, runs every tap test and prints `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMapIfStale } from './build-map.ts';
import { ensureNeo4j, freePort } from './local-neo4j.ts';

interface Tool {
  path: string;
  pkg: string;
}

/** Debian packages the browser tests use: Chromium drives pages, pdftotext reads printed reports. */
const BROWSER_TOOLS: Tool[] = [
  { path: '/usr/bin/chromium', pkg: 'chromium' },
  { path: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
];

/**
 * What the research export's test and docs/exports.md's snippets run on (no recommends: R without
 * a compiler, NetworkX without matplotlib): R with igraph, network and sna, and NetworkX with SciPy
 * (its pagerank) under Debian's /usr/bin/python3.
 */
const ANALYSIS_TOOLS: Tool[] = [
  { path: '/usr/bin/Rscript', pkg: 'r-base-core' },
  { path: '/usr/lib/R/site-library/igraph/DESCRIPTION', pkg: 'r-cran-igraph' },
  { path: '/usr/lib/R/site-library/network/DESCRIPTION', pkg: 'r-cran-network' },
  { path: '/usr/lib/R/site-library/sna/DESCRIPTION', pkg: 'r-cran-sna' },
  { path: '/usr/lib/python3/dist-packages/networkx/__init__.py', pkg: 'python3-networkx' },
  { path: '/usr/lib/python3/dist-packages/scipy/__init__.py', pkg: 'python3-scipy' },
];

/** Installs the Debian packages of the missing tools when root, else says how. */
function ensureTools(tools: Tool[], forWhat: string, aptOptions: string[] = []): void {
  const missing = tools.filter((tool) => !existsSync(tool.path));
  if (missing.length === 0) return;
  const packages = missing.map((tool) => tool.pkg);
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.error(`installing Debian's ${packages.join(', ')} for ${forWhat}…`);
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', ...aptOptions, ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  for (const tool of missing) {
    if (!existsSync(tool.path))
      console.error(`${forWhat} need ${tool.path}: apt-get install -y ${tool.pkg}`);
  }
}

async function runTap(
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<{ code: number; summary: string }> {
  return new Promise((ok) => {
    const child = spawn('npx', ['tap', '--reporter=tap', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('exit', (code) => ok({ code: code ?? 1, summary: tail }));
  });
}

function counts(summary: string): { pass: number; fail: number; skip: number } {
  const line =
    summary
      .split('\n')
      .reverse()
      .find((l) => /^# \{ total: \d+/.test(l)) ?? '';
  const read = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(line)?.[1] ?? 0);
  return {
    pass: read('pass'),
    fail: read('fail') + (line ? 0 : 1),
    skip: read('skip') + read('todo'),
  };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'peoplemap-test-neo4j-'));
  const neo4j = await ensureNeo4j({
    dataDir,
    port: await freePort(),
    log: (l) => console.error(l),
  });
  let code = 1;
  try {
    buildMapIfStale();
    ensureTools(BROWSER_TOOLS, 'the browser tests');
    ensureTools(ANALYSIS_TOOLS, 'the R and NetworkX tests', ['--no-install-recommends']);
    const env = {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
    };
    const result = await runTap(env, process.argv.slice(2));
    const { pass, fail, skip } = counts(result.summary);
    console.log(`${pass} passed, ${fail} failed${skip ? `, ${skip} skipped` : ''}`);
    code = result.code === 0 && fail === 0 ? 0 : 1;
  } finally {
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
