import { approveConsent } from '@syncwell/testbed';
import {
  ProviderError,
  workout as workoutSchema,
  type ProviderBundle,
  type RateLimitSnapshot,
  type ReadItem,
  type ReadRequest,
  type WebhookRequest,
} from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { TestSession } from './test-session.js';
import { WebhookReceiver } from './webhook-receiver.js';

export type { ConformanceHarness } from './conformance-harness.js';

/** Reads every page from `cursor`; returns the items, the final cursor and how many pages it took. */
async function readAll(bundle: ProviderBundle, session: TestSession, request: ReadRequest) {
  const items: ReadItem[] = [];
  let cursor = request.cursor;
  let pages = 0;
  for (;;) {
    const page = await bundle.data.read(session, { ...request, cursor });
    pages += 1;
    items.push(...page.items);
    cursor = page.nextCursor ?? cursor;
    if (!page.hasMore) return { items, cursor, pages };
    if (pages > 50) throw new Error('provider keeps answering hasMore');
  }
}

const okIds = (items: readonly ReadItem[]): string[] =>
  items.flatMap((item) => (item.ok ? [item.record.provenance.externalId] : []));

/**
 * One behavioural contract for every provider client, run against its simulator: OAuth through
 * the consent page, refresh and rotation, the 401 → refresh → retry path, paging and cursors,
 * reads and writes of each declared data type, webhooks, and rate-limit handling.
 *
 * @example
 *   describeProviderConformance('strava', async () => ({ module: stravaModule, config, ... }));
 */
