import { approveConsent, startWithingsSimulator, type WithingsSimulator } from '@syncwell/testbed';
import {
  ProviderError,
  type CanonicalRecord,
  type ProviderBundle,
  type RateLimitSnapshot,
  type ReadItem,
  type ReadRequest,
} from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSession } from '../conformance/test-session.js';
import { WebhookReceiver } from '../conformance/webhook-receiver.js';
import { withingsModule } from './index.js';
import { WITHINGS_CALLBACK_TOKEN_PARAM } from './webhooks.js';

const client = { clientId: 'withings-protocol', clientSecret: 'withings-protocol-secret' };
const redirectUri = 'http://127.0.0.1:9/callback';

/** Withings' own flows the shared suite does not cover, against the simulator. */
describe('withings against its simulator', () => {
  let sim: WithingsSimulator;
  let bundle: ProviderBundle;
  let clockOffsetMs = 0;
  const snapshots: RateLimitSnapshot[] = [];

  beforeAll(async () => {
    sim = await startWithingsSimulator({
      ...client,
      seed: 9,
      users: 1,
      days: 3,
      workoutsPerUser: 1,
      pageSize: 2,
      notifyRetryDelaysMs: [0, 20],
      now: () => Date.now() + clockOffsetMs,
    });
    bundle = withingsModule.create({
      ...client,
      baseUrls: sim.baseUrls,
      onRateLimitHeaders: (s) => snapshots.push(s),
    });
  });
  afterAll(() => sim.close());

  const connect = async (): Promise<TestSession> => {
    const consent = await approveConsent(bundle.oauth.authorizeUrl({ state: 'st', redirectUri }));
    const grant = await bundle.oauth.exchangeCode({ code: consent.code ?? '', redirectUri });
    return new TestSession(bundle.oauth, grant.tokens, grant.externalUserId);
  };
  const readAll = async (session: TestSession, request: ReadRequest) => {
    const items: ReadItem[] = [];
    let cursor = request.cursor;
    for (let pages = 0; pages < 40; pages += 1) {
      const page = await bundle.data.read(session, { ...request, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? cursor;
      if (!page.hasMore) return { items, cursor };
    }
    throw new Error('too many pages');
  };
  const records = (items: readonly ReadItem[]): CanonicalRecord[] =>
    items.flatMap((i) => (i.ok ? [i.record] : []));

  it('asks for comma-separated scopes without PKCE, and tokens live 3 h', async () => {
    const url = new URL(bundle.oauth.authorizeUrl({ state: 's', redirectUri, codeChallenge: 'x' }));
    expect(url.searchParams.get('scope')).toBe('user.info,user.metrics,user.activity,user.sleepevents');
    expect(url.searchParams.has('code_challenge')).toBe(false);
    const session = await connect();
    const lifetime = (session.tokens.expiresAt?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(10_700_000);
    expect(lifetime).toBeLessThanOrEqual(10_800_000);
  });

  it('keeps the old refresh token alive until the new access token is used', async () => {
    const session = await connect();
    const old = session.tokens.refreshToken ?? '';
    const rotated = await bundle.oauth.refresh!(old);
    expect(rotated.refreshToken).not.toBe(old);
    // Within the grace and before the new token is used, the old one still refreshes.
    const again = await bundle.oauth.refresh!(old);
    session.tokens = again;
    await bundle.data.read(session, { dataType: 'body_measurement', cursor: null });
    await expect(bundle.oauth.refresh!(old)).rejects.toMatchObject({ code: 'SW_PROVIDER_AUTH_REVOKED' });
  });

  it('refreshes once after a body-status 401 and retries', async () => {
    const session = await connect();
    sim.expireAccessToken(session.tokens.accessToken);
    await bundle.data.read(session, { dataType: 'sleep', cursor: null });
    expect(session.refreshCount).toBe(1);
  });

  it('reads weigh-ins as kg and fat % (value × 10^unit), skipping blood pressure, then holds the cursor', async () => {
    const session = await connect();
    const first = await readAll(session, { dataType: 'body_measurement', cursor: null });
    const weighIns = records(first.items);
    expect(first.items.every((i) => i.ok)).toBe(true);
    expect(weighIns.length).toBe(3);
    const userid = Number(session.externalUserId);
    sim.addWeighIn(userid, 72.31, 18.4);
    const next = await readAll(session, { dataType: 'body_measurement', cursor: first.cursor });
    expect(records(next.items)).toMatchObject([
      { type: 'body_measurement', weight: { value: 72.31, unit: 'kg' }, bodyFat: { value: 18.4, unit: '%' } },
    ]);
    expect((await readAll(session, { dataType: 'body_measurement', cursor: next.cursor })).items).toEqual([]);
  });

  it('reads sleep with stages, activity days and one heart-rate record per local day', async () => {
    const session = await connect();
    const nights = records((await readAll(session, { dataType: 'sleep', cursor: null })).items);
    expect(nights.length).toBe(3);
    for (const night of nights) {
      if (night.type !== 'sleep') throw new Error('not sleep');
      expect(night.stages.length).toBeGreaterThan(3);
      expect(new Set(night.stages.map((s) => s.stage))).toContain('deep');
      expect(night.stages[0]?.startTime).toBe(night.startTime);
    }
    const days = records((await readAll(session, { dataType: 'daily_activity', cursor: null })).items);
    expect(days.map((d) => d.type === 'daily_activity' && d.steps !== undefined)).toEqual([true, true, true]);
    const start = new Date(Date.now() - 2 * 86_400_000);
    const hr = records(
      (
        await readAll(session, {
          dataType: 'heart_rate',
          cursor: null,
          range: { from: start, to: new Date() },
        })
      ).items,
    );
    expect(hr.length).toBeGreaterThanOrEqual(2);
    for (const day of hr) if (day.type === 'heart_rate') expect(day.samples.length).toBeGreaterThan(0);
  });

  it('notifies by appli with userid and a window only; unlink deauthorizes', async () => {
    const session = await connect();
    const userid = Number(session.externalUserId);
    const receiver = new WebhookReceiver(
      withingsModule.create({ ...client, baseUrls: sim.baseUrls, webhookVerifyToken: 'tok' }).webhooks!,
    );
    try {
      const callback = `${await receiver.start()}?${WITHINGS_CALLBACK_TOKEN_PARAM}=tok`;
      for (const appli of ['1', '16', '46']) {
        const answer = await fetch(`${sim.url}/notify`, {
          method: 'POST',
          headers: { authorization: `Bearer ${session.tokens.accessToken}` },
          body: new URLSearchParams({ action: 'subscribe', callbackurl: callback, appli }),
        });
        expect(((await answer.json()) as { status: number }).status).toBe(0);
      }
      expect(receiver.received[0]?.outcome.kind).toBe('handshake');
      sim.addWorkout(userid);
      const activity = await receiver.waitFor(
        (r) => r.outcome.kind === 'events' && r.outcome.events.length > 1,
      );
      expect(new TextDecoder().decode(activity.request.rawBody)).toMatch(
        /^userid=\d+&appli=16&startdate=\d+&enddate=\d+/,
      );
      expect(activity.outcome).toMatchObject({
        events: ['workout', 'daily_activity', 'heart_rate'].map((dataType) => ({
          externalUserId: String(userid),
          dataType,
        })),
      });
      const forged = { ...activity.request, query: {} };
      expect(receiver.verifier.verify(forged).kind).toBe('rejected');
      sim.unlink(userid);
      const unlink = await receiver.waitFor(
        (r) => r.outcome.kind === 'events' && r.outcome.events[0]?.action === 'deauthorize',
      );
      expect(unlink.outcome).toMatchObject({ events: [{ externalUserId: String(userid), dataType: null }] });
      await expect(bundle.data.read(session, { dataType: 'workout', cursor: null })).rejects.toMatchObject({
        retryClass: 'auth',
      });
    } finally {
      await receiver.stop();
    }
  });

  it('turns body status 601 into a rate-limit error with a one-window wait, and reports the full window', async () => {
    const session = await connect();
    sim.exhaustRateLimit();
    const error = await bundle.data
      .read(session, { dataType: 'workout', cursor: null })
      .catch((e: unknown) => e);
    clockOffsetMs += 61_000;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'SW_PROVIDER_RATE_LIMITED', status: 200, retryAfterMs: 60_000 });
    expect(snapshots.at(-1)).toMatchObject({ provider: 'withings', name: 'app-1min', limit: 120, used: 120 });
  });

  it("refuses an unreachable callback (293), and revoke removes the user's subscriptions", async () => {
    sim.loginAs(sim.users[0]!.userid);
    const session = await connect();
    const subscribe = (callbackurl: string) =>
      fetch(`${sim.url}/notify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.tokens.accessToken}` },
        body: new URLSearchParams({ action: 'subscribe', callbackurl, appli: '44' }),
      }).then(async (r) => ((await r.json()) as { status: number }).status);
    expect(await subscribe(`${sim.url}/not-served`)).toBe(293);
    const receiver = new WebhookReceiver(bundle.webhooks!);
    try {
      expect(await subscribe(await receiver.start())).toBe(0);
      await bundle.oauth.revoke(session.tokens, session.externalUserId);
      const listed = await fetch(`${sim.url}/notify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.tokens.accessToken}` },
        body: new URLSearchParams({ action: 'list' }),
      });
      expect(await listed.json()).toEqual({ status: 0, body: { profiles: [] } });
    } finally {
      await receiver.stop();
    }
  });

  it('subscribes Notify after connecting, with our secret on the callback, so new data is pushed to us', async () => {
    const receiver = new WebhookReceiver(bundle.webhooks!);
    const callback = await receiver.start();
    try {
      const configured = withingsModule.create({
        ...client,
        baseUrls: sim.baseUrls,
        webhookCallbackUrl: callback,
        webhookVerifyToken: 'notify-secret',
      });
      receiver.verifier = configured.webhooks!;
      sim.loginAs(sim.users[0]!.userid);
      const consent = await approveConsent(configured.oauth.authorizeUrl({ state: 'st', redirectUri }));
      const grant = await configured.oauth.exchangeCode({ code: consent.code ?? '', redirectUri });
      await configured.oauth.afterConnect!(grant);

      const listed = await fetch(`${sim.url}/notify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${grant.tokens.accessToken}` },
        body: new URLSearchParams({ action: 'list' }),
      });
      const { profiles } = (
        (await listed.json()) as { body: { profiles: { appli: number; callbackurl: string }[] } }
      ).body;
      expect(profiles.map((p) => p.appli).sort((a, b) => a - b)).toEqual([1, 4, 16, 44, 46]);
      expect(new Set(profiles.map((p) => p.callbackurl))).toEqual(
        new Set([`${callback}?${WITHINGS_CALLBACK_TOKEN_PARAM}=notify-secret`]),
      );

      sim.addWorkout(sim.users[0]!.userid);
      const pushed = await receiver.waitFor(
        (r) => r.outcome.kind === 'events' && r.outcome.events.length > 0,
      );
      const pushedTypes =
        pushed.outcome.kind === 'events' ? pushed.outcome.events.map((e) => e.dataType) : [];
      expect(pushedTypes).toContain('workout');
      await configured.oauth.revoke(grant.tokens, grant.externalUserId);
    } finally {
      await receiver.stop();
    }
  });
});
