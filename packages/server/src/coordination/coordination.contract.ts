import { afterEach, describe } from 'vitest';
import { describeCacheContract } from './contract/cache.contract.js';
import { describeLockContract } from './contract/lock.contract.js';
import { describeRateLimiterProperties } from './contract/rate-limiter-property.contract.js';
import { describeRateLimiterContract } from './contract/rate-limiter.contract.js';
import type { CoordinationAdapter } from './port.js';

export interface CoordinationContractOptions {
  /** fast-check runs per property; lower for adapters that pay a round trip per take. */
  readonly propertyRuns?: number;
}

/**
 * One suite for every coordination adapter. Each test gets a fresh instance, closed after the
 * test even when it fails, so `close()` must tolerate being called twice.
 */
export function describeCoordinationContract(
  name: string,
  make: () => Promise<CoordinationAdapter>,
  options: CoordinationContractOptions = {},
): void {
  describe(`Coordination contract: ${name}`, () => {
    const opened: CoordinationAdapter[] = [];
    const tracked = async (): Promise<CoordinationAdapter> => {
      const coordination = await make();
      opened.push(coordination);
      return coordination;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((c) => c.close()));
    });

    describeLockContract(tracked);
    describeRateLimiterContract(tracked);
    describeRateLimiterProperties(tracked, options.propertyRuns ?? 100);
    describeCacheContract(tracked);
  });
}
