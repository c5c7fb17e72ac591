import type { RunView, SyncWellApiClient } from '@syncwell/server';

/**
 * Waits for a finished run of `ruleId` started by `trigger` (`webhook`, `schedule`, ...), as the
 * user would watch `GET /v1/runs?ruleId=`. Throws after `timeoutMs` with what it saw.
 */
export async function waitForTriggeredRun(
  client: SyncWellApiClient,
  ruleId: string,
  trigger: string,
  timeoutMs = 30_000,
): Promise<RunView> {
  const deadline = performance.now() + timeoutMs;
  let seen: RunView[] = [];
  while (performance.now() < deadline) {
    seen = (await client.call<{ runs: RunView[] }>('GET', `/v1/runs?ruleId=${encodeURIComponent(ruleId)}`))
      .runs;
    const done = seen.find((r) => r.trigger === trigger && r.status !== 'queued' && r.status !== 'running');
    if (done !== undefined) return done;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const statuses = seen.map((r) => `${r.trigger}:${r.status}`).join(', ') || 'none';
  throw new Error(`no finished ${trigger} run of rule ${ruleId} within ${timeoutMs} ms (runs: ${statuses})`);
}