export function describeProviderConformance(name: string, setup: () => Promise<ConformanceHarness>): void {
  describe(`${name} provider conformance`, () => {
    let harness: ConformanceHarness;
    let bundle: ProviderBundle;
    let session: TestSession;
    const snapshots: RateLimitSnapshot[] = [];

    beforeAll(async () => {
      harness = await setup();
      bundle = harness.module.create({ ...harness.config, onRateLimitHeaders: (s) => snapshots.push(s) });
    });
    afterAll(async () => {
      await harness.teardown();
    });

    const connect = async (): Promise<TestSession> => {
      const state = `state-${Math.random().toString(36).slice(2)}`;
      const consent = await approveConsent(
        bundle.oauth.authorizeUrl({ state, redirectUri: harness.redirectUri }),
      );
      expect(consent.state).toBe(state);
      expect(consent.code).toBeTypeOf('string');
      const grant = await bundle.oauth.exchangeCode({
        code: consent.code!,
        redirectUri: harness.redirectUri,
      });
      await bundle.oauth.afterConnect?.(grant);
      return new TestSession(bundle.oauth, grant.tokens, grant.externalUserId);
    };

    it('builds an authorize URL with client, redirect, state and the declared scopes', () => {
      const url = new URL(bundle.oauth.authorizeUrl({ state: 's-1', redirectUri: harness.redirectUri }));
      const facts = harness.module.facts;
      expect(url.searchParams.get('client_id')).toBe(harness.config.clientId);
      expect(url.searchParams.get('redirect_uri')).toBe(harness.redirectUri);
      expect(url.searchParams.get('state')).toBe('s-1');
      expect(url.searchParams.get('scope')).toBe(facts.auth.scopes.join(facts.auth.scopeSeparator));
    });

    it('connects through the consent page and learns the provider user id', async () => {
      session = await connect();
      expect(session.externalUserId).toMatch(/\S/);
      expect(session.tokens.accessToken).toMatch(/\S/);
      expect(session.tokens.refreshToken === null).toBe(harness.module.facts.auth.refresh === 'none');
      // Connecting twice (afterConnect's registration included) must be harmless.
      const again = await connect();
      expect(again.externalUserId).toBe(session.externalUserId);
      session = again;
    });

    it('refuses a made-up authorization code', async () => {
      await expect(
        bundle.oauth.exchangeCode({ code: 'not-a-real-code', redirectUri: harness.redirectUri }),
      ).rejects.toMatchObject({ code: 'SW_OAUTH_EXCHANGE_FAILED' });
    });

    it('refreshes as its facts declare, keeping rotated refresh tokens', async () => {
      const mode = harness.module.facts.auth.refresh;
      if (mode === 'none') {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- checks presence only
        expect(bundle.oauth.refresh).toBeUndefined();
        return;
      }
      const before = session.tokens;
      await session.refreshAccessToken();
      expect(session.tokens.refreshToken).toMatch(/\S/);
      if (mode === 'rotating' && session.tokens.refreshToken !== before.refreshToken) {
        await expect(bundle.oauth.refresh!(before.refreshToken!)).rejects.toMatchObject({
          code: 'SW_PROVIDER_AUTH_REVOKED',
        });
      }
      await expect(bundle.oauth.refresh!('made-up-refresh-token')).rejects.toMatchObject({
        code: 'SW_PROVIDER_AUTH_REVOKED',
      });
      const page = await bundle.data.read(session, { dataType: 'workout', cursor: null });
      expect(Array.isArray(page.items)).toBe(true);
    });

    it('refreshes once after a 401 and retries the request', async () => {
      if (harness.expireAccessToken === undefined || bundle.oauth.refresh === undefined) return;
      harness.expireAccessToken(session.tokens.accessToken);
      const refreshesBefore = session.refreshCount;
      const dataType = harness.module.facts.capabilities.readable[0]!;
      await bundle.data.read(session, { dataType, cursor: null });
      expect(session.refreshCount).toBe(refreshesBefore + 1);
    });

    it('pages through new workouts, then the cursor holds', async () => {
      const first = await readAll(bundle, session, { dataType: 'workout', cursor: null });
      const known = new Set(okIds(first.items));
      await harness.seedWorkouts(session.externalUserId, harness.pagingSeedCount);
      const next = await readAll(bundle, session, { dataType: 'workout', cursor: first.cursor });
      const fresh = okIds(next.items).filter((id) => !known.has(id));
      expect(next.items.filter((item) => !item.ok)).toEqual([]);
      expect(new Set(fresh).size).toBe(harness.pagingSeedCount);
      expect(fresh.length).toBe(harness.pagingSeedCount);
      if (harness.expectsMultiplePages) expect(next.pages).toBeGreaterThan(1);
      for (const item of next.items) {
        if (!item.ok) continue;
        expect(item.record.provenance.provider).toBe(harness.module.facts.id);
        expect(workoutSchema.safeParse(item.record).success).toBe(true);
      }
      const after = await readAll(bundle, session, { dataType: 'workout', cursor: next.cursor });
      expect(okIds(after.items).filter((id) => !known.has(id) && !fresh.includes(id))).toEqual([]);
      expect(after.items.length).toBe(0);
    });

    it('reads a time range exactly', async () => {
      const all = okIds((await readAll(bundle, session, { dataType: 'workout', cursor: null })).items);
      const everything = await readAll(bundle, session, {
        dataType: 'workout',
        cursor: null,
        range: { from: new Date(0), to: new Date(Date.now() + 86_400_000) },
      });
      expect(new Set(okIds(everything.items))).toEqual(new Set(all));
      const pick = everything.items.find((item) => item.ok);
      if (pick?.ok !== true) throw new Error('no workout to range over');
      const start = Date.parse((pick.record as { startTime: string }).startTime);
      const narrow = await readAll(bundle, session, {
        dataType: 'workout',
        cursor: null,
        range: { from: new Date(start), to: new Date(start + 1000) },
      });
      expect(okIds(narrow.items)).toEqual([pick.record.provenance.externalId]);
    });

    it('reads each declared readable type and writes each declared writable type', async () => {
      const { readable, writable } = harness.module.facts.capabilities;
      for (const dataType of readable) {
        const page = await bundle.data.read(session, { dataType, cursor: null });
        for (const item of page.items) if (item.ok) expect(item.record.type).toBe(dataType);
      }
      const toWrite = harness.workoutToWrite?.();
      if (!writable.includes('workout') || toWrite === undefined) {
        expect(writable).toEqual([]);
        const record = workoutSchema.parse(toWrite ?? samplePlaceholderWorkout(harness.module.facts.id));
        const [result] = await bundle.data.write(session, [{ record, tag: 'sw-0a0b' }]);
        expect(result).toMatchObject({ status: 'failed', code: 'SW_ITEM_UNSUPPORTED_TYPE' });
        return;
      }
      const tag = `sw-${Date.now().toString(16)}`;
      const [written] = await bundle.data.write(session, [{ record: toWrite, tag }]);
      if (written?.status !== 'written') throw new Error(`write failed: ${JSON.stringify(written)}`);
      await expect(bundle.data.findByTag?.(session, { record: toWrite, tag })).resolves.toBe(
        written.destinationId,
      );
      await expect(
        bundle.data.findByTag?.(session, { record: toWrite, tag: 'sw-ffff0000' }),
      ).resolves.toBeNull();
      const [again] = await bundle.data.write(session, [{ record: toWrite, tag: `${tag}0` }]);
      expect(again).toEqual({ status: 'duplicate', destinationId: written.destinationId });
      const back = await readAll(bundle, session, {
        dataType: 'workout',
        cursor: null,
        // FIT keeps whole seconds: widen the window around the start.
        range: {
          from: new Date(Date.parse(toWrite.startTime) - 60_000),
          to: new Date(Date.parse(toWrite.startTime) + 60_000),
        },
      });
      const mine = back.items.find(
        (item) => item.ok && item.record.provenance.externalId === written.destinationId,
      );
      expect(mine?.ok === true && mine.record.provenance.syncTag).toBe(tag);
    });

    it('accepts genuine webhooks (handshake included) and rejects forged ones', async () => {
      const receiver = new WebhookReceiver(bundle.webhooks!);
      try {
        const callbackUrl = await receiver.start();
        const additions = await harness.subscribeWebhook(callbackUrl);
        receiver.verifier = harness.module.create({ ...harness.config, ...additions }).webhooks!;
        expect(receiver.received.some((r) => r.outcome.kind === 'handshake')).toBe(
          harness.webhookHandshake !== false,
        );
        await harness.seedWorkouts(session.externalUserId, 1);
        const genuine = await receiver.waitFor(
          (r) => r.outcome.kind === 'events' && r.outcome.events.length > 0,
        );
        // One notification may cover several data types (Withings' `appli` 16): contain, not equal.
        expect(genuine.outcome.kind).toBe('events');
        expect(genuine.outcome.kind === 'events' ? genuine.outcome.events : []).toContainEqual(
          expect.objectContaining({
            externalUserId: session.externalUserId,
            dataType: 'workout',
            action: harness.webhookCreateAction ?? 'create',
          }),
        );
        const forged: WebhookRequest[] = harness.forgeWebhooks(genuine.request);
        expect(forged.length).toBeGreaterThan(0);
        for (const request of forged) expect(receiver.verifier.verify(request).kind).toBe('rejected');
      } finally {
        await receiver.stop();
      }
    });

    it('reports rate-limit headers and turns a 429 into a rate-limit error with a wait', async () => {
      if (harness.sendsRateLimitHeaders === false) expect(snapshots).toEqual([]);
      else expect(snapshots.length).toBeGreaterThan(0);
      for (const snapshot of snapshots) {
        expect(snapshot.provider).toBe(harness.module.facts.id);
        expect(harness.module.facts.rateLimits.map((r) => r.name)).toContain(snapshot.name);
      }
      await harness.exhaustRateLimit(session);
      const error = await bundle.data.read(session, { dataType: 'workout', cursor: null }).then(
        () => undefined,
        (e: unknown) => e,
      );
      harness.recoverRateLimit();
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).code).toBe('SW_PROVIDER_RATE_LIMITED');
      expect((error as ProviderError).retryAfterMs).toBeGreaterThan(0);
    });

    it('revokes access at the provider', async () => {
      await bundle.oauth.revoke(session.tokens, session.externalUserId);
      const error = await bundle.data.read(session, { dataType: 'workout', cursor: null }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).retryClass).toBe('auth');
    });
  });
}

function samplePlaceholderWorkout(provider: string) {
  return {
    type: 'workout',
    provenance: { provider, externalId: 'write-probe' },
    sport: 'running',
    startTime: '2026-11-01T08:00:00.000Z',
    endTime: '2026-11-01T08:30:00.000Z',
    utcOffsetMinutes: 60,
  };
}
