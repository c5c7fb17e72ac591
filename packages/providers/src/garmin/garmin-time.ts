/**
 * Garmin's time convention: instants are epoch seconds UTC and the wearer's local offset comes
 * separately as `startTimeOffsetInSeconds` (seconds, not minutes). Adding the offset to the
 * instant is the classic bug: the instant is already UTC.
 */
export function epochSecondsToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** 7200 → 120. Offsets such as +05:45 (20700 s) stay whole minutes. */
export function offsetSecondsToMinutes(seconds: number): number {
  return Math.round(seconds / 60);
}

/** `{"<offset seconds>": value}` maps → sorted `[instantIso, value]` pairs. */
export function offsetSamples(
  startSeconds: number,
  samples: Readonly<Record<string, number>> | undefined,
): [string, number][] {
  if (samples === undefined) return [];
  return Object.entries(samples)
    .map(([offset, value]) => [Number(offset), value] as const)
    .filter(([offset, value]) => Number.isInteger(offset) && offset >= 0 && Number.isFinite(value))
    .sort(([a], [b]) => a - b)
    .map(([offset, value]) => [epochSecondsToIso(startSeconds + offset), value]);
}
