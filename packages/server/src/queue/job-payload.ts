import { z } from 'zod';

/**
 * What a job may carry: ids, nothing else (DESIGN §6.1: no health value ever reaches a queue).
 * Strict, so an extra field is refused at enqueue rather than quietly persisted in Redis.
 */
export const jobPayloadSchema = z
  .strictObject({
    runId: z.uuid().optional(),
    ruleId: z.uuid().optional(),
    connectionId: z.uuid().optional(),
    userId: z.uuid().optional(),
  })
  .refine((payload) => Object.values(payload).some((id) => id !== undefined), {
    message: 'A job payload needs at least one id',
  });

export type JobPayload = z.infer<typeof jobPayloadSchema>;
