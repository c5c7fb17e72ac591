import type { ProviderId, Provenance } from '@syncwell/core';
import type { ConflictSideMeta, DeviceKind, MergeableType } from '../conflict-pair.js';
import type { Random } from './random.js';

/** What the platform would know about a side, before some of it goes missing. */
export interface MetaFacts {
  readonly entry: 'device' | 'manual';
  readonly deviceKind?: DeviceKind;
  readonly lastModifiedMs: number;
  readonly offsetConsistent: boolean;
  readonly heartRateCoverage?: number;
}

/** Platforms expose different subsets of metadata: each fact is dropped with this probability. */
const MISSING = {
  entry: 0.3,
  deviceKind: 0.3,
  lastModified: 0.3,
  offsetConsistent: 0.45,
  heartRateCoverage: 0.35,
} as const;

/** Some platforms (or callers) give no metadata at all for a side. */
const NO_METADATA = 0.12;

export function drawMeta(random: Random, facts: MetaFacts): ConflictSideMeta {
  if (random.chance(NO_METADATA)) return {};
  const meta: {
    -readonly [K in keyof ConflictSideMeta]: ConflictSideMeta[K];
  } = {};
  if (!random.chance(MISSING.entry)) meta.entry = facts.entry;
  if (facts.deviceKind !== undefined && !random.chance(MISSING.deviceKind))
    meta.deviceKind = facts.deviceKind;
  if (!random.chance(MISSING.lastModified)) meta.lastModified = new Date(facts.lastModifiedMs).toISOString();
  if (!random.chance(MISSING.offsetConsistent)) meta.offsetConsistent = facts.offsetConsistent;
  if (facts.heartRateCoverage !== undefined && !random.chance(MISSING.heartRateCoverage)) {
    meta.heartRateCoverage = Math.round(facts.heartRateCoverage * 100) / 100;
  }
  return meta;
}

/** Which platforms hold records of a type from a kind of device (or typed in by hand). */
const PROVIDERS: Record<MergeableType, Partial<Record<DeviceKind | 'manual', readonly ProviderId[]>>> = {
  workout: {
    watch: ['garmin', 'polar', 'apple_health', 'google_health', 'health_connect', 'strava', 'withings'],
    phone: ['strava', 'apple_health', 'health_connect'],
    bike_computer: ['garmin', 'strava'],
    band: ['whoop', 'google_health', 'polar'],
    manual: ['strava', 'garmin', 'apple_health', 'health_connect'],
  },
  daily_activity: {
    watch: ['garmin', 'polar', 'google_health', 'apple_health', 'withings'],
    band: ['whoop', 'google_health'],
    ring: ['oura'],
    phone: ['apple_health', 'health_connect'],
    manual: ['apple_health', 'health_connect'],
  },
  sleep: {
    ring: ['oura'],
    watch: ['garmin', 'apple_health', 'google_health', 'withings', 'polar'],
    band: ['whoop', 'google_health'],
    phone: ['apple_health', 'health_connect'],
    manual: ['apple_health', 'health_connect'],
  },
  body_measurement: {
    scale: ['withings', 'garmin', 'google_health'],
    manual: ['apple_health', 'health_connect', 'google_health', 'garmin'],
  },
};

/**
 * Provenance for a side. Strava's terms forbid training on its data, so its records carry
 * `excludeFromTraining` exactly as the Strava mapping sets it.
 */
export function drawProvenance(
  random: Random,
  dataType: MergeableType,
  origin: DeviceKind | 'manual',
  externalId: string,
): Provenance {
  const choices = PROVIDERS[dataType][origin] ?? PROVIDERS[dataType].manual ?? ['health_connect'];
  const provider = random.pick(choices);
  return provider === 'strava'
    ? { provider, externalId, excludeFromTraining: true }
    : { provider, externalId };
}
