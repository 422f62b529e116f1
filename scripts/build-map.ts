// Builds the map with Vite when dist/viz is missing or older than the sources in viz/ or the guide
// it bundles (docs/guide.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function buildMapIfStale(): void {
  const out = join(root, 'dist', 'viz', 'index.html');
  const src = join(root, 'viz');
  if (!existsSync(src)) return;
  const sources = Math.max(newest(src), statSync(join(root, 'docs', 'guide.md')).mtimeMs);
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  console.error('building the map (vite)…');
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'viz/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('the map did not build (npm run build)');
}
