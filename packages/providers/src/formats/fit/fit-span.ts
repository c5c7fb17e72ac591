/** The time fields every FIT summary message (session, lap) shares. */
export interface FitSummaryTimes {
  readonly startTime?: unknown;
  readonly timestamp?: unknown;
  readonly totalElapsedTime?: unknown;
}

export interface Span {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * When a session or lap ran. Its `timestamp` is normally when it ended; devices that write the
 * summary BEFORE the records (several Garmin models and apps) stamp it with the start instead,
 * which would make a zero-length workout. Then the end is `start_time + total_elapsed_time`, or,
 * without that field, the last record the span holds (`lastRecordMs`). Undefined without a start.
 */
export function spanOf(
  mesg: FitSummaryTimes,
  lastRecordMs: (startMs: number) => number | undefined,
): Span | undefined {
  if (!(mesg.startTime instanceof Date)) return undefined;
  const startMs = mesg.startTime.getTime();
  const stampMs = mesg.timestamp instanceof Date ? mesg.timestamp.getTime() : undefined;
  if (stampMs !== undefined && stampMs > startMs) return { startMs, endMs: stampMs };
  const elapsed = mesg.totalElapsedTime;
  if (typeof elapsed === 'number' && elapsed > 0)
    return { startMs, endMs: startMs + Math.round(elapsed * 1000) };
  const last = lastRecordMs(startMs);
  return { startMs, endMs: Math.max(startMs, last ?? stampMs ?? startMs) };
}
