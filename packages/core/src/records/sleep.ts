import { z } from 'zod';
import { provenance } from './provenance.js';
import { utcInstant, utcOffsetMinutes } from './time.js';

export const SLEEP_STAGES = ['awake', 'light', 'deep', 'rem', 'asleep_unspecified'] as const;
export const sleepStage = z.strictObject({
  stage: z.enum(SLEEP_STAGES),
  startTime: utcInstant,
  endTime: utcInstant,
});
export type SleepStage = z.infer<typeof sleepStage>;

export const sleepSession = z.strictObject({
  type: z.literal('sleep'),
  provenance,
  startTime: utcInstant,
  endTime: utcInstant,
  utcOffsetMinutes,
  stages: z.array(sleepStage).max(5000).default([]),
});
export type SleepSession = z.infer<typeof sleepSession>;
