import {
  DAY_MS,
  HK_ACTIVITY,
  ManualPhoneClock,
  SimulatedHealthConnect,
  SimulatedHealthKit,
  type HCPermission,
  type HCQuota,
} from '@syncwell/testbed';
import type { DataType } from '@syncwell/core';
import { DeviceSync, type DeviceSyncOptions } from './device-sync.js';
import { FakeDeviceApi } from './testing/fake-device-api.js';
import { MemoryDurableStore } from './testing/memory-durable-store.js';
import { SimulatedHealthConnectStore } from './testing/simulated-health-connect-store.js';
import { SimulatedHealthKitStore } from './testing/simulated-healthkit-store.js';

export const T0 = Date.parse('2026-11-20T09:00:00Z');
export const SYNCWELL_IOS = { bundleId: 'org.syncwell.app', name: 'SyncWell' };
export const WATCH = { bundleId: 'com.apple.health.workout', name: 'Workout' };
export const SYNCWELL_ANDROID = 'org.syncwell.app';
export const FIT_APP = 'com.google.android.apps.fitness';
export { DAY_MS, HK_ACTIVITY };

let ids = 0;
const nextId = (): string => `batch-${++ids}`;

type Extra = Partial<Pick<DeviceSyncOptions, 'batchSize' | 'deadlineReserveMs' | 'upload' | 'download'>>;

/** An iPhone with a watch app writing into HealthKit and SyncWell installed, plus a fake backend. */
export function iphone(extra: Extra = {}) {
  const clock = new ManualPhoneClock(T0);
  const hk = new SimulatedHealthKit(clock);
  hk.setAuthorization(WATCH.bundleId, {
    share: ['HKWorkoutTypeIdentifier', 'HKWorkoutRouteTypeIdentifier', 'HKQuantityTypeIdentifierBodyMass'],
  });
  hk.setAuthorization(SYNCWELL_IOS.bundleId, {
    read: ['HKWorkoutTypeIdentifier', 'HKWorkoutRouteTypeIdentifier', 'HKQuantityTypeIdentifierBodyMass'],
    share: ['HKWorkoutTypeIdentifier', 'HKWorkoutRouteTypeIdentifier', 'HKQuantityTypeIdentifierBodyMass'],
  });
  const api = new FakeDeviceApi();
  const durable = new MemoryDurableStore();
  const app = hk.app(SYNCWELL_IOS);
  /** A fresh SDK over the same phone storage: the app relaunched. */
  const launch = () =>
    new DeviceSync({
      store: new SimulatedHealthKitStore(app),
      api,
      durable,
      clock,
      upload: ['workout', 'body_measurement'] as DataType[],
      download: ['workout', 'body_measurement'] as DataType[],
      newBatchId: nextId,
      random: () => 0.5,
      ...extra,
    });
  return { clock, hk, api, durable, app, watch: hk.app(WATCH), launch };
}

/** An Android phone with Google Fit writing into Health Connect and SyncWell installed. */
export function android(extra: Extra & { history?: boolean; quota?: HCQuota } = {}) {
  const clock = new ManualPhoneClock(T0);
  const hc = new SimulatedHealthConnect(clock, 4, extra.quota);
  const rw = (
    recordType: 'ExerciseSession' | 'Weight' | 'SleepSession' | 'ExerciseRoute',
  ): HCPermission[] => [
    { accessType: 'read', recordType },
    { accessType: 'write', recordType },
  ];
  hc.grant(FIT_APP, [...rw('ExerciseSession'), ...rw('Weight')]);
  hc.grant(SYNCWELL_ANDROID, [
    ...rw('ExerciseSession'),
    ...rw('Weight'),
    ...rw('ExerciseRoute'),
    ...(extra.history === true
      ? [{ accessType: 'special', permission: 'READ_HEALTH_DATA_HISTORY' } as const]
      : []),
  ]);
  const api = new FakeDeviceApi();
  const durable = new MemoryDurableStore();
  const app = hc.app(SYNCWELL_ANDROID);
  const launch = () =>
    new DeviceSync({
      store: new SimulatedHealthConnectStore(app, hc),
      api,
      durable,
      clock,
      upload: ['workout', 'body_measurement'] as DataType[],
      download: ['workout'] as DataType[],
      newBatchId: nextId,
      random: () => 0.5,
      ...extra,
    });
  return { clock, hc, api, durable, app, fit: hc.app(FIT_APP), launch };
}
