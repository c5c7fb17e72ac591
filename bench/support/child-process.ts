import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A benchmark side running in its own Node process: a server measured by autocannon must not
 * share the load generator's event loop, and an RSS figure must not include the harness.
 * The child speaks one protocol: a stdout line `BENCH_READY <json>` once it serves, and
 * `BENCH_RESULT <json>` when it has a result. Anything else it prints is kept for errors.
 */
export interface BenchChild<T> {
  readonly child: ChildProcess;
  /** The BENCH_READY payload. */
  readonly ready: T;
  /** Resolves with the BENCH_RESULT payload (or rejects when the child exits without one). */
  result<R>(): Promise<R>;
  /** SIGTERM, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export async function startChild<T>(
  entry: URL,
  options: { env?: Record<string, string>; args?: unknown; timeoutMs?: number } = {},
): Promise<BenchChild<T>> {
  // BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the measured side
  // (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', fileURLToPath(entry), JSON.stringify(options.args ?? {})],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let buffer = '';
  const waiters = new Map<string, (payload: unknown) => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8_000)));
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const match = /^(BENCH_READY|BENCH_RESULT) (.*)$/.exec(line);
      if (match) waiters.get(match[1]!)?.(JSON.parse(match[2]!));
      else output = (output + line + '\n').slice(-8_000);
    }
  });
  const waitFor = <R>(tag: string, timeoutMs: number) =>
    new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${entry.pathname}: no ${tag} within ${timeoutMs} ms\n${output}`));
      }, timeoutMs);
      waiters.set(tag, (payload) => {
        clearTimeout(timer);
        resolve(payload as R);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${entry.pathname} exited with ${code} before ${tag}\n${output}`));
      });
    });
  const resultPromise = waitFor<unknown>('BENCH_RESULT', 30 * 60_000);
  resultPromise.catch(() => undefined); // observed by result(); a server child never sends one
  const ready = await waitFor<T>('BENCH_READY', options.timeoutMs ?? 60_000);
  return {
    child,
    ready,
    result: <R>() => resultPromise as Promise<R>,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The child side: announce readiness or a result on stdout. */
export function announce(tag: 'BENCH_READY' | 'BENCH_RESULT', payload: unknown): void {
  process.stdout.write(`${tag} ${JSON.stringify(payload)}\n`);
}

/** The child side: the JSON argument given by `startChild`. */
export function childArgs(): unknown {
  return JSON.parse(process.argv[2] ?? '{}');
}
