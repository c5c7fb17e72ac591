import type { DataType } from '@syncwell/core';
import { mapWithConcurrency } from '../http/concurrency.js';
import type { HttpReply } from '../http/http-types.js';
import { readJson } from '../http/json-body.js';
import { whoopCycleToDaily } from './daily-mapping.js';
import { whoopWorkoutToWorkout, type WhoopMapping } from './mapping.js';
import { whoopCycle, whoopRecovery, whoopSleep, whoopWorkout, type WhoopRecovery } from './schemas.js';
import { whoopSleepToSession } from './sleep-mapping.js';

export interface MappedEntry {
  readonly externalId: string;
  /** Start of the raw record; undefined when it could not be read. */
  readonly startMs: number | undefined;
  readonly mapping: WhoopMapping;
}

/** Fetches a path under the API root; 404 comes back as a reply, not an error. */
export type WhoopFetch = (path: string) => Promise<HttpReply>;

export interface WhoopCollection {
  readonly path: string;
  mapPage(records: readonly unknown[], fetch: WhoopFetch): Promise<MappedEntry[]>;
}

function rawField(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

function rawIdentity(raw: unknown): { externalId: string; startMs: number | undefined } {
  const id = rawField(raw, 'id');
  const start = rawField(raw, 'start');
  const startMs = typeof start === 'string' ? Date.parse(start) : Number.NaN;
  return {
    externalId: typeof id === 'string' || typeof id === 'number' ? String(id) || 'unknown' : 'unknown',
    startMs: Number.isNaN(startMs) ? undefined : startMs,
  };
}

/** A collection whose records map one to one with no extra calls. */
function simple<T>(
  path: string,
  schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false } },
  map: (record: T) => WhoopMapping,
  what: string,
): WhoopCollection {
  return {
    path,
    mapPage: (records) =>
      Promise.resolve(
        records.map((raw) => {
          const parsed = schema.safeParse(raw);
          const mapping: WhoopMapping = parsed.success
            ? map(parsed.data)
            : { kind: 'invalid', message: `${what} failed validation` };
          return { ...rawIdentity(raw), mapping };
        }),
      ),
  };
}

/**
 * Cycles need their recovery for resting HR: one `GET /v2/cycle/{id}/recovery` per cycle (404 =
 * none yet). That is exact where joining the recovery collection by time is not documented.
 */
const cycles: WhoopCollection = {
  path: '/v2/cycle',
  mapPage: (records, fetch) =>
    mapWithConcurrency(records, 2, async (raw): Promise<MappedEntry> => {
      const identity = rawIdentity(raw);
      const parsed = whoopCycle.safeParse(raw);
      if (!parsed.success)
        return { ...identity, mapping: { kind: 'invalid', message: 'cycle failed validation' } };
      let recovery: WhoopRecovery | null = null;
      if (parsed.data.score_state !== 'PENDING_SCORE') {
        const reply = await fetch(`/v2/cycle/${encodeURIComponent(parsed.data.id)}/recovery`);
        const body = reply.status === 404 ? null : whoopRecovery.safeParse(readJson(reply, 'WHOOP recovery'));
        recovery = body?.success === true ? body.data : null;
      }
      return { ...identity, mapping: whoopCycleToDaily(parsed.data, recovery) };
    }),
};

export const WHOOP_COLLECTIONS: Partial<Record<DataType, WhoopCollection>> = {
  workout: simple('/v2/activity/workout', whoopWorkout, whoopWorkoutToWorkout, 'workout'),
  sleep: simple('/v2/activity/sleep', whoopSleep, whoopSleepToSession, 'sleep'),
  daily_activity: cycles,
};
