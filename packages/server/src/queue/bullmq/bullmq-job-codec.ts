import { epochMs, systemClock } from '@syncwell/core';
import { isErrorCode, SyncWellError, type ErrorCode } from '@syncwell/core';
import { jobPayloadSchema, type JobPayload } from '../job-payload.js';
import type { DeadLetter, JobPriority, QueueJob } from '../port.js';

/** BullMQ runs lower numbers sooner; 0 would mean "no priority" (a plain FIFO list), so we start at 1. */
export const BULLMQ_PRIORITY: Readonly<Record<JobPriority, number>> = {
  manual: 1,
  webhook: 2,
  scheduled: 3,
  backfill: 4,
};

const PRIORITY_OF_NUMBER = new Map<number, JobPriority>(
  Object.entries(BULLMQ_PRIORITY).map(([name, value]) => [value, name as JobPriority]),
);

/**
 * What lands in the job hash's `data` field: the caller's id (its dedup key) and the ids-only
 * payload, nothing else. The BullMQ job id is ours to pick (a UUID), so a caller's id can be
 * re-used once its job has started (see deduplication in bullmq-queue.ts).
 */
export interface StoredJobData {
  readonly id: string;
  readonly payload: JobPayload;
}

/** The slice of a BullMQ Job we read; keeps this module free of BullMQ's generics. */
export interface StoredJob {
  readonly id?: string | undefined;
  readonly name: string;
  readonly data: unknown;
  readonly priority: number;
  readonly attemptsMade: number;
  readonly opts: { readonly attempts?: number | undefined };
  readonly failedReason?: string | undefined;
  readonly finishedOn?: number | undefined;
}

const REASON_MAX = 500;
const REASON_PATTERN = /^\[(SW_[A-Z_]+)\] ([\s\S]*)$/;

export function toQueueJob(job: StoredJob): QueueJob {
  // Re-validated on the way out too: a job written by another producer must not smuggle values in.
  return describe(job, jobPayloadSchema.parse(storedData(job).payload), job.attemptsMade + 1);
}

function storedData(job: StoredJob): Partial<Record<keyof StoredJobData, unknown>> {
  return typeof job.data === 'object' && job.data !== null ? job.data : {};
}

function describe(job: StoredJob, payload: JobPayload, attempt: number): QueueJob {
  const { id } = storedData(job);
  return {
    id: typeof id === 'string' ? id : (job.id ?? ''),
    name: job.name,
    payload,
    priority: PRIORITY_OF_NUMBER.get(job.priority) ?? 'scheduled',
    attempt,
    maxAttempts: job.opts.attempts ?? 1,
  };
}

/**
 * BullMQ keeps only `error.message` as the failed reason, so the stable code rides in front of it:
 * `[SW_PROVIDER_UNAVAILABLE] still down`. Messages never carry values (SyncWellError's rule).
 */
export function encodeFailure(error: unknown): string {
  const code: ErrorCode = error instanceof SyncWellError ? error.code : 'SW_INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return `[${code}] ${message.slice(0, REASON_MAX)}`;
}

export function decodeFailure(failedReason: string | undefined): { code: ErrorCode; reason: string } {
  const match = REASON_PATTERN.exec(failedReason ?? '');
  const code = match?.[1];
  if (match === null || code === undefined || !isErrorCode(code)) {
    // BullMQ's own reasons ("job stalled more than allowable limit") have no code of ours.
    return { code: 'SW_INTERNAL', reason: (failedReason ?? '').slice(0, REASON_MAX) };
  }
  return { code, reason: match[2] ?? '' };
}

/** A dead letter refused for carrying values still shows its valid ids, never the rest. */
function idsOnly(payload: unknown): JobPayload {
  const parsed = jobPayloadSchema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const ids: Record<string, string> = {};
  const source = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  for (const key of ['runId', 'ruleId', 'connectionId', 'userId'] as const) {
    const value = source[key];
    if (typeof value === 'string' && UUID.test(value)) ids[key] = value;
  }
  return ids;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toDeadLetter(job: StoredJob): DeadLetter {
  return {
    // attemptsMade already counts the failed try, which is the attempt we report.
    job: describe(job, idsOnly(storedData(job).payload), Math.max(1, job.attemptsMade)),
    ...decodeFailure(job.failedReason),
    failedAt: new Date(job.finishedOn ?? (() => epochMs(systemClock))()),
  };
}
