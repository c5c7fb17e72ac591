import { CoordinationRequestError } from './coordination-error.js';
import type { BucketSpec, TakeRequest } from './port.js';

export function isAlignedWindow(spec: BucketSpec): spec is Extract<BucketSpec, { alignment: 'aligned' }> {
  return 'alignment' in spec;
}

/** Size of a bucket: the most one take could ever be granted. */
export function bucketSize(spec: BucketSpec): number {
  return isAlignedWindow(spec) ? spec.limit : spec.capacity;
}

/**
 * Checks what both adapters rely on before touching state, so memory and Redis refuse the same
 * requests with the same error. Returns the effective cost.
 */
export function validateTakeRequest(request: TakeRequest): number {
  const cost = request.cost ?? 1;
  if (!Number.isFinite(cost) || cost <= 0) {
    throw new CoordinationRequestError('A rate-limit cost must be a positive number.', { cost });
  }
  if (request.now !== undefined && !Number.isFinite(request.now)) {
    throw new CoordinationRequestError('`now` must be a finite epoch in ms.');
  }
  const seen = new Set<string>();
  for (const spec of request.buckets) {
    if (seen.has(spec.key)) {
      // Charging one key twice in a request would need ordering rules nobody wants to reason about.
      throw new CoordinationRequestError('A bucket key appears twice in one request.', { key: spec.key });
    }
    seen.add(spec.key);
    validateSpec(spec, cost);
  }
  return cost;
}

function validateSpec(spec: BucketSpec, cost: number): void {
  const size = bucketSize(spec);
  if (!Number.isFinite(size) || size <= 0) {
    throw new CoordinationRequestError('A bucket needs a positive size.', { key: spec.key });
  }
  if (cost > size) {
    throw new CoordinationRequestError('The cost exceeds the bucket size and could never be granted.', {
      key: spec.key,
      cost,
      size,
    });
  }
  const rate = isAlignedWindow(spec) ? spec.windowSeconds : spec.refillPerSecond;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new CoordinationRequestError('A bucket must refill: rate and window must be positive.', {
      key: spec.key,
    });
  }
}

/** TTLs reach Redis as integer PX values; a fraction of a millisecond rounds up, never to 0. */
export function validateTtlMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new CoordinationRequestError('A TTL must be a positive number of ms.', { ttlMs });
  }
  return Math.ceil(ttlMs);
}

export function validateCalibration(remaining: number, resetAt: number): void {
  if (!Number.isFinite(remaining) || !Number.isFinite(resetAt)) {
    throw new CoordinationRequestError('A calibration needs a finite `remaining` and `resetAt`.');
  }
}
