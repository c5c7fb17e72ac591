import { epochMs, systemClock } from '@syncwell/core';
import type { Redis } from 'ioredis';
import { BULLMQ_PRIORITY } from './bullmq-job-codec.js';

/**
 * Finds the candidates for "oldest ready job" in one atomic read: the tail of the plain wait list
 * (stalled jobs come back there) and the head of each priority band of the prioritized set (its
 * score is priority × 2^32 + a counter, so each band is FIFO but bands are not in age order).
 * Returns [timestamp, delay, processedOn] per candidate.
 */
const OLDEST_READY_SCRIPT = `
local ids = {}
local tail = redis.call('LINDEX', KEYS[1], -1)
if tail then ids[#ids + 1] = tail end
for i = 2, #ARGV do
  local band = tonumber(ARGV[i]) * 4294967296
  local head = redis.call('ZRANGEBYSCORE', KEYS[2], band, band + 4294967295, 'LIMIT', 0, 1)[1]
  if head then ids[#ids + 1] = head end
end
local out = {}
for _, id in ipairs(ids) do
  out[#out + 1] = redis.call('HMGET', ARGV[1] .. id, 'timestamp', 'delay', 'processedOn')
end
return out
`;

const BANDS = Object.values(BULLMQ_PRIORITY).map(String);

/**
 * Age of the oldest ready job, measured from when it became due: enqueue time plus its delay, or
 * for a job that ran before (retry, DelayJobError) its last start plus the new delay. A job back
 * from a stalled worker counts from its last start, so lag overstates by the stall window.
 */
export async function oldestReadyAgeMs(
  redis: Redis,
  keys: { wait: string; prioritized: string; jobPrefix: string },
  now = epochMs(systemClock),
): Promise<number> {
  const rows = (await redis.eval(
    OLDEST_READY_SCRIPT,
    2,
    keys.wait,
    keys.prioritized,
    keys.jobPrefix,
    ...BANDS,
  )) as (string | null)[][];
  let oldest = now;
  for (const [timestamp, delay, processedOn] of rows) {
    const wait = Number(delay ?? 0);
    const dueAt = Math.max(Number(timestamp ?? now) + wait, processedOn ? Number(processedOn) + wait : 0);
    oldest = Math.min(oldest, dueAt);
  }
  return Math.max(0, now - oldest);
}
