import type {
  DataProvider,
  ProviderSession,
  ReadRequest,
  WriteItem,
  WriteResult,
} from '../provider/data-provider.js';
import type { ProviderFacts } from '../provider/provider-facts.js';
import type { CanonicalRecord, DataType } from '../records/canonical-record.js';
import type { DailyActivity } from '../records/daily-activity.js';
import type { Workout } from '../records/workout.js';
import { MemorySyncState } from '../sync/memory-sync-state.js';
import type { SyncRunInput } from '../sync/sync-engine.js';
import type { ConflictStrategy } from './conflict-descriptor.js';
import { recordWindow } from './record-window.js';

/* In-memory providers for the conflict tests: a paged source and a destination that can be read. */

const TYPES: DataType[] = ['workout', 'daily_activity'];

function facts(id: 'polar' | 'strava'): ProviderFacts {
  return {
    id,
    displayName: id,
    defaultBaseUrls: { api: 'http://x', authorize: 'http://x', token: 'http://x' },
    auth: {
      kind: 'oauth2',
      scopes: [],
      scopeSeparator: ' ',
      pkce: 'none',
      clientAuth: 'basic',
      refresh: 'none',
      accessTokenLifetimeSeconds: null,
    },
    capabilities: { readable: TYPES, writable: TYPES, push: 'none', backfillWindowDays: null },
    rateLimits: [],
    terms: { ownerOnly: false, excludeFromTraining: false },
  };
}

function inRange(record: CanonicalRecord, request: ReadRequest): boolean {
  if (record.type !== request.dataType) return false;
  if (request.range === undefined) return true;
  const { fromMs } = recordWindow(record);
  return fromMs >= request.range.from.getTime() && fromMs < request.range.to.getTime();
}

/** Cursor reads page by index; range reads return every record starting in the window. */
export class MemorySource implements DataProvider {
  readonly facts = facts('polar');
  constructor(public records: CanonicalRecord[]) {}
  read(_s: ProviderSession, request: ReadRequest) {
    if (request.range !== undefined) {
      const items = this.records
        .filter((r) => inRange(r, request))
        .map((record) => ({ ok: true as const, record }));
      return Promise.resolve({ items, nextCursor: null, hasMore: false });
    }
    const from = request.cursor === null ? 0 : Number(request.cursor);
    const items = this.records
      .slice(from)
      .filter((r) => r.type === request.dataType)
      .map((record) => ({ ok: true as const, record }));
    return Promise.resolve({ items, nextCursor: String(this.records.length), hasMore: false });
  }
  write(): Promise<WriteResult[]> {
    return Promise.reject(new Error('read-only'));
  }
}

/**
 * Like Strava for workouts (a write adds an activity, tagged with our tag) and like a daily
 * store for days (a write replaces the day's record).
 */
export class MemoryDestination implements DataProvider {
  readonly facts = facts('strava');
  readonly held = new Map<string, CanonicalRecord>();
  writes = 0;
  reads = 0;
  hold(id: string, record: CanonicalRecord): void {
    this.held.set(id, { ...record, provenance: { provider: 'strava', externalId: id } });
  }
  read(_s: ProviderSession, request: ReadRequest) {
    this.reads += 1;
    const items = [...this.held.values()]
      .filter((r) => inRange(r, request))
      .map((record) => ({ ok: true as const, record }));
    return Promise.resolve({ items, nextCursor: null, hasMore: false });
  }
  write(_s: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(({ record, tag }): WriteResult => {
        this.writes += 1;
        const id =
          record.type === 'daily_activity'
            ? ([...this.held].find(([, r]) => r.type === 'daily_activity' && r.date === record.date)?.[0] ??
              `day-${record.date}`)
            : `act-${this.held.size + 1}`;
        const provenance = { provider: 'strava' as const, externalId: id, syncTag: tag };
        this.held.set(id, { ...record, provenance });
        return { status: 'written', destinationId: id };
      }),
    );
  }
}

/** A stand-in keyed hash (core takes no Node imports, even in test support): FNV-1a twice. */
export const hash = (input: string): string =>
  fnv(input) + fnv(`k${input}`) + fnv(`s${input}`) + fnv(`w${input}`);

function fnv(input: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

const session: ProviderSession = {
  connectionId: 'c',
  externalUserId: 'u',
  accessToken: () => Promise.resolve('t'),
  refreshAccessToken: () => Promise.resolve('t'),
};

export function runInput(
  source: DataProvider,
  destination: DataProvider,
  state: MemorySyncState,
  strategy: ConflictStrategy,
  runId = 'run-1',
): SyncRunInput {
  return {
    runId,
    ruleId: 'rule-1',
    dataTypes: ['workout', 'daily_activity'],
    source: { connectionId: 'src', provider: source, session },
    destination: { connectionId: 'dst', provider: destination, session },
    state,
    hash,
    conflictStrategy: strategy,
  };
}

/** A 30-minute run on 2026-11-10 at 07:00 UTC plus `startMinutes`. */
export function run(externalId: string, distanceM: number, startMinutes = 0, minutes = 30): Workout {
  const start = Date.UTC(2026, 10, 10, 7, startMinutes);
  return {
    type: 'workout',
    provenance: { provider: 'polar', externalId },
    sport: 'running',
    startTime: new Date(start).toISOString(),
    endTime: new Date(start + minutes * 60_000).toISOString(),
    utcOffsetMinutes: 60,
    distance: { value: distanceM, unit: 'm' },
    laps: [],
  };
}

export function day(externalId: string, steps: number): DailyActivity {
  return {
    type: 'daily_activity',
    provenance: { provider: 'polar', externalId },
    date: '2026-11-10',
    utcOffsetMinutes: 60,
    steps: { value: steps, unit: '{steps}' },
  };
}

export { MemorySyncState };
