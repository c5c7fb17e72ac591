import { afterEach, describe, expect, it } from 'vitest';
import { createChatModel } from '../llm/chat-model.js';
import { promptText, startFakeOpenAiServer, type FakeOpenAiServer } from '../llm/fake-openai-test-support.js';
import { writeNarrative } from './narrative-writer.js';
import { checkNumbers } from './number-check.js';
import { templateNarrative } from './summary-template.js';
import type { WeeklyAggregates } from './weekly-aggregates.js';

const week: WeeklyAggregates = {
  steps: { total: 61_234, dailyAverage: 8_748, days: 7, previousTotal: 55_000, changePercent: 11 },
  activeEnergy: { totalKcal: 3_410, previousTotalKcal: 3_000 },
  sleep: {
    nights: 7,
    averageMinutes: 452,
    averageHours: 7,
    averageRestMinutes: 32,
    stageAverageMinutes: { deep: 71, rem: 96, light: 250, awake: 35 },
    previousAverageMinutes: 430,
  },
  workouts: {
    count: 3,
    totalMinutes: 185,
    totalKm: 31.4,
    bySport: [{ sport: 'running', count: 3, minutes: 185, km: 31.4 }],
    previousCount: 2,
  },
  restingHeartRate: { average: 52, previousAverage: 54 },
  hrv: { averageMs: 61, previousAverageMs: 58 },
  weight: { latestKg: 71.3, changeKg: -0.4, previousAverageKg: 71.8 },
};

const model = (server: FakeOpenAiServer) =>
  createChatModel({ baseUrl: server.baseUrl, model: 'fake-1', apiKey: 'k', timeoutMs: 5_000 });

describe('weekly summary narrative: every number must be a computed aggregate', () => {
  let server: FakeOpenAiServer | undefined;
  afterEach(async () => server?.close());

  it('the template states only aggregates', () => {
    const text = templateNarrative(week);
    expect(text).toContain('61,234 steps');
    expect(text).toContain('7 h 32 min');
    expect(checkNumbers(text, week)).toEqual({ ok: true, unknown: [] });
  });

  it('the checker catches an invented, a re-rounded and a summed number', () => {
    expect(checkNumbers('You walked 61,234 steps and ran 31.4 km.', week).ok).toBe(true);
    expect(checkNumbers('You walked 61,000 steps.', week).unknown).toEqual(['61,000']);
    expect(checkNumbers('You slept 7.5 hours a night.', week).unknown).toEqual(['7.5']);
    expect(checkNumbers('Deep and REM together: 167 min.', week).unknown).toEqual(['167']);
  });

  it('a model that keeps lying ends in the template, after telling it what was wrong', async () => {
    server = await startFakeOpenAiServer(() => ({
      content: 'Great week! You walked 70,000 steps and slept 8 hours.',
    }));
    const narrative = await writeNarrative(week, model(server));
    expect(narrative.writer).toBe('template');
    expect(narrative.text).toBe(templateNarrative(week));
    expect(narrative.attempts).toBe(3);
    expect(narrative.rejected[0]).toEqual(['70,000', '8']);
    expect(promptText(server.requests[1]!)).toContain('not in the data: 70,000, 8');
  });

  it('a model that lies once and then sticks to the figures is used', async () => {
    const drafts = [
      'You walked 61,234 steps, about 9,000 a day.',
      'You walked 61,234 steps, 8,748 a day on average, up 11 % on the week before, and slept 7 h 32 min a night.',
    ];
    server = await startFakeOpenAiServer(() => ({ content: drafts.shift() ?? '' }));
    const narrative = await writeNarrative(week, model(server));
    expect(narrative).toMatchObject({ writer: 'llm', attempts: 2, rejected: [['9,000']] });
    expect(narrative.text).toContain('8,748 a day');
  });

  it('a model that is down ends in the template at once', async () => {
    const down = createChatModel({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'fake-1',
      apiKey: 'k',
      timeoutMs: 1_000,
    });
    const narrative = await writeNarrative(week, down);
    expect(narrative.writer).toBe('template');
  });
});
