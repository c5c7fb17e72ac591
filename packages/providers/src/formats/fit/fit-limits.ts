/**
 * The largest value each FIT field we write can hold: the base type's maximum minus the
 * all-ones "invalid" value, divided by the field's scale. The SDK's encoder wraps a larger
 * value around (258 bpm becomes 2), so the encoder clamps here and the round-trip check
 * reports the clamp as a change.
 */
export const FIT_MAX = {
  /** uint8 bpm */
  heartRate: 254,
  /** uint16 kcal */
  calories: 65_534,
  /** uint32, scale 100: metres */
  distance: (2 ** 32 - 2) / 100,
  /** uint32, scale 1000: seconds */
  seconds: (2 ** 32 - 2) / 1000,
} as const;

export function clampTo(max: number, value: number): number {
  return Math.min(max, Math.max(0, value));
}
