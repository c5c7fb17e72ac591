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
  const data = job.data as Partial<StoredJobData> | null;
  // Re-validated on the way out too: a job written by another producer must not smuggle values in.
  const payload = jobPayloadSchema.parse(data?.payload);
  return {
    id: typeof data?.id === 'string' ? data.id : (job.id ?? ''),
    name: job.name,
    payload,
    priority: PRIORITY_OF_NUMBER.get(job.priority) ?? 'scheduled',
    attempt: job.attemptsMade + 1,
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

export function toDeadLetter(job: StoredJob): DeadLetter {
  return {
    job: toQueueJob({ ...job, attemptsMade: Math.max(0, job.attemptsMade - 1) }),
    ...decodeFailure(job.failedReason),
    failedAt: new Date(job.finishedOn ?? Date.now()),
  };
}
