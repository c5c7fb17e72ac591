import { z } from 'zod';
import { provenance } from './provenance.js';
import { localDate, utcInstant, utcOffsetMinutes } from './time.js';

/**
 * One local day of heart-rate variability readings (ms). Providers report different statistics
 * (Oura and WHOOP: RMSSD; Apple: SDNN), so each sample says which one it is: the two are not
 * interchangeable and must never be compared or merged as if they were.
 */
export const hrvSamples = z.strictObject({
  type: z.literal('hrv'),
  provenance,
  date: localDate,
  utcOffsetMinutes,
  samples: z
    .array(
      z.strictObject({
        time: utcInstant,
        ms: z.number().positive().max(3000),
        statistic: z.enum(['rmssd', 'sdnn']),
      }),
    )
    .max(100_000),
});
export type HrvSamples = z.infer<typeof hrvSamples>;

/** One local day of blood-oxygen saturation readings, in percent (UCUM `%`). */
export const spo2Samples = z.strictObject({
  type: z.literal('spo2'),
  provenance,
  date: localDate,
  utcOffsetMinutes,
  samples: z.array(z.strictObject({ time: utcInstant, percent: z.number().min(50).max(100) })).max(100_000),
});
export type Spo2Samples = z.infer<typeof spo2Samples>;
