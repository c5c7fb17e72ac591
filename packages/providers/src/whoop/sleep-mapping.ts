import { sleepSession, type SleepSession, type SleepStage } from '@syncwell/core';
import type { z } from 'zod';
import { invalid, WHOOP_DEVICE, type WhoopMapping } from './mapping.js';
import type { WhoopSleep, WhoopStageSummary } from './schemas.js';
import { offsetMinutes, utcIso } from './whoop-time.js';

/**
 * WHOOP v2 gives stage TOTALS only (`score.stage_summary`), never a hypnogram. We lay the totals
 * out as consecutive blocks from the session start in a fixed order (light, deep = slow wave,
 * REM, awake), each as long as WHOOP's total, clipped to the session. So per-stage SUMS are
 * WHOOP's exactly; the ORDER and clock times of the blocks are ours, not measured. Time WHOOP
 * could not classify (in bed minus the four totals, incl. `total_no_data_time_milli`) is left
 * without a stage rather than invented.
 */
export function stageBlocks(startMs: number, endMs: number, summary: WhoopStageSummary): SleepStage[] {
  const order: readonly [SleepStage['stage'], number][] = [
    ['light', summary.total_light_sleep_time_milli],
    ['deep', summary.total_slow_wave_sleep_time_milli],
    ['rem', summary.total_rem_sleep_time_milli],
    ['awake', summary.total_awake_time_milli],
  ];
  const stages: SleepStage[] = [];
  let at = startMs;
  for (const [stage, millis] of order) {
    const until = Math.min(endMs, at + Math.round(millis));
    if (until <= at) continue;
    stages.push({ stage, startTime: new Date(at).toISOString(), endTime: new Date(until).toISOString() });
    at = until;
  }
  return stages;
}

/**
 * A v2 sleep (naps included: they are sleep) → canonical session. PENDING_SCORE waits;
 * UNSCORABLE keeps its times with no stages.
 */
export function whoopSleepToSession(raw: WhoopSleep): WhoopMapping<SleepSession> {
  if (raw.score_state === 'PENDING_SCORE') return { kind: 'pending' };
  const startTime = utcIso(raw.start);
  const endTime = utcIso(raw.end);
  const offset = offsetMinutes(raw.timezone_offset);
  if (startTime === undefined || endTime === undefined)
    return { kind: 'invalid', message: 'start/end unreadable' };
  if (offset === undefined) return { kind: 'invalid', message: 'timezone_offset unreadable' };
  const summary = raw.score_state === 'SCORED' ? raw.score?.stage_summary : undefined;
  const candidate: z.input<typeof sleepSession> = {
    type: 'sleep',
    provenance: { provider: 'whoop', externalId: raw.id, device: WHOOP_DEVICE },
    startTime,
    endTime,
    utcOffsetMinutes: offset,
    stages: summary === undefined ? [] : stageBlocks(Date.parse(startTime), Date.parse(endTime), summary),
  };
  const parsed = sleepSession.safeParse(candidate);
  return parsed.success
    ? { kind: 'record', record: parsed.data, final: true }
    : invalid(parsed.error, 'sleep');
}
