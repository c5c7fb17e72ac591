import type { DeviceKind } from '../conflict-pair.js';
import { restrict, extend, totals, type Activity } from './activity.js';
import { drawDeviceProfile, drawWorkoutDevice, type DeviceProfile } from './device-profile.js';
import type { FailureMode, ModeContext } from './failure-mode.js';
import type { GeneratedSide, ModeOutcome } from './generated-side.js';
import { inWrongTimeZone } from './time-zone-errors.js';
import { dropStretch, motionKcal, renderWorkout, teleport, trackLengthM } from './workout-render.js';
import { activityRecord, drawActivity, drawTail } from './workout-truth.js';
import { sportProfile } from './sport-profiles.js';
import type { Random } from './random.js';

const MINUTE_MS = 60_000;
const OUTDOOR_SPORTS = [
  'running',
  'trail_running',
  'walking',
  'hiking',
  'cycling',
  'mountain_biking',
] as const;

type WorkoutSide = GeneratedSide<'workout'>;

/** A device's record of what it saw, with the facts a platform would know about it. */
function deviceSide(
  ctx: ModeContext,
  seen: Activity,
  kind: DeviceKind = drawWorkoutDevice(ctx.random, seen.outdoor),
  override: Partial<DeviceProfile> = {},
): WorkoutSide {
  const { random } = ctx;
  const device = { ...drawDeviceProfile(random, kind), ...override };
  let record = renderWorkout(random, seen, device);
  // Devices that cannot tell a trail from a road run label the sport generically.
  const generic = sportProfile(seen.sport).generic;
  if (generic !== seen.sport && random.chance(0.1)) record = { ...record, sport: generic };
  const uploadDelayMin = kind === 'phone' ? random.uniform(0.5, 10) : random.uniform(2, 240);
  return {
    record,
    origin: kind,
    facts: {
      entry: 'device',
      deviceKind: kind,
      lastModifiedMs: Date.parse(record.endTime) + uploadDelayMin * MINUTE_MS,
      offsetConsistent: true,
      heartRateCoverage: device.hasHeartRate ? random.uniform(0.93, 1) : 0,
    },
  };
}

function outdoorActivity(ctx: ModeContext, forceStops = false): Activity {
  return drawActivity(ctx.random, ctx.persona, ctx.occasion, {
    sport: ctx.random.pick(OUTDOOR_SPORTS),
    forceStops,
  });
}

/** An outdoor activity and the device (kind and profile) about to record it badly. */
function outdoorRecording(ctx: ModeContext): { activity: Activity; kind: DeviceKind; device: DeviceProfile } {
  const activity = outdoorActivity(ctx);
  const kind = drawWorkoutDevice(ctx.random, true);
  return { activity, kind, device: drawDeviceProfile(ctx.random, kind) };
}

function outcome(activity: Activity, a: WorkoutSide, b: WorkoutSide): ModeOutcome<'workout'> {
  return { truth: activityRecord(activity), sides: [a, b] };
}

/** Random stretches (1–`max` of 1–6 min) inside the middle of a workout, not overlapping `avoid`. */
function drawStretches(
  random: Random,
  activity: Activity,
  max: number,
  avoid: readonly (readonly [number, number])[] = [],
): [number, number][] {
  const { startMs, endMs } = totals(activity);
  const span = endMs - startMs;
  const stretches: [number, number][] = [];
  const count = random.int(1, max);
  for (let attempt = 0; stretches.length < count && attempt < 20; attempt++) {
    const len = Math.min(span * 0.25, random.uniform(1, 6) * MINUTE_MS);
    const from = startMs + random.uniform(0.1, 0.9) * span - len / 2;
    const to = from + len;
    const clash = [...avoid, ...stretches].some(([a, b]) => from < b + MINUTE_MS && to > a - MINUTE_MS);
    if (!clash) stretches.push([from, to]);
  }
  return stretches;
}

/** The side's track without the stretches; its distance too when it comes from the track. */
function withDropouts(
  side: WorkoutSide,
  stretches: readonly (readonly [number, number])[],
  trackDistance: boolean,
): WorkoutSide {
  let track = side.record.track;
  if (track === undefined) return side;
  for (const [from, to] of stretches) track = dropStretch(track, from, to);
  const record = { ...side.record, track };
  if (trackDistance) record.distance = { value: Math.round(trackLengthM(track)), unit: 'm' };
  return { ...side, record };
}

const stoppedEarly: FailureMode<'workout'> = {
  id: 'workout.stopped_early',
  dataType: 'workout',
  share: 0.12,
  description: 'one device stopped recording before the end (battery, an accidental stop)',
  generate: (ctx) => {
    const activity = drawActivity(ctx.random, ctx.persona, ctx.occasion);
    const { startMs, endMs } = totals(activity);
    const cut = startMs + (endMs - startMs) * ctx.random.uniform(0.5, 0.92);
    return outcome(activity, deviceSide(ctx, activity), deviceSide(ctx, restrict(activity, startMs, cut)));
  },
};

