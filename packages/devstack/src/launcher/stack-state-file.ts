import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** What `npm start` leaves for `npm run demo` to find it: where its API listens, and who runs it. */
export interface StackState {
  readonly pid: number;
  readonly apiUrl: string;
  /** Where that SyncWell writes its JSON log. */
  readonly logPath: string;
  readonly simulators: Readonly<Record<string, string>>;
}

const stackState = z.object({
  pid: z.number().int().positive(),
  apiUrl: z.url(),
  logPath: z.string(),
  simulators: z.record(z.string(), z.string()),
});

/**
 * One set of files per OS user, outside the checkout: in `$XDG_RUNTIME_DIR` when the session has
 * one (private, emptied at logout), in the OS temp directory otherwise.
 */
function devStackFile(extension: 'json' | 'log', env: NodeJS.ProcessEnv): string {
  const dir = env.XDG_RUNTIME_DIR ?? tmpdir();
  const user = process.getuid?.() ?? env.USERNAME ?? 'user';
  return join(dir, `syncwell-devstack-${user}.${extension}`);
}

export function stackStatePath(env: NodeJS.ProcessEnv = process.env): string {
  return devStackFile('json', env);
}

/** Where `npm start` writes SyncWell's JSON log (the terminal keeps the banner readable). */
export function stackLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return devStackFile('log', env);
}

export function writeStackState(state: StackState, path = stackStatePath()): void {
  writeFileSync(path, `${JSON.stringify(state)}\n`, { mode: 0o600 });
}

/** Removes the file if it is still ours (a second `npm start` may have replaced it). */
export function clearStackState(pid: number, path = stackStatePath()): void {
  if (readStackState(path)?.pid === pid) rmSync(path, { force: true });
}

export function readStackState(path = stackStatePath()): StackState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = stackState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `npm start` stack that is running now, if any: the state file names a live process whose
 * API answers `/health` and serves the SyncWell OpenAPI document (so a stale file, or another
 * program that took the port since, is not mistaken for it).
 */
export async function findRunningStack(path = stackStatePath()): Promise<StackState | undefined> {
  const state = readStackState(path);
  if (state === undefined || !processIsAlive(state.pid)) return undefined;
  try {
    const health = await fetch(`${state.apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
    const docs = await fetch(`${state.apiUrl}/docs/json`, { signal: AbortSignal.timeout(2_000) });
    const title = ((await docs.json()) as { info?: { title?: unknown } }).info?.title;
    return health.ok && docs.ok && title === 'SyncWell API' ? state : undefined;
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: the pid was reused by another user's process, so not our stack either.
    return false;
  }
}
