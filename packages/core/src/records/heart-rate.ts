import { z } from 'zod';
import { provenance } from './provenance.js';
import { localDate, utcInstant, utcOffsetMinutes } from './time.js';

/**
 * One local day of heart-rate samples: the destination write unit for samples, so the ledger
 * holds one row per day, never one per sample (DESIGN §5).
 */
export const heartRateSamples = z.strictObject({
  type: z.literal('heart_rate'),
  provenance,
  date: localDate,
  utcOffsetMinutes,
  samples: z.array(z.strictObject({ time: utcInstant, bpm: z.number().int().min(20).max(260) })).max(100_000),
});
export type HeartRateSamples = z.infer<typeof heartRateSamples>;
