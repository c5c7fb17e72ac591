import {
  bodyMeasurement,
  hrvSamples,
  sleepSession,
  spo2Samples,
  type BodyMeasurement,
  type HrvSamples,
  type SleepSession,
  type SleepStage,
  type Spo2Samples,
} from '@syncwell/core';
import { epochSecondsToIso, offsetSamples, offsetSecondsToMinutes } from './garmin-time.js';
import { validated, type Mapped } from './mapping-result.js';
import type { GarminBodyComp, GarminHrv, GarminPulseOx, GarminSleep } from './schemas.js';

const garmin = (externalId: string) => ({
  provider: 'garmin' as const,
  externalId,
  device: { manufacturer: 'Garmin' },
});

/**
 * A `sleeps` summary with its `sleepLevelsMap` (deep/light/rem/awake spans in epoch seconds).
 * `durationInSeconds` may leave out awake time, so the session ends at the later of
 * start + duration and the last stage's end.
 */
export function garminSleepToSession(sleep: GarminSleep): Mapped<SleepSession> {
  const stages: SleepStage[] = [];
  for (const [stage, spans] of Object.entries(sleep.sleepLevelsMap ?? {})) {
    for (const span of spans) {
      if (span.endTimeInSeconds <= span.startTimeInSeconds) continue;
      stages.push({
        stage: stage as SleepStage['stage'],
        startTime: epochSecondsToIso(span.startTimeInSeconds),
        endTime: epochSecondsToIso(span.endTimeInSeconds),
      });
    }
  }
  stages.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  const lastStageEnd = Math.max(0, ...stages.map((s) => Date.parse(s.endTime) / 1000));
  const end = Math.max(sleep.startTimeInSeconds + sleep.durationInSeconds, lastStageEnd);
  return validated(
    sleepSession,
    {
      type: 'sleep',
      provenance: garmin(sleep.summaryId),
      startTime: epochSecondsToIso(sleep.startTimeInSeconds),
      endTime: epochSecondsToIso(end),
      utcOffsetMinutes: offsetSecondsToMinutes(sleep.startTimeOffsetInSeconds),
      stages,
    },
    'sleep summary',
  );
}

/** `bodyComps`: weight arrives in grams (`weightInGrams`), canonical weight is kilograms. */
export function garminBodyCompToMeasurement(body: GarminBodyComp): Mapped<BodyMeasurement> {
  return validated(
    bodyMeasurement,
    {
      type: 'body_measurement',
      provenance: garmin(body.summaryId),
      time: epochSecondsToIso(body.measurementTimeInSeconds),
      utcOffsetMinutes: offsetSecondsToMinutes(body.measurementTimeOffsetInSeconds),
      ...(body.weightInGrams === undefined
        ? {}
        : { weight: { value: body.weightInGrams / 1000, unit: 'kg' as const } }),
      ...(body.bodyFatInPercent === undefined
        ? {}
        : { bodyFat: { value: body.bodyFatInPercent, unit: '%' as const } }),
    },
    'body composition',
  );
}

/** Garmin's overnight HRV values are RMSSD in ms [U: field names]. */
export function garminHrvToSamples(hrv: GarminHrv): Mapped<HrvSamples> {
  const samples = offsetSamples(hrv.startTimeInSeconds, hrv.hrvValues)
    .filter(([, ms]) => ms > 0)
    .map(([time, ms]) => ({ time, ms, statistic: 'rmssd' as const }));
  return validated(
    hrvSamples,
    {
      type: 'hrv',
      provenance: garmin(hrv.summaryId),
      date: hrv.calendarDate,
      utcOffsetMinutes: offsetSecondsToMinutes(hrv.startTimeOffsetInSeconds),
      samples,
    },
    'hrv summary',
  );
}

export function garminPulseOxToSamples(pulseOx: GarminPulseOx): Mapped<Spo2Samples> {
  const samples = offsetSamples(pulseOx.startTimeInSeconds, pulseOx.timeOffsetSpo2Values)
    .filter(([, percent]) => percent >= 50 && percent <= 100)
    .map(([time, percent]) => ({ time, percent }));
  return validated(
    spo2Samples,
    {
      type: 'spo2',
      provenance: garmin(pulseOx.summaryId),
      date: pulseOx.calendarDate,
      utcOffsetMinutes: offsetSecondsToMinutes(pulseOx.startTimeOffsetInSeconds),
      samples,
    },
    'pulse-ox summary',
  );
}
