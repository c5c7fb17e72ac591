import type { DailyActivity } from '@syncwell/core';
import type { DeviceKind } from '../conflict-pair.js';
import { dayRecord, drawDay, windowTotals, type DayProfile } from './daily-truth.js';
import type { FailureMode, ModeContext } from './failure-mode.js';
import type { GeneratedSide, ModeOutcome } from './generated-side.js';
import { basalKcalPerDay } from './persona.js';
import { offsetOn } from './places.js';
import { drawWrongOffset } from './time-zone-errors.js';

const HOUR_MS = 3_600_000;
type DailySide = GeneratedSide<'daily_activity'>;

interface DayContext {
  readonly days: readonly [DayProfile, DayProfile, DayProfile];
  readonly date: string;
  readonly offset: number;
  /** UTC instant of the local day's end. */
  readonly dayEndMs: number;
  readonly truth: DailyActivity;
}

function dayContext(ctx: ModeContext): DayContext {
  const { random, persona, occasion } = ctx;
  const days = [drawDay(random, persona), drawDay(random, persona), drawDay(random, persona)] as const;
  const date = new Date(occasion.dayMs).toISOString().slice(0, 10);
  const offset = offsetOn(occasion.place, occasion.month);
  const truth = dayRecord(random, date, offset, windowTotals(days, 0, 24), days[1].restingHr, 0);
  return { days, date, offset, dayEndMs: occasion.dayMs + 24 * HOUR_MS - offset * 60_000, truth };
}

function drawDayDevice(ctx: ModeContext): DeviceKind {
  return ctx.random.weighted<DeviceKind>([
    ['watch', 55],
    ['band', 20],
    ['ring', 15],
    ['phone', 10],
  ]);
}

/** A complete day as a device reports it after the day ended. */
function completeSide(ctx: ModeContext, day: DayContext, kind = drawDayDevice(ctx)): DailySide {
  const wornHr = kind !== 'phone';
  const record = dayRecord(
    ctx.random,
    day.date,
    day.offset,
    windowTotals(day.days, 0, 24),
    wornHr ? day.days[1].restingHr : undefined,
    1,
  );
  return {
    record,
    origin: kind,
    facts: {
      entry: 'device',
      deviceKind: kind,
      lastModifiedMs: day.dayEndMs + ctx.random.uniform(0.3, 30) * HOUR_MS,
      offsetConsistent: true,
      heartRateCoverage: wornHr ? ctx.random.uniform(0.75, 1) : 0,
    },
  };
}

const partialDay: FailureMode<'daily_activity'> = {
  id: 'daily_activity.partial_day',
  dataType: 'daily_activity',
  share: 0.45,
  description:
    "one side is the day's totals synced before the day ended (a morning or evening sync never overwritten)",
  generate: (ctx) => {
    const day = dayContext(ctx);
    const good = completeSide(ctx, day);
    const kind = drawDayDevice(ctx);
    const hour = ctx.random.uniform(7, 22.5);
    const early = dayRecord(
      ctx.random,
      day.date,
      day.offset,
      windowTotals(day.days, 0, hour),
      kind === 'phone' || ctx.random.chance(0.5)
        ? undefined
        : day.days[1].restingHr + ctx.random.pick([-6, -4, -3, 3, 4, 6]),
      1,
    );
    const bad: DailySide = {
      record: early,
      origin: kind,
      facts: {
        entry: 'device',
        deviceKind: kind,
        lastModifiedMs: day.dayEndMs - (24 - hour) * HOUR_MS,
        offsetConsistent: true,
        heartRateCoverage: kind === 'phone' ? 0 : ctx.random.uniform(0.75, 1),
      },
    };
    return { truth: day.truth, sides: [good, bad] };
  },
};

