/**
 * A small typed client of SyncWell's own HTTP API, used by `syncwell backfill`, the dev
 * launcher's demo, the end-to-end tests and benchmarks. It speaks only the public API contract
 * (docs/api.md), never internals.
 */
export class SyncWellApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

export interface RunView {
  id: string;
  ruleId: string;
  status: 'queued' | 'running' | 'succeeded' | 'partial' | 'failed';
  trigger: string;
  counts: { read: number; written: number; skipped: number; failed: number };
  errorCode: string | null;
  items?: {
    dataType: string;
    externalId: string;
    outcome: string;
    code: string;
    destinationId: string | null;
  }[];
}

export class SyncWellApiClient {
  private accessToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async signUpAndLogIn(email: string, password: string): Promise<void> {
    await this.call('POST', '/v1/users', { email, password });
    await this.logIn(email, password);
  }

  async logIn(email: string, password: string): Promise<void> {
    const session = await this.call<{ accessToken: string }>('POST', '/v1/sessions', { email, password });
    this.accessToken = session.accessToken;
  }

  /** Starts the OAuth dance; the caller sends a browser (or the consent driver) to the URL. */
  async startConnection(provider: string): Promise<string> {
    const { authorizeUrl } = await this.call<{ authorizeUrl: string }>('POST', '/v1/connections', {
      provider,
    });
    return authorizeUrl;
  }

  /** Follows the provider's redirect back to our callback, as the browser would. */
  async completeConnection(callbackUrl: URL): Promise<{ id: string; provider: string; status: string }> {
    const response = await fetch(callbackUrl, { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { connection: { id: string; provider: string; status: string } };
    if (!response.ok) throw new SyncWellApiError(response.status, body, 'OAuth callback');
    return body.connection;
  }

  createRule(rule: { sourceConnectionId: string; destinationConnectionId: string; dataTypes: string[] }) {
    return this.call<{ rule: { id: string } }>('POST', '/v1/rules', rule).then((r) => r.rule);
  }

  triggerSync(ruleId: string): Promise<RunView> {
    return this.call<{ run: RunView }>('POST', `/v1/rules/${ruleId}/sync`).then((r) => r.run);
  }

  getRun(runId: string): Promise<RunView> {
    return this.call<{ run: RunView }>('GET', `/v1/runs/${runId}`).then((r) => r.run);
  }

  /** Polls a run until it finishes; throws after `timeoutMs`. */
  async waitForRun(runId: string, timeoutMs = 30_000): Promise<RunView> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const run = await this.getRun(runId);
      if (run.status !== 'queued' && run.status !== 'running') return run;
      if (performance.now() > deadline)
        throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async syncAndWait(ruleId: string, timeoutMs?: number): Promise<RunView> {
    const run = await this.triggerSync(ruleId);
    return this.waitForRun(run.id, timeoutMs);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.accessToken !== undefined) headers.authorization = `Bearer ${this.accessToken}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) throw new SyncWellApiError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }
}
