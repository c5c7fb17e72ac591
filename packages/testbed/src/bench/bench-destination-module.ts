import type { DataType, ProviderId, ProviderModule, WriteResult } from '@syncwell/core';
import { benchFacts } from './bench-facts.js';
import { simulatedLatency } from './bench-latency.js';
import { benchOAuthClient } from './bench-oauth-client.js';
import type { BenchProbeCounter } from './bench-probe.js';

export interface BenchDestinationOptions {
  /** Default 'oura': a real provider id the store accepts; nothing here calls Oura. */
  readonly id?: ProviderId;
  /** Simulated round trip per write call (one call per page, whatever its size); default 0. */
  readonly latencyMs?: number;
  readonly probe?: BenchProbeCounter;
}

const TYPES: readonly DataType[] = ['daily_activity', 'heart_rate'];

/**
 * An in-process destination for benchmarks: accepts every item and answers a destination id
 * made from our idempotency tag (what a tag-aware API would return), so the ledger records
 * real `done` rows.
 *
 * @example
 *   const destination = benchDestinationModule({ latencyMs: 250, probe });
 */
export function benchDestinationModule(options: BenchDestinationOptions = {}): ProviderModule {
  const facts = benchFacts({ id: options.id ?? 'oura', readable: [], writable: TYPES });
  const latencyMs = options.latencyMs ?? 0;
  const probe = options.probe;
  return {
    facts,
    create: () => ({
      oauth: benchOAuthClient(facts),
      webhooks: null,
      data: {
        facts,
        read: () => Promise.reject(new Error(`${facts.id} (bench destination) is write-only`)),
        write: (_session, items) => {
          const call = async (): Promise<WriteResult[]> => {
            await simulatedLatency(latencyMs);
            if (probe) {
              probe.writes++;
              probe.recordsWritten += items.length;
            }
            return items.map((item) => ({ status: 'written', destinationId: `${facts.id}-${item.tag}` }));
          };
          return probe ? probe.track(call) : call();
        },
      },
    }),
  };
}
