import type { BodyMeasurement } from '@syncwell/core';
import type { FailureMode, ModeContext } from './failure-mode.js';
import { shiftIso, type GeneratedSide, type ModeOutcome } from './generated-side.js';
import { offsetOn } from './places.js';
import { inWrongTimeZone } from './time-zone-errors.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const LB_KG = 0.45359237;
type BodySide = GeneratedSide<'body_measurement'>;

/** A weigh-in: mornings mostly, the person's weight ± day-to-day variation, body fat from 3 scales in 4. */
function weighIn(ctx: ModeContext): BodyMeasurement {
  const { random, persona, occasion } = ctx;
  const offset = offsetOn(occasion.place, occasion.month);
  const localH = random.chance(0.8) ? random.uniform(6, 9.5) : random.uniform(18, 22);
  const timeMs = occasion.dayMs + Math.round(localH * 3600) * 1000 - offset * MINUTE_MS;
  const fat = persona.sex === 'female' ? random.normal(29, 5) : random.normal(21, 5);
  return {
    type: 'body_measurement',
    provenance: { provider: 'withings', externalId: 'pending' },
    time: new Date(timeMs).toISOString(),
    utcOffsetMinutes: offset,
    weight: { value: Math.round((persona.weightKg + random.normal(0, 0.6)) * 100) / 100, unit: 'kg' },
    ...(random.chance(0.75)
      ? { bodyFat: { value: Math.round(Math.min(50, Math.max(5, fat)) * 10) / 10, unit: '%' as const } }
      : {}),
  };
}

function scaleSide(ctx: ModeContext, truth: BodyMeasurement): BodySide {
  const { random } = ctx;
  const record: BodyMeasurement = {
    ...truth,
    time: shiftIso(truth.time, Math.round(random.normal(0, 3)) * 1000),
    ...(truth.weight === undefined
      ? {}
      : {
          weight: {
            value: Math.round((truth.weight.value + random.normal(0, 0.03)) * 100) / 100,
            unit: 'kg' as const,
          },
        }),
  };
  return {
    record,
    origin: 'scale',
    facts: {
      entry: 'device',
      deviceKind: 'scale',
      lastModifiedMs: Date.parse(truth.time) + random.uniform(1, 60) * MINUTE_MS,
      offsetConsistent: true,
    },
  };
}

function outcome(truth: BodyMeasurement, a: BodySide, b: BodySide): ModeOutcome<'body_measurement'> {
  return { truth, sides: [a, b] };
}

const manualEntry: FailureMode<'body_measurement'> = {
  id: 'body_measurement.manual_entry',
  dataType: 'body_measurement',
  share: 0.45,
  description:
    'one side was typed in: a rounded or different reading, a rounded time or just the date, no body fat',
  generate: (ctx) => {
    const { random } = ctx;
    const truth = weighIn(ctx);
    const kg = truth.weight?.value ?? 70;
    const weight = random.weighted<number>([
      [Math.round(kg * 2) / 2, 30],
      [Math.round(kg / LB_KG) * LB_KG, 20],
      [Math.round((kg + random.uniform(0.3, 1.5) * (random.chance(0.5) ? 1 : -1)) * 10) / 10, 50],
    ]);
    const t = Date.parse(truth.time);
    const localMidnight = t - ((t + truth.utcOffsetMinutes * MINUTE_MS) % (24 * HOUR_MS));
    const time = random.weighted<number>([
      [Math.round(t / HOUR_MS) * HOUR_MS, 40],
      [localMidnight, 20],
      [localMidnight + 12 * HOUR_MS, 10],
      [t + Math.round(random.uniform(-5, 5)) * MINUTE_MS, 30],
    ]);
    const record: BodyMeasurement = {
      type: 'body_measurement',
      provenance: truth.provenance,
      time: new Date(time).toISOString(),
      utcOffsetMinutes: truth.utcOffsetMinutes,
      weight: { value: Math.round(weight * 100) / 100, unit: 'kg' },
      ...(truth.bodyFat !== undefined && random.chance(0.1)
        ? { bodyFat: { value: Math.round(truth.bodyFat.value), unit: '%' as const } }
        : {}),
    };
    const manual: BodySide = {
      record,
      origin: 'manual',
      facts: {
        entry: 'manual',
        lastModifiedMs: t + random.uniform(0.1, 30) * HOUR_MS,
        offsetConsistent: true,
      },
    };
    return outcome(truth, scaleSide(ctx, truth), manual);
  },
};

const unitMixup: FailureMode<'body_measurement'> = {
  id: 'body_measurement.unit_mixup',
  dataType: 'body_measurement',
  share: 0.2,
  description: 'one weight is in the wrong unit: pounds stored as kilograms, or kilograms read as pounds',
  generate: (ctx) => {
    const { random } = ctx;
    const truth = weighIn(ctx);
    const side = random.chance(0.6)
      ? {
          ...scaleSide(ctx, truth),
          origin: 'manual' as const,
          facts: { ...scaleSide(ctx, truth).facts, entry: 'manual' as const },
        }
      : scaleSide(ctx, truth);
    const kg = side.record.weight?.value ?? 70;
    const wrong = random.chance(0.7) ? kg / LB_KG : kg * LB_KG;
    const bad: BodySide = {
      ...side,
      record: { ...side.record, weight: { value: Math.round(wrong * 10) / 10, unit: 'kg' } },
    };
    if (bad.origin === 'manual') {
      const { deviceKind: _none, ...facts } = bad.facts;
      return outcome(truth, scaleSide(ctx, truth), { ...bad, facts });
    }
    return outcome(truth, scaleSide(ctx, truth), bad);
  },
};

const wrongTimeZone: FailureMode<'body_measurement'> = {
  id: 'body_measurement.wrong_time_zone',
  dataType: 'body_measurement',
  share: 0.35,
  description: 'one side has the wrong UTC offset or local time read as UTC',
  generate: (ctx) => {
    const { random } = ctx;
    const here = random.chance(0.5) ? { ...ctx, occasion: ctx.away } : ctx;
    const truth = weighIn(here);
    const side = scaleSide(here, truth);
    const record = inWrongTimeZone(random, side.record, ctx.homeOffset);
    return outcome(truth, scaleSide(here, truth), {
      ...side,
      record,
      facts: { ...side.facts, offsetConsistent: false },
    });
  },
};

export const BODY_MODES: readonly FailureMode<'body_measurement'>[] = [manualEntry, unitMixup, wrongTimeZone];