const doubleRecording: FailureMode<'daily_activity'> = {
  id: 'daily_activity.double_recording',
  dataType: 'daily_activity',
  share: 0.15,
  description: "one platform added the phone's steps to the watch's (steps, often distance, counted twice)",
  generate: (ctx) => {
    const day = dayContext(ctx);
    const good = completeSide(ctx, day);
    const bad = completeSide(ctx, day, ctx.random.chance(0.7) ? 'phone' : 'watch');
    const factor = 1 + ctx.random.uniform(0.45, 0.95);
    const record: DailyActivity = {
      ...bad.record,
      steps: { value: Math.round((bad.record.steps?.value ?? 0) * factor), unit: '{steps}' },
      ...(ctx.random.chance(0.6) && bad.record.distance !== undefined
        ? { distance: { value: Math.round(bad.record.distance.value * factor), unit: 'm' as const } }
        : {}),
    };
    return { truth: day.truth, sides: [good, { ...bad, record }] };
  },
};

const calorieModel: FailureMode<'daily_activity'> = {
  id: 'daily_activity.calorie_model',
  dataType: 'daily_activity',
  share: 0.2,
  description:
    'the energies differ: one from an all-day heart-rate wearable, the other from steps and a default body',
  generate: (ctx) => {
    const { random } = ctx;
    const day = dayContext(ctx);
    const good = completeSide(ctx, day, random.pick(['watch', 'band', 'ring'] as const));
    const bad = completeSide(ctx, day, random.chance(0.6) ? 'phone' : 'watch');
    const steps = bad.record.steps?.value ?? 0;
    let active = steps * random.uniform(0.03, 0.055) * random.uniform(0.85, 1.15);
    const truthActive = day.truth.activeEnergy?.value ?? active;
    if (Math.abs(active / truthActive - 1) < 0.12)
      active = truthActive * (random.chance(0.5) ? random.uniform(1.15, 1.45) : random.uniform(0.6, 0.86));
    const basal = basalKcalPerDay({
      sex: random.chance(0.5) ? 'female' : 'male',
      weightKg: 70,
      heightCm: 170,
      ageYears: 35,
    });
    const { restingHeartRate: _dropped, ...rest } = bad.record;
    const record: DailyActivity = {
      ...(random.chance(0.6) ? rest : bad.record),
      activeEnergy: { value: Math.round(active), unit: 'kcal' },
      totalEnergy: { value: Math.round(active + basal), unit: 'kcal' },
    };
    return {
      truth: day.truth,
      sides: [
        good,
        {
          ...bad,
          record,
          facts: { ...bad.facts, heartRateCoverage: random.chance(0.6) ? 0 : random.uniform(0, 0.3) },
        },
      ],
    };
  },
};

const wrongTimeZone: FailureMode<'daily_activity'> = {
  id: 'daily_activity.wrong_time_zone',
  dataType: 'daily_activity',
  share: 0.2,
  description:
    'one side cut the day at the wrong midnight (UTC, or home time while travelling): totals of a shifted window, wrong offset',
  generate: (ctx) => {
    const { random } = ctx;
    const travelling = random.chance(0.5);
    const here = travelling ? { ...ctx, occasion: ctx.away } : ctx;
    const day = dayContext(here);
    const good = completeSide(here, day);
    const wrong = drawWrongOffset(random, day.offset, ctx.homeOffset);
    const shiftH = (day.offset - wrong) / 60;
    const kind = drawDayDevice(ctx);
    const record = dayRecord(
      random,
      day.date,
      wrong,
      windowTotals(day.days, shiftH, 24 + shiftH),
      kind === 'phone' ? undefined : day.days[1].restingHr,
      1,
    );
    const bad: DailySide = {
      record,
      origin: kind,
      facts: { ...completeSide(here, day, kind).facts, offsetConsistent: false },
    };
    return { truth: day.truth, sides: [good, bad] } satisfies ModeOutcome<'daily_activity'>;
  },
};

export const DAILY_MODES: readonly FailureMode<'daily_activity'>[] = [
  partialDay,
  doubleRecording,
  calorieModel,
  wrongTimeZone,
];
