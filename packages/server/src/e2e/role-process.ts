import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

/** A SyncWell role running as its own OS process, as in production. */
export interface RoleProcess {
  readonly role: string;
  readonly child: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** SIGTERM, then wait for exit (SIGKILL after the deadline); resolves to the exit code. */
  stop(deadlineMs?: number): Promise<number | null>;
}

/**
 * Starts `syncwell <role>` with the given environment and resolves once the process says it
 * runs (`syncwell <role>: running`), or rejects with its output when it exits first.
 */
export function startRoleProcess(
  role: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
  /** Extra Node options placed after tsx's (`--import` of a loader hook, ...). */
  nodeArgs: readonly string[] = [],
): Promise<RoleProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, CLI, role], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle: RoleProcess = {
    role,
    child,
    output: () => output,
    stop: async (deadlineMs = 15_000) => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`syncwell ${role} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (
        output.includes(`syncwell ${role}: running`) ||
        (role === 'migrate' && output.includes('up to date'))
      ) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      if (role === 'migrate' && code === 0) resolve(handle);
      reject(new Error(`syncwell ${role} exited with ${code}:\n${output}`));
    });
  });
}
