/**
 * Answers a push service gives instead of accepting, queued by a test: the next requests get
 * them in order, then the service behaves again. Each service turns one into its own error body.
 */
export interface ScriptedFailure {
  readonly status: number;
  /** APNs `reason`, FCM `status`/`errorCode`, or an SMTP reply text. */
  readonly reason?: string;
  readonly retryAfterSeconds?: number;
}

export class ScriptedFailures {
  private readonly queue: ScriptedFailure[] = [];

  push(...failures: ScriptedFailure[]): void {
    this.queue.push(...failures);
  }

  take(): ScriptedFailure | undefined {
    return this.queue.shift();
  }
}

export async function listeningUrl(server: { address(): unknown }, scheme = 'http'): Promise<string> {
  const address = server.address() as { port: number } | null;
  if (address === null) throw new Error('server is not listening');
  return Promise.resolve(`${scheme}://127.0.0.1:${address.port}`);
}
