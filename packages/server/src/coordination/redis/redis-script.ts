import type { Redis } from 'ioredis';

export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Registers Lua with ioredis `defineCommand`, which sends EVALSHA and falls back to EVAL when
 * the server has not cached the script yet (after a restart or SCRIPT FLUSH).
 * The key count is passed per call, so one definition serves any number of buckets.
 */
export function defineRedisScript(redis: Redis, name: string, lua: string): RedisScript {
  redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[
    name
  ];
  if (typeof command !== 'function') throw new Error(`ioredis did not define the command ${name}`);
  return (keys, args) => command.call(redis, keys.length, ...keys, ...args);
}
