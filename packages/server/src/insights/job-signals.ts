import { isErrorCode, PROVIDER_IDS, SyncWellError, type ProviderId } from '@syncwell/core';
import type { JobSignal } from '@syncwell/insights';
import type { Cache } from '../coordination/port.js';
import { DelayJobError, type JobHandler } from '../queue/port.js';

const SIGNAL_TTL_MS = 24 * 3_600_000;
const WEBHOOK_TTL_MS = 30 * 86_400_000;
const signalKey = (ruleId: string) => `insights:job-signal:${ruleId}`;
const webhookKey = (connectionId: string) => `insights:webhook-seen:${connectionId}`;

type StoredSignal = Omit<JobSignal, 'at' | 'until'> & { at: string; until: string | null };

/**
 * What the troubleshooter needs to see that a run row does not show: a job waiting for a rate
 * budget (and until when), or retrying after a provider error (outage, 410) before its last
 * attempt. Wraps the worker's handler and notes the latest such event per rule in the shared
 * cache (codes and times only); a job that completes clears it.
 *
 * @example
 *   queue.process(recordJobSignals(handler, coordination.cache, () => Date.now()), { concurrency });
 */
export function recordJobSignals(handler: JobHandler, cache: Cache, now: () => number): JobHandler {
  return async (job) => {
    const ruleId = job.payload.ruleId;
    try {
      await handler(job);
      if (ruleId !== undefined) await cache.invalidate(signalKey(ruleId)).catch(() => undefined);
    } catch (error) {
      if (ruleId !== undefined) {
        const signal = signalOf(error, job.attempt, job.maxAttempts, now());
        const write =
          signal === null
            ? cache.invalidate(signalKey(ruleId))
            : cache.set(signalKey(ruleId), JSON.stringify(signal), SIGNAL_TTL_MS);
        // Diagnostics are best effort: a cache hiccup must never change the job's outcome.
        await write.catch(() => undefined);
      }
      throw error;
    }
  };
}

function signalOf(error: unknown, attempt: number, maxAttempts: number, at: number): StoredSignal | null {
  if (!(error instanceof SyncWellError)) return null;
  const provider = providerOf(error);
  if (error instanceof DelayJobError) {
    return {
      kind: 'waiting',
      code: error.code,
      at: iso(at),
      until: iso(at + error.delayMs),
      attempt: null,
      maxAttempts: null,
      provider,
    };
  }
  if (attempt >= maxAttempts || error.retryClass !== 'retry') return null;
  return { kind: 'retrying', code: error.code, at: iso(at), until: null, attempt, maxAttempts, provider };
}

function providerOf(error: SyncWellError): ProviderId | null {
  const named = error.details?.provider;
  if (typeof named === 'string' && (PROVIDER_IDS as readonly string[]).includes(named))
    return named as ProviderId;
  // Our own budgets say "<provider> budget exhausted" (budgeted-provider.ts).
  const prefix = /^([a-z_]+) budget exhausted/.exec(error.message)?.[1];
  return prefix !== undefined && (PROVIDER_IDS as readonly string[]).includes(prefix)
    ? (prefix as ProviderId)
    : null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function readJobSignal(cache: Cache, ruleId: string): Promise<JobSignal | null> {
  const raw = await cache.get(signalKey(ruleId));
  if (raw === null) return null;
  const s = JSON.parse(raw) as StoredSignal;
  if (!isErrorCode(s.code)) return null;
  return {
    ...s,
    code: s.code,
    at: new Date(s.at),
    until: s.until === null ? null : new Date(s.until),
  };
}

/** Notes that a verified provider notification arrived for these connections. */
export async function recordWebhookReceipt(
  cache: Cache,
  connectionIds: readonly string[],
  at: number,
): Promise<void> {
  await Promise.all(
    connectionIds.map((id) => cache.set(webhookKey(id), new Date(at).toISOString(), WEBHOOK_TTL_MS)),
  ).catch(() => undefined);
}

export async function readWebhookReceipt(cache: Cache, connectionId: string): Promise<Date | null> {
  const raw = await cache.get(webhookKey(connectionId));
  return raw === null ? null : new Date(raw);
}
