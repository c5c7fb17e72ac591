import type { SleepStage } from '@syncwell/core';

const EPOCH_MS = 5 * 60_000;

/** `sleep_phase_5_min` characters; anything else makes the hypnogram unreadable. */
const STAGE_OF: Readonly<Record<string, SleepStage['stage']>> = {
  '1': 'deep',
  '2': 'light',
  '3': 'rem',
  '4': 'awake',
};

/**
 * Turns Oura's hypnogram (one character per 5-minute epoch from `bedtime_start`) into stages,
 * merging runs of the same character. The last epoch is clipped at `bedtime_end`, because the
 * period rarely ends on an epoch boundary. Returns undefined for an unknown stage character.
 */
export function stagesFromHypnogram(
  phases: string,
  startMs: number,
  endMs: number,
): SleepStage[] | undefined {
  const stages: SleepStage[] = [];
  let runStart = 0;
  for (let i = 1; i <= phases.length; i += 1) {
    if (i < phases.length && phases[i] === phases[runStart]) continue;
    const stage = STAGE_OF[phases.charAt(runStart)];
    if (stage === undefined) return undefined;
    const from = startMs + runStart * EPOCH_MS;
    const to = Math.min(startMs + i * EPOCH_MS, endMs);
    if (to > from) {
      stages.push({ stage, startTime: new Date(from).toISOString(), endTime: new Date(to).toISOString() });
    }
    runStart = i;
  }
  return stages;
}