const startedLate: FailureMode<'workout'> = {
  id: 'workout.started_late',
  dataType: 'workout',
  share: 0.1,
  description: 'one device started late (waiting for a GPS fix, started after the first minutes)',
  generate: (ctx) => {
    const activity = drawActivity(ctx.random, ctx.persona, ctx.occasion);
    const { startMs, endMs } = totals(activity);
    const delay = Math.min(ctx.random.uniform(2, 20) * MINUTE_MS, 0.4 * (endMs - startMs));
    return outcome(
      activity,
      deviceSide(ctx, activity),
      deviceSide(ctx, restrict(activity, startMs + delay, endMs)),
    );
  },
};

const forgotToStop: FailureMode<'workout'> = {
  id: 'workout.forgot_to_stop',
  dataType: 'workout',
  share: 0.07,
  description: 'one device kept recording after the end, standing at the finish or on the drive home',
  generate: (ctx) => {
    const activity = drawActivity(ctx.random, ctx.persona, ctx.occasion);
    const kind = activity.outdoor && ctx.random.chance(0.45) ? 'driving' : 'standing';
    const tail = drawTail(ctx.random, ctx.persona, activity, kind, ctx.random.uniform(5, 60));
    return outcome(activity, deviceSide(ctx, activity), deviceSide(ctx, extend(activity, tail)));
  },
};

const gpsDropout: FailureMode<'workout'> = {
  id: 'workout.gps_dropout',
  dataType: 'workout',
  share: 0.1,
  description: 'one track lost the fix for minutes (tunnel, trees, phone in a pocket)',
  generate: (ctx) => {
    const { activity, kind, device } = outdoorRecording(ctx);
    const bad = withDropouts(
      deviceSide(ctx, activity, kind, device),
      drawStretches(ctx.random, activity, 3),
      device.distanceSource === 'track',
    );
    return outcome(activity, deviceSide(ctx, activity), bad);
  },
};

const gpsTeleport: FailureMode<'workout'> = {
  id: 'workout.gps_teleport',
  dataType: 'workout',
  share: 0.08,
  description: 'one track jumps hundreds of metres away and back (multipath, a bad fix)',
  generate: (ctx) => {
    const { activity, kind, device } = outdoorRecording(ctx);
    const side = deviceSide(ctx, activity, kind, device);
    let track = side.record.track ?? [];
    for (let k = ctx.random.int(1, 4); k > 0; k--) {
      const at = ctx.random.int(Math.floor(track.length * 0.05), Math.floor(track.length * 0.95));
      track = teleport(
        track,
        at,
        ctx.random.int(1, 5),
        ctx.random.uniform(300, 3000),
        ctx.random.uniform(0, 2 * Math.PI),
      );
    }
    const record = { ...side.record, track };
    if (device.distanceSource === 'track')
      record.distance = { value: Math.round(trackLengthM(track)), unit: 'm' };
    return outcome(activity, deviceSide(ctx, activity), { ...side, record });
  },
};

const autoPause: FailureMode<'workout'> = {
  id: 'workout.auto_pause',
  dataType: 'workout',
  share: 0.1,
  description: 'one device auto-pauses at stops and the other does not, or pauses too eagerly on slow climbs',
  generate: (ctx) => {
    const activity = outdoorActivity(ctx, true);
    const good = deviceSide(ctx, activity, undefined, { autoPause: true });
    if (ctx.random.chance(0.7)) {
      return outcome(
        activity,
        good,
        deviceSide(ctx, activity, undefined, { autoPause: false, reportsMovingTime: true }),
      );
    }
    const eager = deviceSide(ctx, activity, undefined, { autoPause: true });
    const movingTime = eager.record.movingTime ?? { value: totals(activity).movingS, unit: 's' as const };
    const record = {
      ...eager.record,
      movingTime: { ...movingTime, value: Math.round(movingTime.value * ctx.random.uniform(0.8, 0.92)) },
    };
    return outcome(activity, good, { ...eager, record });
  },
};

