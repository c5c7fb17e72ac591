/**
 * SIGTERM / SIGINT drain the process once: `close` stops taking work and waits for in-flight
 * jobs (see `SyncWellRuntime.close`), then the process exits 0, or 1 if closing failed. A second
 * signal while draining is ignored, so an impatient Ctrl+C cannot cut a commit in half.
 *
 * @example
 *   stopOnSignals(async () => { await runtime.close(); await simulators.close(); });
 */
export function stopOnSignals(close: () => Promise<void>, say: (line: string) => void = console.log): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`syncwell: ${signal} received, draining`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('syncwell: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
