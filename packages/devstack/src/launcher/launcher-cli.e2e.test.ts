import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '@syncwell/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('./main.ts', import.meta.url));
/** tsx's loader by absolute URL, so the launcher runs from any working directory. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Launched {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Runs `npm start` / `npm run demo` the way npm does, from `cwd`, and collects what it prints. */
function launch(command: string, cwd: string, env: Record<string, string>): Launched {
  const child = spawn(process.execPath, ['--import', TSX, LAUNCHER, command], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(launched: Launched, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!launched.output().includes(text)) {
    if (Date.now() > deadline || launched.child.exitCode !== null)
      throw new Error(`never printed "${text}":\n${launched.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/**
 * `npm start` and `npm run demo` as a new user meets them: readable lines only (SyncWell's JSON
 * log goes to a file), nothing written where they were started, and the demo drives the server
 * `npm start` runs when there is one.
 */
describe('the dev launcher', () => {
  let root: string;
  const dir = (name: string) => {
    const path = join(root, name);
    rmSync(path, { recursive: true, force: true });
    return mkdtempSync(`${path}-`);
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sw-launcher-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('`npm run demo` alone starts its own stack, prints numbered steps and leaves nothing behind', async () => {
    const checkout = dir('checkout');
    const temp = dir('tmp');
    const demo = launch('demo', checkout, { TMPDIR: temp, XDG_RUNTIME_DIR: dir('runtime') });
    expect(await demo.exited, demo.output()).toBe(0);

    const printed = lines(demo.output());
    expect(printed.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(printed[0]).toMatch(/^No running `npm start` found/);
    for (const step of ['1.', '2.', '3.', '4.', '5.', '6.'])
      expect(printed.some((line) => line.startsWith(step))).toBe(true);
    expect(printed.at(-1)).toBe('Demo complete.');
    // Its data directory and its log lived in the temp directory and are gone; the checkout is untouched.
    expect(readdirSync(checkout)).toEqual([]);
    // (tsx keeps its compile cache there too; that one is not ours.)
    expect(readdirSync(temp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
  }, 180_000);

  it('`npm start` ends its banner with the next steps, and `npm run demo` drives that server', async () => {
    const checkout = dir('checkout');
    const runtime = dir('runtime');
    const env = { TMPDIR: dir('tmp'), XDG_RUNTIME_DIR: runtime, SYNCWELL_DATA_DIR: dir('data') };
    const start = launch('start', checkout, { ...env, PORT: String(await freePort()) });
    try {
      await waitForOutput(start, 'Stop with Ctrl+C.', 120_000);
      const banner = lines(start.output());
      expect(banner.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
      expect(banner.at(-1)).toMatch(/^\s+\d\. Stop with Ctrl\+C\.$/);
      expect(banner.some((line) => line.includes('npm run demo'))).toBe(true);
      expect(banner.filter((line) => line.includes(' push: '))).toHaveLength(7);

      const demo = launch('demo', checkout, env);
      expect(await demo.exited, demo.output()).toBe(0);
      expect(lines(demo.output())[0]).toMatch(
        /^Driving the SyncWell that `npm start` runs at http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(lines(demo.output()).at(-1)).toBe('Demo complete.');
      expect(readdirSync(checkout)).toEqual([]);
    } finally {
      start.child.kill('SIGTERM');
      await start.exited;
    }
    // Stopping removes the state file, so the next demo does not look for a server that is gone.
    expect(readdirSync(runtime).filter((name) => name.endsWith('.json'))).toEqual([]);
    // The JSON log stays beside it, where the banner said.
    expect(readdirSync(runtime).filter((name) => name.endsWith('.log'))).toHaveLength(1);
  }, 300_000);
});
