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
    /** The W3C trace context of the enqueuer (trace and span ids, a flag byte): still ids only. */
    traceparent: z
      .string()
      .regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
      .optional(),
  })
  .refine(({ traceparent: _, ...ids }) => Object.values(ids).some((id) => id !== undefined), {
    message: 'A job payload needs at least one id',
  });

export type JobPayload = z.infer<typeof jobPayloadSchema>;
