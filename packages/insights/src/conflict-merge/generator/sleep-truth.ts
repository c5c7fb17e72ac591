import type { SleepSession, SleepStage } from '@syncwell/core';
import type { Random } from './random.js';

const MINUTE_MS = 60_000;

/** A night: sleep onset around 23:15 local, 4.5–10 h, 90-minute cycles of light, deep, REM and brief wakes. */
export function drawNight(random: Random, dayMs: number, offset: number): SleepSession {
  const onsetLocalMin = Math.round(Math.min(26 * 60, Math.max(21 * 60, random.normal(23.25 * 60, 50))));
  const startMs = dayMs + onsetLocalMin * MINUTE_MS - offset * MINUTE_MS;
  const durationMin = Math.round(Math.min(600, Math.max(270, random.normal(440, 55))));
  const endMs = startMs + durationMin * MINUTE_MS;
  const stages: SleepStage[] = [];
  let t = startMs;
  let cycle = 0;
  const push = (stage: SleepStage['stage'], minutes: number) => {
    const to = Math.min(endMs, t + Math.max(1, Math.round(minutes)) * MINUTE_MS);
    if (to <= t) return;
    stages.push({ stage, startTime: new Date(t).toISOString(), endTime: new Date(to).toISOString() });
    t = to;
  };
  while (t < endMs) {
    const length = random.uniform(80, 105);
    const early = Math.max(0, 1 - cycle / 3);
    const deep = length * random.uniform(0.08, 0.12 + 0.25 * early);
    const rem = length * random.uniform(0.1, 0.15 + 0.2 * (1 - early));
    push('light', (length - deep - rem) * 0.55);
    push('deep', deep);
    push('light', (length - deep - rem) * 0.45);
    push('rem', rem);
    if (random.chance(0.5)) push('awake', random.uniform(1, 6));
    cycle++;
  }
  return {
    type: 'sleep',
    provenance: { provider: 'oura', externalId: 'pending' },
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(endMs).toISOString(),
    utcOffsetMinutes: offset,
    stages,
  };
}

/** The night cut at `endMs` (a preliminary session that ended at an awakening). */
export function cutNight(night: SleepSession, endMs: number): SleepSession {
  const end = new Date(endMs).toISOString();
  const stages = night.stages
    .filter((s) => Date.parse(s.startTime) < endMs)
    .map((s) => (Date.parse(s.endTime) > endMs ? { ...s, endTime: end } : s));
  return { ...night, endTime: end, stages };
}

/** Every sleeping stage reported as `asleep_unspecified` (a device that does not stage sleep). */
export function unstaged(night: SleepSession): SleepSession {
  const stages: SleepStage[] = [];
  for (const s of night.stages) {
    const stage = s.stage === 'awake' ? 'awake' : 'asleep_unspecified';
    const last = stages[stages.length - 1];
    if (last !== undefined && last.stage === stage && last.endTime === s.startTime) {
      stages[stages.length - 1] = { ...last, endTime: s.endTime };
    } else {
      stages.push({ ...s, stage });
    }
  }
  return { ...night, stages };
}
