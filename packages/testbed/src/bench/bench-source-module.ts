import type { DataType, ProviderId, ProviderModule, ReadPage } from '@syncwell/core';
import { benchFacts } from './bench-facts.js';
import { simulatedLatency } from './bench-latency.js';
import { benchOAuthClient } from './bench-oauth-client.js';
import type { BenchProbeCounter } from './bench-probe.js';
import { benchRecords, dayOf } from './bench-records.js';

export interface BenchSourceOptions {
  /** Default 'garmin': a real provider id the store accepts; nothing here calls Garmin. */
  readonly id?: ProviderId;
  /** Records per read (one page per job). Default 24. */
  readonly recordsPerPage?: number;
  /** Simulated round trip per read; default 0 (no timer). */
  readonly latencyMs?: number;
  readonly probe?: BenchProbeCounter;
}

const TYPES: readonly DataType[] = ['daily_activity', 'heart_rate'];

/**
 * An in-process source for benchmarks: each read returns `recordsPerPage` days from the
 * cursor and moves the cursor past them, so every run of a rule reads days the ledger has not
 * seen and really writes. One page per run (`hasMore: false`).
 *
 * @example
 *   const source = benchSourceModule({ latencyMs: 250 });
 *   startSyncWell({ env, roles: { worker: true }, modules: [source, benchDestinationModule()] });
 */
export function benchSourceModule(options: BenchSourceOptions = {}): ProviderModule {
  const facts = benchFacts({ id: options.id ?? 'garmin', readable: TYPES, writable: [] });
  const perPage = options.recordsPerPage ?? 24;
  const latencyMs = options.latencyMs ?? 0;
  const probe = options.probe;
  return {
    facts,
    create: () => ({
      oauth: benchOAuthClient(facts),
      webhooks: null,
      data: {
        facts,
        read: (session, request) => {
          const call = async (): Promise<ReadPage> => {
            if (probe) probe.readsStarted++;
            await simulatedLatency(latencyMs);
            const firstDay = dayOf(request.cursor, request.range?.from);
            const records = benchRecords({
              provider: facts.id,
              externalUserId: session.externalUserId,
              dataType: request.dataType,
              firstDay,
              count: perPage,
            });
            if (probe) {
              probe.reads++;
              probe.recordsRead += records.length;
            }
            return {
              items: records.map((record) => ({ ok: true as const, record })),
              nextCursor: request.range ? null : String(firstDay + perPage),
              hasMore: false,
            };
          };
          return probe ? probe.track(call) : call();
        },
        write: () => Promise.reject(new Error(`${facts.id} (bench source) is read-only`)),
      },
    }),
  };
}
