import { z } from 'zod';
import { provenance } from './provenance.js';
import { quantity } from './quantity.js';
import { localDate, utcOffsetMinutes } from './time.js';

/**
 * One local day's activity totals. Providers keep growing these during the day, so a daily
 * summary is overwritten by day, never treated as final on first sight (DESIGN §8).
 */
export const dailyActivity = z.strictObject({
  type: z.literal('daily_activity'),
  provenance,
  date: localDate,
  utcOffsetMinutes,
  steps: quantity('{steps}').optional(),
  distance: quantity('m').optional(),
  activeEnergy: quantity('kcal').optional(),
  totalEnergy: quantity('kcal').optional(),
  activeTime: quantity('s').optional(),
  restingHeartRate: quantity('/min').optional(),
});
export type DailyActivity = z.infer<typeof dailyActivity>;
