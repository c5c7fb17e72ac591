import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatorClock } from './strava-clock.js';
import { StravaRateLimiter } from './strava-rate-limiter.js';
import { startStravaSimulator } from './strava-simulator.js';
import type { StravaSimulator } from './strava-simulator-handle.js';
import { apiGet, connectAthlete, TEST_CLIENT } from './strava-test-support.js';

/** Moves a clock to just before the next quarter hour. */
function toQuarterEnd(clock: SimulatorClock): void {
  const quarter = 15 * 60_000;
  clock.advance(quarter - (clock.nowMs() % quarter) - 1000);
}

describe('StravaRateLimiter', () => {
  it('counts reads in both buckets and uploads only overall', () => {
    const limiter = new StravaRateLimiter(new SimulatorClock());
    limiter.consume('read');
    limiter.consume('upload');
    expect(limiter.headers()).toMatchObject({
      'x-ratelimit-limit': '200,2000',
      'x-ratelimit-usage': '2,2',
      'x-readratelimit-limit': '100,1000',
      'x-readratelimit-usage': '1,1',
    });
  });

  it('resets the 15-minute window on the quarter hour but keeps the daily count', () => {
    const clock = new SimulatorClock();
    const dayMs = 86_400_000;
    // Stay clear of UTC midnight so only the short window turns over.
    if (clock.nowMs() % dayMs > dayMs - 20 * 60_000) clock.advance(30 * 60_000);
    toQuarterEnd(clock);
    const limiter = new StravaRateLimiter(clock, {
      overall: { fifteenMinute: 2, daily: 10 },
      read: { fifteenMinute: 2, daily: 10 },
    });
    expect(limiter.consume('read').allowed).toBe(true);
    expect(limiter.consume('read').allowed).toBe(true);
    expect(limiter.consume('read').allowed).toBe(false);
    clock.advance(2000);
    expect(limiter.consume('read').allowed).toBe(true);
    expect(limiter.usage().read).toEqual({ fifteenMinute: 1, daily: 4 });
  });

  it('counts refused requests toward the daily window and resets it at UTC midnight', () => {
    const clock = new SimulatorClock();
    const limiter = new StravaRateLimiter(clock, {
      overall: { fifteenMinute: 1, daily: 3 },
      read: { fifteenMinute: 1, daily: 3 },
    });
    limiter.consume('read');
    limiter.consume('read');
    limiter.consume('read');
    expect(limiter.usage().overall.daily).toBe(3);
    clock.advance(86_400_000 - (clock.nowMs() % 86_400_000));
    expect(limiter.usage().overall).toEqual({ fifteenMinute: 0, daily: 0 });
  });
});

describe('rate limits over HTTP', () => {
  let sim: StravaSimulator;
  beforeAll(async () => {
    sim = await startStravaSimulator({ ...TEST_CLIENT, rateLimits: { read: { fifteenMinute: 3 } } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('puts the four headers on every API response and answers 429 without Retry-After', async () => {
    const { access_token } = await connectAthlete(sim);
    // Start at a fresh quarter hour so the window cannot turn over mid-test.
    sim.advanceClock(15 * 60_000 - (sim.now().getTime() % (15 * 60_000)));
    for (let i = 1; i <= 3; i++) {
      const ok = await apiGet(sim, '/athlete', access_token);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-usage')).toMatch(new RegExp(`^${i},${i}$`));
      expect(ok.headers.get('x-readratelimit-limit')).toBe('3,1000');
    }
    const refused = await apiGet(sim, '/athlete', access_token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(refused.headers.get('x-readratelimit-usage')).toBe('4,4');
    expect(await refused.json()).toEqual({
      message: 'Rate Limit Exceeded',
      errors: [{ resource: 'Application', field: 'rate limit', code: 'exceeded' }],
    });
    const unauthenticated = await apiGet(sim, '/athlete', 'bogus');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('x-ratelimit-limit')).toBe('200,2000');
  });

  it('injects failures with failNext and still serves afterwards', async () => {
    const { access_token } = await connectAthlete(sim);
    sim.advanceClock(15 * 60_000);
    sim.failNext(2, 503);
    expect((await apiGet(sim, '/athlete', access_token)).status).toBe(503);
    expect((await apiGet(sim, '/athlete', access_token)).status).toBe(503);
    expect((await apiGet(sim, '/athlete', access_token)).status).toBe(200);
    expect(sim.requestLog.count({ path: '/api/v3/athlete', status: 503 })).toBe(2);
  });
});
