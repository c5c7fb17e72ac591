export type {
  AlignedWindowSpec,
  BucketSpec,
  Cache,
  Calibration,
  Coordination,
  CoordinationAdapter,
  Lock,
  RateLimiter,
  TakeRequest,
  TakeResult,
  TokenBucketSpec,
} from './port.js';
export { CoordinationRequestError } from './coordination-error.js';
export { MemoryCoordination } from './memory/memory-coordination.js';
export { createRedisCoordination, type RedisCoordinationOptions } from './redis/redis-coordination.js';
export { buildRateBudgets, rateBudgetKey, type RateBudgetRequest } from './rate-budgets.js';
