import { JOB_PRIORITIES, type EnqueueJob, type JobPriority } from './port.js';
import { jobPayloadSchema, type JobPayload } from './job-payload.js';
import { InvalidJobError } from './job-errors.js';

export interface ValidJob {
  readonly name: string;
  readonly payload: JobPayload;
  readonly priority: JobPriority;
  readonly delayMs: number;
  readonly attempts: number | undefined;
  readonly jobId: string | undefined;
}

/** Shared by every adapter so they refuse exactly the same jobs. Error details name fields, never values. */
export function validateEnqueue(job: EnqueueJob): ValidJob {
  const parsed = jobPayloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(payload)');
    throw new InvalidJobError('A job payload may carry ids only', { fields });
  }
  if (typeof job.name !== 'string' || job.name === '') throw new InvalidJobError('A job needs a name');
  const priority = job.priority ?? 'scheduled';
  if (!JOB_PRIORITIES.includes(priority)) throw new InvalidJobError('Unknown job priority', { priority });
  const delayMs = job.delayMs ?? 0;
  if (!Number.isFinite(delayMs) || delayMs < 0)
    throw new InvalidJobError('delayMs must be a finite number ≥ 0');
  if (job.attempts !== undefined && (!Number.isInteger(job.attempts) || job.attempts < 1)) {
    throw new InvalidJobError('attempts must be an integer ≥ 1');
  }
  if (job.jobId?.length === 0) throw new InvalidJobError('jobId must not be empty');
  return {
    name: job.name,
    payload: parsed.data,
    priority,
    delayMs,
    attempts: job.attempts,
    jobId: job.jobId,
  };
}