const manualEntry: FailureMode<'workout'> = {
  id: 'workout.manual_entry',
  dataType: 'workout',
  share: 0.08,
  description:
    'one side was typed in by hand: rounded times and distance, no heart rate or track; the typed sport is the exact one',
  generate: (ctx) => {
    const { random } = ctx;
    const activity = drawActivity(random, ctx.persona, ctx.occasion);
    const truth = activityRecord(activity);
    let device = deviceSide(ctx, activity);
    const generic = sportProfile(activity.sport).generic;
    if (random.chance(0.4)) {
      device = {
        ...device,
        record: { ...device.record, sport: generic !== activity.sport ? generic : 'other' },
      };
    }
    const sum = totals(activity);
    const fiveMin = 5 * MINUTE_MS;
    const startMs = Math.round((sum.startMs + random.normal(0, 4) * MINUTE_MS) / fiveMin) * fiveMin;
    const durationMs = Math.max(
      fiveMin,
      Math.round(((sum.endMs - sum.startMs) * random.uniform(0.9, 1.1)) / fiveMin) * fiveMin,
    );
    const distance = truth.distance;
    const step = (distance?.value ?? 0) > 20_000 ? 1000 : 500;
    const record = {
      type: 'workout' as const,
      provenance: truth.provenance,
      sport: activity.sport,
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(startMs + durationMs).toISOString(),
      utcOffsetMinutes: activity.offset,
      ...(random.chance(0.5) ? { movingTime: { value: durationMs / 1000, unit: 's' as const } } : {}),
      ...(distance === undefined
        ? {}
        : {
            distance: {
              value: Math.max(step, Math.round((distance.value * random.uniform(0.95, 1.05)) / step) * step),
              unit: 'm' as const,
            },
          }),
      ...(random.chance(0.6)
        ? {
            energy: {
              value: Math.round(motionKcal(random, activity, durationMs / 1000)),
              unit: 'kcal' as const,
            },
          }
        : {}),
      laps: [],
    };
    const manual: WorkoutSide = {
      record,
      origin: 'manual',
      facts: {
        entry: 'manual',
        lastModifiedMs: startMs + durationMs + random.uniform(0.5, 48) * 60 * MINUTE_MS,
        offsetConsistent: true,
      },
    };
    return { truth, sides: [device, manual] };
  },
};

const doubleRecording: FailureMode<'workout'> = {
  id: 'workout.double_recording',
  dataType: 'workout',
  share: 0.15,
  description:
    'watch and phone both recorded: the phone has a noisier track, a GPS-only distance and a motion-based energy; in a third of them both lost the fix in different places, so only the joined track is whole',
  generate: (ctx) => {
    const { random } = ctx;
    const activity = outdoorActivity(ctx);
    const watchKind = random.chance(0.85) ? 'watch' : 'bike_computer';
    let watch = deviceSide(ctx, activity, watchKind, { energyModel: 'heart_rate', hasHeartRate: true });
    let phone = deviceSide(ctx, activity, 'phone', {
      gpsNoiseM: random.uniform(8, 15),
      distanceSource: 'track',
    });
    const truthDistance = totals(activity).distanceM;
    const error = random.uniform(0.035, 0.09) * (random.chance(0.7) ? 1 : -1);
    phone = {
      ...phone,
      record: { ...phone.record, distance: { value: Math.round(truthDistance * (1 + error)), unit: 'm' } },
    };
    if (random.chance(0.35)) {
      const watchGaps = drawStretches(random, activity, 2);
      watch = withDropouts(watch, watchGaps, false);
      phone = withDropouts(phone, drawStretches(random, activity, 2, watchGaps), false);
    }
    return outcome(activity, watch, phone);
  },
};

const calorieModel: FailureMode<'workout'> = {
  id: 'workout.calorie_model',
  dataType: 'workout',
  share: 0.1,
  description:
    "the energies differ: one from the wearer's heart rate, the other from a MET table and a default body mass",
  generate: (ctx) => {
    const { random } = ctx;
    const activity = drawActivity(random, ctx.persona, ctx.occasion);
    const good = deviceSide(ctx, activity, random.pick(['watch', 'band', 'bike_computer'] as const), {
      energyModel: 'heart_rate',
      hasHeartRate: true,
    });
    const bad = deviceSide(ctx, activity, random.pick(['watch', 'phone', 'band'] as const), {
      energyModel: 'motion',
    });
    const truthKcal = totals(activity).kcal;
    let kcal = bad.record.energy?.value ?? truthKcal;
    if (Math.abs(kcal / truthKcal - 1) < 0.12)
      kcal = truthKcal * (random.chance(0.5) ? random.uniform(1.15, 1.4) : random.uniform(0.65, 0.86));
    return outcome(activity, good, {
      ...bad,
      record: { ...bad.record, energy: { value: Math.round(kcal), unit: 'kcal' } },
    });
  },
};

const wrongTimeZone: FailureMode<'workout'> = {
  id: 'workout.wrong_time_zone',
  dataType: 'workout',
  share: 0.1,
  description:
    'one side has the wrong UTC offset (home time while travelling, offset dropped) or local time read as UTC',
  generate: (ctx) => {
    const { random } = ctx;
    const occasion = random.chance(0.5) ? ctx.away : ctx.occasion;
    const activity = drawActivity(random, ctx.persona, occasion);
    const side = deviceSide({ ...ctx, occasion }, activity);
    const record = inWrongTimeZone(random, side.record, ctx.homeOffset);
    const bad: WorkoutSide = { ...side, record, facts: { ...side.facts, offsetConsistent: false } };
    return outcome(activity, deviceSide({ ...ctx, occasion }, activity), bad);
  },
};

export const WORKOUT_MODES: readonly FailureMode<'workout'>[] = [
  stoppedEarly,
  startedLate,
  forgotToStop,
  gpsDropout,
  gpsTeleport,
  autoPause,
  manualEntry,
  doubleRecording,
  calorieModel,
  wrongTimeZone,
];
