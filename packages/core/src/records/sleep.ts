import { z } from 'zod';
import { provenance } from './provenance.js';
import { utcInstant, utcOffsetMinutes } from './time.js';

const endsAfterStart = (span: { startTime: string; endTime: string }): boolean =>
  Date.parse(span.endTime) >= Date.parse(span.startTime);

export const SLEEP_STAGES = ['awake', 'light', 'deep', 'rem', 'asleep_unspecified'] as const;
export const sleepStage = z.strictObject({
  stage: z.enum(SLEEP_STAGES),
  startTime: utcInstant,
  endTime: utcInstant,
});
export type SleepStage = z.infer<typeof sleepStage>;

export const sleepSession = z
  .strictObject({
    type: z.literal('sleep'),
    provenance,
    startTime: utcInstant,
    endTime: utcInstant,
    utcOffsetMinutes,
    stages: z.array(sleepStage).max(5000).default([]),
  })
  // As for a workout: a session that ends before it starts is a provider bug, never data.
  .refine(endsAfterStart, { message: 'endTime is before startTime', path: ['endTime'] });
export type SleepSession = z.infer<typeof sleepSession>;
