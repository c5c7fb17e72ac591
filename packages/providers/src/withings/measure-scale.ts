/**
 * Withings measures are a mantissa and a power of ten: real value = `value × 10^unit`
 * (7231 with unit −2 is 72.31 kg). Rounding to the mantissa's own precision removes binary
 * noise (72.31000000000001) without inventing digits.
 */
export function scaledMeasure(value: number, unit: number): number {
  const scaled = value * 10 ** unit;
  const decimals = Math.max(0, Math.min(12, -unit));
  return Number(scaled.toFixed(decimals));
}

/** The inverse, for simulators and fixtures: a real value as `{value, unit}` with `decimals` digits. */
export function toMeasure(real: number, decimals: number): { value: number; unit: number } {
  return { value: Math.round(real * 10 ** decimals), unit: -decimals };
}
