import { z } from 'zod';

/**
 * UCUM unit codes used by canonical records (https://ucum.org). A quantity always carries its
 * unit so that a reader never has to guess whether a distance is metres or kilometres.
 */
export const UCUM = {
  metre: 'm',
  second: 's',
  kilocalorie: 'kcal',
  kilogram: 'kg',
  percent: '%',
  beatsPerMinute: '/min',
  steps: '{steps}',
} as const;
export type UcumUnit = (typeof UCUM)[keyof typeof UCUM];

/** `{ value, unit }` with the unit fixed by the schema, e.g. `quantity('m')`. */
export function quantity<U extends UcumUnit>(unit: U) {
  return z.strictObject({ value: z.number().nonnegative(), unit: z.literal(unit) });
}
export type Quantity<U extends UcumUnit> = { value: number; unit: U };
