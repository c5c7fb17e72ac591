import { approveConsent, startOuraSimulator, type OuraSimulator } from '@syncwell/testbed';
import { ProviderError, type ProviderBundle, type RateLimitSnapshot, type ReadItem } from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSession } from '../conformance/test-session.js';
import { ouraModule } from './index.js';

const client = { clientId: 'oura-protocol', clientSecret: 'oura-protocol-secret' };
const redirectUri = 'http://127.0.0.1:9/cb';

/** Oura forms the shared suite does not cover: every data type, single-use refresh, 429 headers, 403, 422. */
describe('Oura protocol against the simulator', () => {
  let sim: OuraSimulator;
  let bundle: ProviderBundle;
  let session: TestSession;
  const snapshots: RateLimitSnapshot[] = [];
  let offsetMs = 0;

  beforeAll(async () => {
    sim = await startOuraSimulator({
      ...client,
      seed: 4,
      users: 1,
      historyDays: 3,
      workoutsPerUser: 1,
      rateLimits: { token: { limit: 30, windowSeconds: 300 } },
      now: () => Date.now() + offsetMs,
    });
    bundle = ouraModule.create({
      ...client,
      baseUrls: sim.baseUrls,
      onRateLimitHeaders: (s) => snapshots.push(s),
    });
    const consent = await approveConsent(bundle.oauth.authorizeUrl({ state: 's', redirectUri }));
    const grant = await bundle.oauth.exchangeCode({ code: consent.code!, redirectUri });
    session = new TestSession(bundle.oauth, grant.tokens, grant.externalUserId);
  });
  afterAll(() => sim.close());

  const records = (items: readonly ReadItem[]) => items.flatMap((i) => (i.ok ? [i.record] : []));

  it('reads sleep with stages, daily activity, heart-rate, HRV and SpO2 days', async () => {
    const read = async (dataType: Parameters<typeof bundle.data.read>[1]['dataType']) =>
      records((await bundle.data.read(session, { dataType, cursor: null })).items);
    const sleeps = await read('sleep');
    expect(sleeps.length).toBe(3);
    expect(sleeps.every((s) => s.type === 'sleep' && s.stages.length > 3)).toBe(true);
    expect((await read('daily_activity')).length).toBe(3);
    const hrv = await read('hrv');
    expect(hrv.length).toBe(3);
    expect(JSON.stringify(hrv)).toContain('"statistic":"rmssd"');
    expect((await read('spo2')).length).toBe(3);
    const hr = await read('heart_rate');
    // Whole UTC days only: the window's first, partial day is left out, today's grows.
    expect(hr.length).toBeGreaterThanOrEqual(2);
    expect(hr.every((d) => d.type === 'heart_rate' && d.samples.length > 0)).toBe(true);
    expect(
      records((await bundle.data.read(session, { dataType: 'body_measurement', cursor: null })).items),
    ).toEqual([]);
  });

  it('uses each refresh token once: a replay gets invalid_grant (SW_PROVIDER_AUTH_REVOKED)', async () => {
    const old = session.tokens.refreshToken!;
    const [first, second] = await Promise.allSettled([
      bundle.oauth.refresh!(old),
      bundle.oauth.refresh!(old),
    ]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const loser = (first.status === 'rejected' ? first : second) as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'SW_PROVIDER_AUTH_REVOKED' });
    session.tokens = (
      first.status === 'fulfilled' ? first : (second as PromiseFulfilledResult<typeof session.tokens>)
    ).value;
  });

  it('answers 403 for a lapsed membership and 422 with FastAPI detail[] for a bad date', async () => {
    sim.setMembershipExpired(session.externalUserId, true);
    await expect(bundle.data.read(session, { dataType: 'sleep', cursor: null })).rejects.toMatchObject({
      code: 'SW_PROVIDER_FORBIDDEN',
    });
    sim.setMembershipExpired(session.externalUserId, false);
    const response = await fetch(`${sim.url}/v2/usercollection/sleep?start_date=yesterday`, {
      headers: { authorization: `Bearer ${session.tokens.accessToken}` },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      detail: [{ loc: ['query', 'start_date'], type: 'value_error' }],
    });
    const pat = await fetch(`${sim.url}/v2/usercollection/sleep`, {
      headers: { authorization: `Bearer ${'A'.repeat(32)}` },
    });
    expect(pat.status).toBe(401);
  });

  it('reports the 429 headers as a full per-token window and waits for Retry-After', async () => {
    let error: unknown;
    for (let i = 0; i < 40 && error === undefined; i += 1) {
      error = await bundle.data.read(session, { dataType: 'workout', cursor: null }).then(
        () => undefined,
        (e: unknown) => e,
      );
    }
    offsetMs += 5 * 60_000;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'SW_PROVIDER_RATE_LIMITED' });
    expect((error as ProviderError).retryAfterMs).toBeGreaterThan(0);
    expect(snapshots.at(-1)).toMatchObject({ provider: 'oura', name: 'token-5min', limit: 30, used: 30 });
    expect(snapshots.at(-1)?.resetAt).toBeInstanceOf(Date);
  });
});
