import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/web */
export const WEB_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');
const SOURCES = ['src/app', 'public', 'index.html', 'vite.config.ts'];
const LOCK = join(WEB_ROOT, '.build.lock');

/**
 * The tests drive the built app, exactly what the api serves in production. Builds it (`vite
 * build`, a few seconds) when there is no build or a source is newer; test files running in
 * parallel wait on one lock instead of building twice.
 */
export function ensureWebBuild(): string {
  if (isFresh()) return WEB_DIST;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`web build lock ${LOCK} held for 2 minutes; remove it`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (!isFresh()) {
      const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
      // NODE_ENV=production: vitest sets "test", and Vite would then bundle React's development build.
      execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: WEB_ROOT,
        stdio: 'pipe',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return WEB_DIST;
}

function isFresh(): boolean {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((source) => newestMtime(join(WEB_ROOT, source)) <= built);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}
