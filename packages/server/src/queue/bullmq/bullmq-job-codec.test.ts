import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnrecoverableJobError } from '../job-errors.js';
import {
  decodeFailure,
  encodeFailure,
  toDeadLetter,
  toQueueJob,
  type StoredJob,
} from './bullmq-job-codec.js';

const stored = (data: unknown, extra: Partial<StoredJob> = {}): StoredJob => ({
  id: 'bull-id',
  name: 'sync-run',
  data,
  priority: 2,
  attemptsMade: 0,
  opts: { attempts: 3 },
  ...extra,
});

describe('bullmq job codec', () => {
  it('carries the stable code in the failed reason and reads it back', () => {
    const reason = encodeFailure(new UnrecoverableJobError('SW_PROVIDER_AUTH_REVOKED', 'grant revoked'));
    expect(reason).toBe('[SW_PROVIDER_AUTH_REVOKED] grant revoked');
    expect(decodeFailure(reason)).toEqual({ code: 'SW_PROVIDER_AUTH_REVOKED', reason: 'grant revoked' });
    expect(decodeFailure(encodeFailure(new Error('boom')))).toEqual({ code: 'SW_INTERNAL', reason: 'boom' });
    expect(decodeFailure('[SW_NOT_A_CODE] x')).toEqual({ code: 'SW_INTERNAL', reason: '[SW_NOT_A_CODE] x' });
    expect(decodeFailure('job stalled more than allowable limit').code).toBe('SW_INTERNAL');
  });

  it('maps a stored job to the port, with the caller id and the attempt number', () => {
    const runId = randomUUID();
    expect(toQueueJob(stored({ id: 'run-1', payload: { runId } }, { attemptsMade: 1 }))).toEqual({
      id: 'run-1',
      name: 'sync-run',
      payload: { runId },
      priority: 'webhook',
      attempt: 2,
      maxAttempts: 3,
    });
    expect(() => toQueueJob(stored({ id: 'x', payload: { runId, steps: 10432 } }))).toThrow();
  });

  it('shows a dead letter that carried values with its valid ids only', () => {
    const runId = randomUUID();
    const dead = toDeadLetter(
      stored(
        { id: 'x', payload: { runId, steps: 10432, userId: 'not-a-uuid' } },
        { attemptsMade: 1, failedReason: '[SW_VALIDATION_FAILED] not ids only', finishedOn: 1_000 },
      ),
    );
    expect(dead).toEqual({
      job: expect.objectContaining({ id: 'x', payload: { runId }, attempt: 1 }),
      code: 'SW_VALIDATION_FAILED',
      reason: 'not ids only',
      failedAt: new Date(1_000),
    });
  });
});
