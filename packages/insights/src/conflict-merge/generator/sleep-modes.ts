import type { SleepSession, SleepStage } from '@syncwell/core';
import type { DeviceKind } from '../conflict-pair.js';
import type { FailureMode, ModeContext } from './failure-mode.js';
import { shiftIso, type GeneratedSide, type ModeOutcome } from './generated-side.js';
import { offsetOn } from './places.js';
import { cutNight, drawNight, unstaged } from './sleep-truth.js';
import { inWrongTimeZone } from './time-zone-errors.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
type SleepSide = GeneratedSide<'sleep'>;

function night(ctx: ModeContext): SleepSession {
  return drawNight(ctx.random, ctx.occasion.dayMs, offsetOn(ctx.occasion.place, ctx.occasion.month));
}

/** A finished night as a device reports it hours later; start and end within a minute. */
function finalSide(ctx: ModeContext, truth: SleepSession, kind?: DeviceKind): SleepSide {
  const { random } = ctx;
  const device =
    kind ??
    random.weighted<DeviceKind>([
      ['ring', 35],
      ['watch', 45],
      ['band', 20],
    ]);
  const jitter = () => Math.round(random.normal(0, 0.5)) * MINUTE_MS;
  const record: SleepSession = {
    ...truth,
    startTime: shiftIso(truth.startTime, jitter()),
    endTime: shiftIso(truth.endTime, jitter()),
  };
  return {
    record,
    origin: device,
    facts: {
      entry: 'device',
      deviceKind: device,
      lastModifiedMs: Date.parse(truth.endTime) + random.uniform(1.5, 14) * HOUR_MS,
      offsetConsistent: true,
    },
  };
}

function outcome(truth: SleepSession, a: SleepSide, b: SleepSide): ModeOutcome<'sleep'> {
  return { truth, sides: [a, b] };
}

const finalisedLater: FailureMode<'sleep'> = {
  id: 'sleep.finalised_later',
  dataType: 'sleep',
  share: 0.4,
  description:
    'one side is the preliminary night, synced at wake-up before the provider staged it or before the last sleep cycle was added',
  generate: (ctx) => {
    const { random } = ctx;
    const truth = night(ctx);
    const good = finalSide(ctx, truth);
    const early = finalSide(ctx, truth, good.origin === 'manual' ? 'ring' : good.origin);
    let record: SleepSession;
    if (random.chance(0.6)) {
      record = random.chance(0.3) ? { ...early.record, stages: [] } : unstaged(early.record);
    } else {
      const start = Date.parse(truth.startTime);
      const cut = start + (Date.parse(truth.endTime) - start) * random.uniform(0.6, 0.92);
      record = cutNight(early.record, cut);
    }
    const bad: SleepSide = {
      ...early,
      record,
      facts: {
        ...early.facts,
        lastModifiedMs: Date.parse(record.endTime) + random.uniform(1, 25) * MINUTE_MS,
      },
    };
    return outcome(truth, good, bad);
  },
};

const doubleRecording: FailureMode<'sleep'> = {
  id: 'sleep.double_recording',
  dataType: 'sleep',
  share: 0.2,
  description:
    'a ring or watch and a phone or basic band both tracked the night: the second counts time in bed and stages coarsely',
  generate: (ctx) => {
    const { random } = ctx;
    const truth = night(ctx);
    const good = finalSide(ctx, truth, random.chance(0.5) ? 'ring' : 'watch');
    const kind = random.chance(0.6) ? 'phone' : 'band';
    const second = finalSide(ctx, truth, kind);
    let record: SleepSession = random.chance(0.5)
      ? unstaged(second.record)
      : misjudgedDeep(second.record, random.uniform(0.4, 0.7));
    const stages: SleepStage[] = [...record.stages];
    if (random.chance(0.6)) {
      const inBed = shiftIso(record.startTime, -Math.round(random.uniform(15, 45)) * MINUTE_MS);
      stages.unshift({ stage: 'awake', startTime: inBed, endTime: record.startTime });
      record = { ...record, startTime: inBed };
    }
    if (random.chance(0.4)) {
      const up = shiftIso(record.endTime, Math.round(random.uniform(6, 20)) * MINUTE_MS);
      stages.push({ stage: 'awake', startTime: record.endTime, endTime: up });
      record = { ...record, endTime: up };
    }
    return outcome(truth, good, { ...second, record: { ...record, stages } });
  },
};

/** Deep sleep over- or under-counted by `share`: light turned into deep or the reverse. */
function misjudgedDeep(night: SleepSession, share: number): SleepSession {
  const more = share > 0.55;
  let budget = 0;
  for (const s of night.stages)
    if (s.stage === 'deep') budget += Date.parse(s.endTime) - Date.parse(s.startTime);
  budget *= share;
  const stages = night.stages.map((s): SleepStage => {
    const length = Date.parse(s.endTime) - Date.parse(s.startTime);
    if (budget <= 0) return s;
    if (more && s.stage === 'light') {
      budget -= length;
      return { ...s, stage: 'deep' };
    }
    if (!more && s.stage === 'deep') {
      budget -= length;
      return { ...s, stage: 'light' };
    }
    return s;
  });
  return { ...night, stages };
}

const manualEntry: FailureMode<'sleep'> = {
  id: 'sleep.manual_entry',
  dataType: 'sleep',
  share: 0.15,
  description:
    'one side was logged by hand: bedtime and wake time rounded to 15 minutes and guessed, no stages',
  generate: (ctx) => {
    const { random } = ctx;
    const truth = night(ctx);
    const quarter = 15 * MINUTE_MS;
    const guess = (iso: string) =>
      new Date(
        Math.round((Date.parse(iso) + random.normal(0, 20) * MINUTE_MS) / quarter) * quarter,
      ).toISOString();
    const startTime = guess(truth.startTime);
    const endTime = guess(truth.endTime);
    const manual: SleepSide = {
      record: {
        ...truth,
        startTime,
        endTime: Date.parse(endTime) > Date.parse(startTime) ? endTime : truth.endTime,
        stages: [],
      },
      origin: 'manual',
      facts: {
        entry: 'manual',
        lastModifiedMs: Date.parse(truth.endTime) + random.uniform(0.2, 20) * HOUR_MS,
        offsetConsistent: true,
      },
    };
    return outcome(truth, finalSide(ctx, truth), manual);
  },
};

const wrongTimeZone: FailureMode<'sleep'> = {
  id: 'sleep.wrong_time_zone',
  dataType: 'sleep',
  share: 0.25,
  description: 'one side has the wrong UTC offset or local time read as UTC (the night shifted by hours)',
  generate: (ctx) => {
    const { random } = ctx;
    const here = random.chance(0.5) ? { ...ctx, occasion: ctx.away } : ctx;
    const truth = night(here);
    const side = finalSide(here, truth);
    const record = inWrongTimeZone(random, side.record, ctx.homeOffset);
    return outcome(truth, finalSide(here, truth), {
      ...side,
      record,
      facts: { ...side.facts, offsetConsistent: false },
    });
  },
};

export const SLEEP_MODES: readonly FailureMode<'sleep'>[] = [
  finalisedLater,
  doubleRecording,
  manualEntry,
  wrongTimeZone,
];
