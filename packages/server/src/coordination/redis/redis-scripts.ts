/**
 * Lua run by Redis for the coordination port. Each script is one atomic step, so no other
 * worker's command can land between a check and its write.
 *
 * The rate-limit scripts are the twin of memory/bucket-state.ts (same hash fields: t tokens,
 * ts time of t, e window end, c size, r refill per ms, x logical expiry). Change both together; the contract
 * suite runs against both and catches a drift.
 */

/** `now` from the caller (tests) or the server's clock, so all workers share one clock. */
const NOW = `
local now = tonumber(ARGV[1])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function num(x) return string.format('%.17g', x) end
-- State past its logical expiry (field x) is ignored, as if Redis had already evicted it, so
-- answers never depend on when eviction actually runs.
local function read_state(key, ...)
  local s = redis.call('HMGET', key, 'x', ...)
  local x = tonumber(s[1])
  local out = {}
  for i = 2, #s do
    if x ~= nil and now >= x then out[i - 1] = nil else out[i - 1] = tonumber(s[i]) end
  end
  return out
end
-- Writes the state with its logical expiry x: once a fresh bucket would look the same, plus a
-- second of slack. PEXPIRE then lets Redis reclaim the key at that moment.
local function write_state(key, ttl, ...)
  local ms = math.max(0, math.ceil(ttl)) + 1000
  redis.call('HSET', key, 'x', num(now + ms), ...)
  redis.call('PEXPIRE', key, ms)
end
`;

/**
 * KEYS: lock, fence counter. ARGV: owner, ttl ms. Returns the fencing token, or 0 when held.
 * The counter never expires: a token that went backwards would let a stale holder commit. And
 * it never falls below Redis's clock in microseconds (under 2^53 until the year 2255), because the store keeps the highest token
 * it has seen: after a Redis without persistence restarts empty, a counter starting again at 1
 * would have every commit refused until it caught up.
 */
export const ACQUIRE_LOCK_LUA = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local now = redis.call('TIME')
  local floor = tonumber(now[1]) * 1000000 + tonumber(now[2])
  local token = redis.call('INCR', KEYS[2])
  if token < floor then
    redis.call('SET', KEYS[2], floor)
    token = floor
  end
  return token
end
return 0
`;

/** KEYS: lock. ARGV: owner, ttl ms. Compare-and-set on the owner: a lost lock stays lost. */
export const RENEW_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** KEYS: lock. ARGV: owner. Deletes only the caller's own lock, never a successor's. */
export const RELEASE_LOCK_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/**
 * KEYS: one per bucket. ARGV: now ('' = server clock), cost, then per bucket a triple:
 * 'b', capacity, refill per ms (token bucket) or 'w', limit, window ms (aligned window).
 * Returns {1} when every bucket was charged, {0, retryAfterMs} when none was.
 */
export const TAKE_LUA = `${NOW}
local cost = tonumber(ARGV[2])
local tokens, at, ends = {}, {}, {}
local wait = 0
for i = 1, #KEYS do
  local kind, size, rate = ARGV[i * 3], tonumber(ARGV[i * 3 + 1]), tonumber(ARGV[i * 3 + 2])
  local s = read_state(KEYS[i], 't', 'ts', 'e', 'r')
  local t, ts, e = s[1], s[2], s[3]
  if kind == 'w' then
    if t ~= nil and e ~= nil and now < e then
      t = math.min(t, size)
    else
      t = size
      e = math.floor(now / rate) * rate + rate
    end
    ts = now
    if t < cost then wait = math.max(wait, math.max(1, math.ceil(e - now))) end
  else
    -- A calibration alone knows no refill rate: it holds until the provider's reset, then is gone.
    if t ~= nil and s[4] == nil and e ~= nil and now >= e then t = nil end
    if t == nil then
      t = size
      ts = now
    else
      ts = ts or now
      t = math.min(size, t + math.max(0, now - ts) * rate)
      ts = math.max(ts, now)
    end
    if t < cost then wait = math.max(wait, math.max(1, math.ceil((cost - t) / rate))) end
  end
  tokens[i], at[i], ends[i] = t, ts, e
end
if wait > 0 then return {0, wait} end
for i = 1, #KEYS do
  local kind, size, rate = ARGV[i * 3], tonumber(ARGV[i * 3 + 1]), tonumber(ARGV[i * 3 + 2])
  local t = tokens[i] - cost
  if kind == 'w' then
    redis.call('HDEL', KEYS[i], 'r')
    write_state(KEYS[i], ends[i] - now, 't', num(t), 'ts', num(at[i]), 'e', num(ends[i]), 'c', num(size))
  else
    redis.call('HDEL', KEYS[i], 'e')
    write_state(KEYS[i], (size - t) / rate, 't', num(t), 'ts', num(at[i]), 'c', num(size), 'r', num(rate))
  end
end
return {1}
`;

/** KEYS: bucket. ARGV: now ('' = server clock), remaining, resetAt. Only ever lowers tokens. */
export const CALIBRATE_LUA = `${NOW}
local remaining, resetAt = tonumber(ARGV[2]), tonumber(ARGV[3])
local s = read_state(KEYS[1], 't', 'ts', 'e', 'c', 'r')
local t, ts, e, c, r = s[1], s[2], s[3], s[4], s[5]
local fresh = t == nil
if not fresh then
  if r ~= nil and c ~= nil then
    t = math.min(c, t + math.max(0, now - (ts or now)) * r)
  elseif e ~= nil and now >= e then
    if c == nil then fresh = true else t = c end
  end
end
if fresh then
  redis.call('DEL', KEYS[1])
  write_state(KEYS[1], resetAt - now, 't', num(math.max(0, remaining)), 'ts', num(now), 'e', num(resetAt))
else
  t = math.max(0, math.min(t, remaining))
  ts = math.max(ts or now, now)
  if r ~= nil and c ~= nil then
    write_state(KEYS[1], (c - t) / r, 't', num(t), 'ts', num(ts))
  else
    -- A window follows the provider's clock for its reset.
    write_state(KEYS[1], resetAt - now, 't', num(t), 'ts', num(ts), 'e', num(resetAt))
  end
end
`;
