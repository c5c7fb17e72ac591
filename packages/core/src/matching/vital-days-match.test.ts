import { describe, expect, it } from 'vitest';
import type { HrvSamples, Spo2Samples } from '../records/vital-samples.js';
import { createRecordMatcher } from './record-matcher.js';
import { matchRecords } from './match-records.js';

const hrvDay = (date: string, ms: number, statistic: 'rmssd' | 'sdnn' = 'rmssd'): HrvSamples => ({
  type: 'hrv',
  provenance: { provider: 'oura', externalId: `hrv-${date}-${statistic}-${ms}` },
  date,
  utcOffsetMinutes: 60,
  samples: [{ time: `${date}T03:00:00.000Z`, ms, statistic }],
});

const spo2Day = (date: string, percent: number): Spo2Samples => ({
  type: 'spo2',
  provenance: { provider: 'garmin', externalId: `spo2-${date}` },
  date,
  utcOffsetMinutes: 0,
  samples: [{ time: `${date}T02:00:00.000Z`, percent }],
});

describe('HRV and SpO2 days', () => {
  it('one local day is one slot: equal samples are the same, different ones a conflict', () => {
    expect(matchRecords(hrvDay('2026-11-20', 42), hrvDay('2026-11-20', 42)).verdict).toBe('same');
    expect(matchRecords(hrvDay('2026-11-20', 42), hrvDay('2026-11-20', 55)).verdict).toBe('conflict');
    expect(matchRecords(spo2Day('2026-11-20', 96), spo2Day('2026-11-21', 96)).verdict).toBe('different');
  });

  it('never takes an SDNN day for the same as an RMSSD day with the same number', () => {
    expect(matchRecords(hrvDay('2026-11-20', 42, 'rmssd'), hrvDay('2026-11-20', 42, 'sdnn')).verdict).toBe(
      'conflict',
    );
  });

  it('the index finds a day by its local date', () => {
    const matcher = createRecordMatcher([spo2Day('2026-11-19', 95), spo2Day('2026-11-20', 97)]);
    expect(matcher.find(spo2Day('2026-11-20', 97))?.result.verdict).toBe('same');
    expect(matcher.find(hrvDay('2026-11-20', 40))).toBeUndefined();
  });
});
