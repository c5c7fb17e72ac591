import type { HeartRateSamples, Workout } from '@syncwell/core';
import { readConflictMergeModel } from '@syncwell/insights';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadInsightsSettings } from './insights-settings.js';
import { wireInsights, type InsightsWiring, type InsightsWiringDeps } from './insights-wiring.js';

/*
 * The embedded insights service's conflict advice by default: the shipped conflict-merge model
 * for the types it covers, the rules for the others. Conflict advice never opens the service's
 * checkpointer, so the store, queue and providers are not touched here.
 */
let wiring: InsightsWiring | undefined;
afterEach(async () => {
  await wiring?.close();
  wiring = undefined;
});

async function embedded(): Promise<InsightsWiring> {
  const env = {};
  wiring = await wireInsights({
    env,
    settings: loadInsightsSettings(env),
    masterKey: Buffer.alloc(32, 3),
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-03-02T09:00:00Z'),
  } as unknown as InsightsWiringDeps);
  return wiring;
}

function run(provider: 'polar' | 'strava', minutes: number, device?: string): Workout {
  return {
    type: 'workout',
    provenance: {
      provider,
      externalId: `${provider}-1`,
      ...(device === undefined ? {} : { device: { model: device } }),
    },
    sport: 'running',
    name: 'Morning run',
    startTime: '2026-03-01T07:00:00Z',
    endTime: new Date(Date.parse('2026-03-01T07:00:00Z') + minutes * 60_000).toISOString(),
    utcOffsetMinutes: 60,
    distance: { value: minutes * 180, unit: 'm' },
    heartRate: { average: { value: 142, unit: '/min' }, maximum: { value: 171, unit: '/min' } },
    laps: [],
  };
}

function heartRateDay(provider: 'polar' | 'strava', bpm: number): HeartRateSamples {
  return {
    type: 'heart_rate',
    provenance: { provider, externalId: `${provider}-hr` },
    date: '2026-03-01',
    utcOffsetMinutes: 60,
    samples: [{ time: '2026-03-01T08:00:00Z', bpm }],
  };
}

describe('wireInsights: conflict advice', () => {
  it('suggests workouts with the trained model, named by its version', async () => {
    const { client } = await embedded();
    const model = await readConflictMergeModel();
    const suggestion = await client.suggestMerge({
      dataType: 'workout',
      source: run('polar', 60, 'Vantage V3'),
      destination: run('strava', 41, 'Strava iPhone App'),
    });
    expect(suggestion.advisor).toBe(model.version);
    expect(Object.keys(suggestion.fields)).toContain('endTime');
  });

  it('suggests the types the model does not cover with the rules', async () => {
    const { client } = await embedded();
    const suggestion = await client.suggestMerge({
      dataType: 'heart_rate',
      source: heartRateDay('polar', 58),
      destination: heartRateDay('strava', 61),
    });
    expect(suggestion.advisor).toBe('rules');
  });
});
