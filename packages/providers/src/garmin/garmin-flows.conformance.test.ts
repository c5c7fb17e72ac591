import { createHash, randomBytes } from 'node:crypto';
import { approveConsent, startGarminSimulator, type GarminSimulator } from '@syncwell/testbed';
import { tickingClock } from '@syncwell/core';
import type { ProviderBundle, ReadItem, ReadRequest } from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSession } from '../conformance/test-session.js';
import { WebhookReceiver } from '../conformance/webhook-receiver.js';
import { createGarminModule } from './index.js';

const client = { clientId: 'garmin-flows', clientSecret: 'garmin-flows-secret' };
const redirectUri = 'http://127.0.0.1:9/callback';
const DAY_MS = 86_400_000;
/**
 * The simulator and the client share one clock that starts at a pinned instant and then ticks:
 * the generated workout's distance from "now" (days back, hour of day) is then the same on every
 * run, whatever the date or time of day the suite runs at. At this instant (03:00 on the athlete's
 * local clock) seed 9's one workout was uploaded 2 days 19 hours ago, inside the 3-day horizon.
 */
const { now, nowMs } = tickingClock('2026-11-17T17:00:00Z');

/** What the shared suite does not cover: PKCE, health types, paging, backfill, PING delivery. */
describe('garmin flows beyond the shared suite', () => {
  let sim: GarminSimulator;
  let bundle: ProviderBundle;
  let session: TestSession;
  const readAll = async (request: ReadRequest) => {
    const items: ReadItem[] = [];
    let cursor = request.cursor;
    let pages = 0;
    for (;;) {
      const page = await bundle.data.read(session, { ...request, cursor });
      pages += 1;
      items.push(...page.items);
      cursor = page.nextCursor ?? cursor;
      if (!page.hasMore) return { items, cursor, pages };
    }
  };

  beforeAll(async () => {
    sim = await startGarminSimulator({
      ...client,
      seed: 9,
      users: 1,
      workoutsPerUser: 1,
      healthDays: 12,
      backfillDelayMs: 5,
      now: nowMs,
    });
    bundle = createGarminModule({ pullHorizonDays: 3, uploadSettleSeconds: 0, now }).create({
      ...client,
      baseUrls: sim.baseUrls,
      webhookVerifyToken: 'k1',
    });
  });
  afterAll(() => sim.close());

  it('requires PKCE S256 and checks the verifier', async () => {
    await expect(
      approveConsent(bundle.oauth.authorizeUrl({ state: 's', redirectUri })),
    ).rejects.toMatchObject({ status: 400 });
    const verifier = randomBytes(32).toString('base64url');
    const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
    const first = await approveConsent(bundle.oauth.authorizeUrl({ state: 's', redirectUri, codeChallenge }));
    await expect(
      bundle.oauth.exchangeCode({ code: first.code!, redirectUri, codeVerifier: 'wrong-verifier' }),
    ).rejects.toMatchObject({ code: 'SW_OAUTH_EXCHANGE_FAILED' });
    const second = await approveConsent(
      bundle.oauth.authorizeUrl({ state: 's', redirectUri, codeChallenge }),
    );
    const grant = await bundle.oauth.exchangeCode({
      code: second.code!,
      redirectUri,
      codeVerifier: verifier,
    });
    expect(grant.externalUserId).toBe(sim.users[0]!.userId);
    expect(grant.tokens.scopes).toEqual(['ACTIVITY_EXPORT', 'HEALTH_EXPORT']);
    expect(grant.tokens.expiresAt!.getTime()).toBeGreaterThan(nowMs() + 86_000_000);
    session = new TestSession(bundle.oauth, grant.tokens, grant.externalUserId);
  });

  it('pages the horizon by 24 h upload windows and maps every health type', async () => {
    const daily = await readAll({ dataType: 'daily_activity', cursor: null });
    expect(daily.pages).toBeGreaterThanOrEqual(3);
    expect(daily.items.length).toBeGreaterThanOrEqual(2);
    expect(daily.items.length).toBeLessThanOrEqual(4);
    const body = await readAll({ dataType: 'body_measurement', cursor: null });
    for (const item of body.items) {
      if (!item.ok || item.record.type !== 'body_measurement') throw new Error('body not read');
      expect(item.record.weight!.value).toBeGreaterThan(40);
      expect(item.record.weight!.value).toBeLessThan(120);
    }
    const sleep = await readAll({ dataType: 'sleep', cursor: null });
    const night = sleep.items[0];
    if (night?.ok !== true || night.record.type !== 'sleep') throw new Error('sleep not read');
    expect(new Set(night.record.stages.map((s) => s.stage))).toEqual(
      new Set(['light', 'deep', 'rem', 'awake']),
    );
    const hr = await readAll({ dataType: 'heart_rate', cursor: null });
    expect(
      hr.items.every((i) => i.ok && i.record.type === 'heart_rate' && i.record.samples.length === 96),
    ).toBe(true);
  });

  it('requests backfill for ranges past the horizon: 403 without permission, then 202 delivered by PING', async () => {
    const old = { from: new Date(nowMs() - 14 * DAY_MS), to: new Date(nowMs() - 9 * DAY_MS) };
    const refused = await bundle.data.read(session, { dataType: 'sleep', cursor: null, range: old });
    expect(refused.items).toMatchObject([{ ok: false, code: 'SW_PROVIDER_FORBIDDEN' }]);
    const receiver = new WebhookReceiver(bundle.webhooks!);
    try {
      const url = await receiver.start();
      await sim.configureEndpoints(`${url}?key=k1`, 'PING');
      await sim.setPermission(session.externalUserId, 'HISTORICAL_DATA_EXPORT', true);
      await receiver.waitFor(
        (r) =>
          r.request.rawBody.length > 0 &&
          new TextDecoder().decode(r.request.rawBody).includes('userPermissionsChange'),
      );
      const accepted = await bundle.data.read(session, { dataType: 'sleep', cursor: null, range: old });
      expect(accepted.items.filter((i) => !i.ok)).toEqual([]);
      expect(sim.backfillRequests.size).toBe(1);
      // A repeat answers 409, which the client takes as "already requested".
      const again = await bundle.data.read(session, { dataType: 'sleep', cursor: null, range: old });
      expect(again.items.filter((i) => !i.ok)).toEqual([]);
      const ping = await receiver.waitFor((r) =>
        new TextDecoder().decode(r.request.rawBody).includes('"sleeps"'),
      );
      expect(ping.outcome).toMatchObject({
        kind: 'events',
        events: [{ externalUserId: session.externalUserId, dataType: 'sleep' }],
      });
    } finally {
      await receiver.stop();
    }
  });

  it('reads workouts with the FIT track merged, and reports a corrupt file per record', async () => {
    const all = await readAll({ dataType: 'workout', cursor: null });
    const withTrack = all.items.find(
      (i) => i.ok && i.record.type === 'workout' && (i.record.track?.length ?? 0) > 0,
    );
    expect(withTrack).toBeDefined();
    sim.faults.set({ malformedPayload: { share: 1, target: 'files' } });
    const broken = await readAll({ dataType: 'workout', cursor: null });
    sim.faults.clear();
    expect(broken.items.some((i) => !i.ok && i.code === 'SW_ITEM_CORRUPT_FILE')).toBe(true);
  });
});
