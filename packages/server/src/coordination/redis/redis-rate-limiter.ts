import type { Redis } from 'ioredis';
import { isAlignedWindow, validateCalibration, validateTakeRequest } from '../take-request-validation.js';
import type { BucketSpec, Calibration, RateLimiter, TakeRequest, TakeResult } from '../port.js';
import { CALIBRATE_LUA, TAKE_LUA } from './redis-scripts.js';
import { defineRedisScript, type RedisScript } from './redis-script.js';

/**
 * Token buckets shared by every worker: one Lua call per take checks and charges all buckets
 * together. Not Redis Cluster-safe: the buckets of one take may live in different slots.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly takeScript: RedisScript;
  private readonly calibrateScript: RedisScript;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.takeScript = defineRedisScript(redis, 'syncwellRateTake', TAKE_LUA);
    this.calibrateScript = defineRedisScript(redis, 'syncwellRateCalibrate', CALIBRATE_LUA);
  }

  async take(request: TakeRequest): Promise<TakeResult> {
    const cost = validateTakeRequest(request);
    if (request.buckets.length === 0) return { allowed: true };
    const keys = request.buckets.map((spec) => this.prefix + spec.key);
    const args: (string | number)[] = [request.now ?? '', cost];
    for (const spec of request.buckets) args.push(...bucketArgs(spec));
    const reply = await this.takeScript(keys, args);
    if (!Array.isArray(reply) || (reply[0] !== 1 && reply[0] !== 0)) {
      throw new Error(`Unexpected rate-limit script reply: ${JSON.stringify(reply)}`);
    }
    if (reply[0] === 1) return { allowed: true };
    return { allowed: false, retryAfterMs: Number(reply[1]) };
  }

  async calibrate(key: string, calibration: Calibration): Promise<void> {
    validateCalibration(calibration.remaining, calibration.resetAt);
    await this.calibrateScript(
      [this.prefix + key],
      [calibration.now ?? '', calibration.remaining, calibration.resetAt],
    );
  }
}

function bucketArgs(spec: BucketSpec): [string, number, number] {
  return isAlignedWindow(spec)
    ? ['w', spec.limit, spec.windowSeconds * 1_000]
    : ['b', spec.capacity, spec.refillPerSecond / 1_000];
}
