import { createHash, randomBytes } from 'node:crypto';
import { ProviderError, type ProviderBundle } from '@syncwell/core';
import { approveConsent, startGoogleHealthSimulator, type GoogleHealthSimulator } from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProviderConformance } from '../conformance/provider.contract.js';
import { TestSession } from '../conformance/test-session.js';
import { createGoogleHealthModule } from './index.js';

const client = {
  clientId: 'google-conformance.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-sim-secret',
};
const subscriberSecret = 'subscriber-bearer-secret-0123';
const redirectUri = 'http://127.0.0.1:9/callback';
const MINUTE_MS = 60_000;

/** Registers a project-level subscriber with the simulator's service account. */
async function createSubscriber(sim: GoogleHealthSimulator, endpointUri: string): Promise<Response> {
  return fetch(`${sim.url}/v4/projects/syncwell-sim/subscribers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.serviceAccountToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ endpointUri, endpointAuthorization: { secret: subscriberSecret } }),
  });
}

describeProviderConformance('google_health', async () => {
  let clockOffsetMs = 0;
  const sim = await startGoogleHealthSimulator({
    ...client,
    seed: 5,
    users: 2,
    workoutsPerUser: 3,
    days: 2,
    perUserPerMinute: 150,
    now: () => Date.now() + clockOffsetMs,
  });
  return {
    // Two sessions a page, so five new workouts cross pages.
    module: createGoogleHealthModule({ sessionPageSize: 2 }),
    config: { ...client, baseUrls: sim.baseUrls, webhookVerifyToken: subscriberSecret },
    redirectUri,
    pagingSeedCount: 5,
    sendsRateLimitHeaders: false,
    expectsMultiplePages: true,
    async seedWorkouts(externalUserId, count) {
      for (let i = 0; i < count; i += 1) await sim.addExercise(externalUserId);
    },
    async subscribeWebhook(callbackUrl) {
      const response = await createSubscriber(sim, callbackUrl);
      if (response.status !== 200) throw new Error(`subscriber creation answered ${response.status}`);
      return { webhookVerifyToken: subscriberSecret };
    },
    // Google signs nothing: the bearer secret is the only proof, so forgeries are about it.
    forgeWebhooks: (genuine) => {
      const { authorization: _secret, ...unsigned } = genuine.headers;
      return [
        { ...genuine, headers: unsigned },
        { ...genuine, headers: { ...genuine.headers, authorization: 'Bearer not-the-secret-at-all' } },
        { ...genuine, method: 'GET' },
      ];
    },
    async exhaustRateLimit(session) {
      const token = await session.accessToken();
      for (let i = 0; i < 1000; i += 1) {
        const response = await fetch(`${sim.url}/v4/users/me/identity`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.body?.cancel();
        if (response.status === 429) return;
      }
      throw new Error('the simulator never answered 429');
    },
    recoverRateLimit() {
      clockOffsetMs += MINUTE_MS;
    },
    expireAccessToken: (token) => {
      sim.expireAccessToken(token);
    },
    teardown: () => sim.close(),
  };
});

/** What the shared suite does not cover: PKCE, the non-workout types and their units, notifications, 429, 410. */
describe('google_health beyond the shared suite', () => {
  let sim: GoogleHealthSimulator;
  let bundle: ProviderBundle;
  let session: TestSession;
  let clockOffsetMs = 0;

  beforeAll(async () => {
    sim = await startGoogleHealthSimulator({
      ...client,
      seed: 9,
      users: 1,
      workoutsPerUser: 2,
      days: 3,
      perUserPerMinute: 60,
      now: () => Date.now() + clockOffsetMs,
    });
    bundle = createGoogleHealthModule().create({
      ...client,
      baseUrls: sim.baseUrls,
      webhookVerifyToken: subscriberSecret,
    });
    const verifier = randomBytes(32).toString('base64url');
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const url = bundle.oauth.authorizeUrl({ state: 's', redirectUri, codeChallenge });
    const first = await approveConsent(url);
    // A code issued against a challenge is refused without, or with the wrong, verifier.
    await expect(bundle.oauth.exchangeCode({ code: first.code!, redirectUri })).rejects.toMatchObject({
      code: 'SW_OAUTH_EXCHANGE_FAILED',
      details: { error: 'invalid_grant' },
    });
    const second = await approveConsent(url);
    const grant = await bundle.oauth.exchangeCode({
      code: second.code!,
      redirectUri,
      codeVerifier: verifier,
    });
    session = new TestSession(bundle.oauth, grant.tokens, grant.externalUserId);
  });
  afterAll(() => sim.close());

  it('asks for offline access with PKCE S256, and gets an hour-long token plus a refresh token', () => {
    const url = new URL(
      bundle.oauth.authorizeUrl({ state: 's', redirectUri, codeChallenge: 'x'.repeat(43) }),
    );
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(session.externalUserId).toBe(sim.users[0]!.healthUserId);
    expect(session.tokens.refreshToken).toMatch(/^1\/\//);
    const lifetimeS = (session.tokens.expiresAt!.getTime() - Date.now()) / 1000;
    expect(lifetimeS).toBeGreaterThan(3590);
    expect(lifetimeS).toBeLessThanOrEqual(3600);
  });

  it('reads sleep with stages, daily steps as numbers, heart rate by day and weight in kg', async () => {
    const sleep = await bundle.data.read(session, { dataType: 'sleep', cursor: null });
    const night = sleep.items.find((i) => i.ok);
    expect(
      night?.ok === true && night.record.type === 'sleep' && night.record.stages.map((s) => s.stage),
    ).toContain('deep');
    const daily = await bundle.data.read(session, { dataType: 'daily_activity', cursor: null });
    const days = daily.items.flatMap((i) => (i.ok && i.record.type === 'daily_activity' ? [i.record] : []));
    expect(days.length).toBeGreaterThanOrEqual(3);
    for (const day of days) expect(typeof day.steps?.value).toBe('number');
    expect(daily.nextCursor).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const hr = await bundle.data.read(session, { dataType: 'heart_rate', cursor: null });
    const fullDay = hr.items.find(
      (i) => i.ok && i.record.type === 'heart_rate' && i.record.samples.length === 96,
    );
    expect(fullDay).toBeDefined();
    const body = await bundle.data.read(session, { dataType: 'body_measurement', cursor: null });
    const weighIn = body.items.find((i) => i.ok);
    if (weighIn?.ok !== true || weighIn.record.type !== 'body_measurement') throw new Error('no weigh-in');
    expect(weighIn.record.weight?.value).toBeGreaterThan(40);
    expect(weighIn.record.weight?.value).toBeLessThan(120);
    expect(weighIn.record.bodyFat?.unit).toBe('%');
    const again = await bundle.data.read(session, { dataType: 'body_measurement', cursor: body.nextCursor });
    expect(again.items).toEqual([]);
  });

  it('reports corrupted data points per record and keeps the rest', async () => {
    sim.faults.set({ malformedPayload: { share: 0.5, target: 'items' } });
    try {
      const page = await bundle.data.read(session, { dataType: 'sleep', cursor: null });
      expect(page.items.some((i) => !i.ok && i.code === 'SW_ITEM_INVALID_PAYLOAD')).toBe(true);
      expect(page.items.some((i) => i.ok)).toBe(true);
    } finally {
      sim.faults.clear();
    }
  });

  it('turns the per-user 429 (no rate-limit headers) into a rate-limit error waiting one minute', async () => {
    const token = await session.accessToken();
    for (let i = 0; i < 200; i += 1) {
      const r = await fetch(`${sim.url}/v4/users/me/identity`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await r.body?.cancel();
      if (r.status === 429) break;
    }
    const error = await bundle.data
      .read(session, { dataType: 'workout', cursor: null })
      .catch((e: unknown) => e);
    clockOffsetMs += MINUTE_MS;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'SW_PROVIDER_RATE_LIMITED', retryAfterMs: MINUTE_MS });
  });

  it('maps a notification batch to events and answers the two-step endpoint verification', () => {
    const verify = (authorization: string | undefined, body: unknown) =>
      bundle.webhooks!.verify({
        method: 'POST',
        query: {},
        headers: authorization === undefined ? {} : { authorization },
        rawBody: new TextEncoder().encode(JSON.stringify(body)),
      });
    expect(verify(`Bearer ${subscriberSecret}`, { type: 'verification' }).kind).toBe('handshake');
    expect(verify(undefined, { type: 'verification' }).kind).toBe('rejected');
    const interval = {
      physicalTimeInterval: { startTime: '2026-11-24T06:00:00Z', endTime: '2026-11-24T07:00:00Z' },
    };
    const batch = ['sleep', 'weight', 'nutrition-log'].map((dataType) => ({
      data: {
        healthUserId: '42',
        operation: dataType === 'weight' ? 'DELETE' : 'UPSERT',
        dataType,
        intervals: [interval],
      },
    }));
    expect(verify(`Bearer ${subscriberSecret}`, batch)).toEqual({
      kind: 'events',
      events: [
        { externalUserId: '42', dataType: 'sleep', action: 'create' },
        { externalUserId: '42', dataType: 'body_measurement', action: 'delete' },
      ],
    });
  });

  it('treats a 410 from Google as SW_PROVIDER_GONE', async () => {
    sim.faults.set({ gone410: true });
    try {
      await expect(bundle.data.read(session, { dataType: 'workout', cursor: null })).rejects.toMatchObject({
        code: 'SW_PROVIDER_GONE',
      });
    } finally {
      sim.faults.clear();
    }
  });
});
