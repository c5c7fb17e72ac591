import type { DeviceKind } from '../conflict-pair.js';
import type { Random } from './random.js';

/** How one device (or app) records a workout. */
export interface DeviceProfile {
  readonly kind: DeviceKind;
  /** Keeps every n-th 2 s sample: 2, 4 or 6 s recording. */
  readonly everyNth: number;
  /** Standard deviation of the GPS error (AR(1), so it wanders rather than jitters). */
  readonly gpsNoiseM: number;
  readonly hasHeartRate: boolean;
  /** Auto-pause drops the points while the wearer stands and counts only moving time. */
  readonly autoPause: boolean;
  /** `heart_rate`: energy from the wearer's heart rate and profile; `motion`: from a MET table and a default body mass. */
  readonly energyModel: 'heart_rate' | 'motion';
  /** `sensor`: accelerometer, wheel or footpod fill GPS gaps; `track`: distance is the track's length. */
  readonly distanceSource: 'sensor' | 'track';
  /** Without auto-pause, whether the platform still reports a moving time (equal to the elapsed time). */
  readonly reportsMovingTime: boolean;
}

/** A plausible profile for a kind of device; phones record from a pocket, without a heart-rate sensor. */
export function drawDeviceProfile(random: Random, kind: DeviceKind): DeviceProfile {
  const phone = kind === 'phone';
  const strap = phone && random.chance(0.2);
  return {
    kind,
    everyNth: random.pick([1, 2, 3]),
    gpsNoiseM: phone ? random.uniform(5, 12) : random.uniform(2, 5),
    hasHeartRate: !phone || strap,
    autoPause: random.chance(0.5),
    energyModel: !phone || strap ? (random.chance(0.9) ? 'heart_rate' : 'motion') : 'motion',
    distanceSource: phone ? 'track' : random.chance(0.85) ? 'sensor' : 'track',
    reportsMovingTime: random.chance(0.7),
  };
}

/** The kind of device that records a workout. */
export function drawWorkoutDevice(random: Random, outdoor: boolean): DeviceKind {
  return random.weighted<DeviceKind>([
    ['watch', 55],
    ['phone', outdoor ? 20 : 5],
    ['bike_computer', outdoor ? 8 : 2],
    ['band', 10],
  ]);
}
