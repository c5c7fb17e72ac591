import type { DataType } from '@syncwell/core';
import type { DevicePlatform, TypeAccess } from './health-store-port.js';

/** A sentence the app shows as it is, with a stable code for styling or links. */
export interface DeviceNotice {
  readonly code: 'read_access_unknown' | 'read_access_denied' | 'write_access_denied' | 'history_limited';
  readonly dataType: DataType;
  readonly message: string;
}

const LABEL: Readonly<Record<DataType, string>> = {
  workout: 'workouts',
  daily_activity: 'steps and activity',
  sleep: 'sleep',
  body_measurement: 'weight and body fat',
  heart_rate: 'heart rate',
  hrv: 'heart rate variability',
  spo2: 'blood oxygen',
};

const STORE: Readonly<Record<DevicePlatform, string>> = {
  apple_health: 'Apple Health',
  health_connect: 'Health Connect',
};

/**
 * What the app should tell the user about access for the types a run touched. HealthKit never
 * says whether reading was refused, so "no data" there is ambiguous and the message says so
 * instead of claiming either.
 */
export function accessNotices(
  platform: DevicePlatform,
  access: readonly TypeAccess[],
  readCounts: ReadonlyMap<DataType, number>,
  writesWanted: ReadonlySet<DataType>,
  historyLimitedDays: number | undefined,
): DeviceNotice[] {
  const store = STORE[platform];
  const notices: DeviceNotice[] = [];
  for (const a of access) {
    const label = LABEL[a.dataType];
    const read = readCounts.get(a.dataType);
    if (a.read === 'unknown' && read === 0) {
      notices.push({
        code: 'read_access_unknown',
        dataType: a.dataType,
        message: `SyncWell found no ${label} in ${store}. ${store} does not tell apps whether reading is allowed, so either there is no data yet or access is off: check Settings › Health › Data Access & Devices › SyncWell.`,
      });
    }
    if (a.read === 'denied' && read !== undefined) {
      notices.push({
        code: 'read_access_denied',
        dataType: a.dataType,
        message: `SyncWell may not read ${label} from ${store}. Allow it in ${store}'s app permissions to sync them.`,
      });
    }
    if (a.write === 'denied' && writesWanted.has(a.dataType)) {
      notices.push({
        code: 'write_access_denied',
        dataType: a.dataType,
        message: `SyncWell may not write ${label} to ${store}. Allow it in ${store}'s permissions so your synced ${label} arrive.`,
      });
    }
  }
  if (historyLimitedDays !== undefined) {
    for (const dataType of readCounts.keys()) {
      notices.push({
        code: 'history_limited',
        dataType,
        message: `${store} lets SyncWell read only the last ${historyLimitedDays} days before you first granted access. Allow "access past data" to sync older ${LABEL[dataType]}.`,
      });
    }
  }
  return notices;
}
