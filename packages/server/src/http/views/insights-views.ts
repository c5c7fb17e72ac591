import { ACTION_KINDS, DIAGNOSIS_CODES } from '@syncwell/insights';
import { z } from 'zod';

/** Lists the services hand out are readonly; the schema says so too. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/* Response shapes of /v1/insights (OpenAPI): what the insights service returns, as the API shows it. */

const question = z.object({
  id: z.string(),
  text: z.string(),
  choices: list(z.object({ value: z.string(), label: z.string() })),
});

const action = z.object({
  kind: z.enum(ACTION_KINDS),
  label: z.string(),
  until: z.string().optional(),
  request: z
    .object({
      method: z.enum(['GET', 'POST', 'PATCH']),
      path: z.string(),
      body: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

export const conversationView = z.object({
  id: z.string(),
  status: z.enum(['waiting_for_answer', 'diagnosed']),
  transcript: list(z.object({ role: z.enum(['user', 'assistant']), text: z.string(), at: z.string() })),
  question: question.nullable(),
  diagnosis: z
    .object({
      code: z.enum(DIAGNOSIS_CODES),
      title: z.string(),
      explanation: z.string(),
      ruleId: z.string().nullable(),
      connectionId: z.string().nullable(),
      actions: list(action),
    })
    .nullable(),
  checks: list(z.string()),
  startedAt: z.string(),
});

const span = z.object({ from: z.string(), to: z.string() });
const num = z.number();
const maybe = z.number().nullable();

export const summaryView = z.object({
  timeZone: z.string(),
  week: span,
  previousWeek: span,
  aggregates: z.object({
    steps: z
      .object({ total: num, dailyAverage: num, days: num, previousTotal: maybe, changePercent: maybe })
      .nullable(),
    activeEnergy: z.object({ totalKcal: num, previousTotalKcal: maybe }).nullable(),
    sleep: z
      .object({
        nights: num,
        averageMinutes: num,
        averageHours: num,
        averageRestMinutes: num,
        stageAverageMinutes: z.object({ deep: num, rem: num, light: num, awake: num }),
        previousAverageMinutes: maybe,
      })
      .nullable(),
    workouts: z.object({
      count: num,
      totalMinutes: num,
      totalKm: num,
      bySport: list(z.object({ sport: z.string(), count: num, minutes: num, km: num })),
      previousCount: num,
    }),
    restingHeartRate: z.object({ average: num, previousAverage: maybe }).nullable(),
    hrv: z.object({ averageMs: num, previousAverageMs: maybe }).nullable(),
    weight: z.object({ latestKg: num, changeKg: maybe, previousAverageKg: maybe }).nullable(),
  }),
  text: z.string(),
  writer: z.enum(['template', 'llm']),
  sources: list(z.object({ connectionId: z.string(), provider: z.string() })),
  generatedAt: z.string(),
});

export const scheduleView = z.object({
  timeZone: z.string(),
  enabled: z.boolean(),
  nextDueAt: z.string(),
  lastSentWeek: z.string().nullable(),
});
