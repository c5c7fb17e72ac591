import { z } from 'zod';
import { provenance } from './provenance.js';
import { quantity } from './quantity.js';
import { utcInstant, utcOffsetMinutes } from './time.js';

export const bodyMeasurement = z
  .strictObject({
    type: z.literal('body_measurement'),
    provenance,
    time: utcInstant,
    utcOffsetMinutes,
    weight: quantity('kg').optional(),
    bodyFat: quantity('%').optional(),
  })
  .refine((m) => m.weight !== undefined || m.bodyFat !== undefined, {
    message: 'a body measurement needs a weight or a body-fat value',
  });
export type BodyMeasurement = z.infer<typeof bodyMeasurement>;
