import {
  approveConsent,
  generateWorkouts,
  startWhoopSimulator,
  type WhoopSimulator,
} from '@syncwell/testbed';
import type { ProviderBundle, ReadItem } from '@syncwell/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSession } from '../conformance/test-session.js';
import { shiftWorkout } from '../conformance/workout-timeline.js';
import { createWhoopModule } from './index.js';
import { whoopSignature } from './webhooks.js';

const client = { clientId: 'whoop-protocol', clientSecret: 'whoop-protocol-secret' };
const redirectUri = 'http://127.0.0.1:9/cb';
const ok = (items: readonly ReadItem[]) => items.flatMap((i) => (i.ok ? [i.record] : []));

/** What the shared conformance suite does not cover for WHOOP: scopes, sleep, daily, score states, webhooks. */
describe('WHOOP protocol against the simulator', () => {
  let sim: WhoopSimulator;
  let bundle: ProviderBundle;
  let session: TestSession;

  beforeAll(async () => {
    sim = await startWhoopSimulator({ ...client, seed: 9, users: 1, days: 3, workoutsPerUser: 2 });
    bundle = createWhoopModule({ pageSize: 2 }).create({ ...client, baseUrls: sim.baseUrls });
    const consent = await approveConsent(bundle.oauth.authorizeUrl({ state: 'state-12345', redirectUri }));
    const grant = await bundle.oauth.exchangeCode({ code: consent.code!, redirectUri });
    session = new TestSession(bundle.oauth, grant.tokens, grant.externalUserId);
  });
  afterAll(() => sim.close());

  it('sends no PKCE, refuses a short state, and issues refresh tokens only with offline', async () => {
    const url = new URL(bundle.oauth.authorizeUrl({ state: 'state-12345', redirectUri }));
    expect(url.searchParams.has('code_challenge')).toBe(false);
    url.searchParams.set('state', 'short');
    expect((await approveConsent(url.toString()).catch(() => null))?.code).toBeUndefined();
    const noOffline = new URL(url);
    noOffline.searchParams.set('state', 'state-12345');
    noOffline.searchParams.set('scope', 'read:profile read:sleep');
    const consent = await approveConsent(noOffline.toString());
    const grant = await bundle.oauth.exchangeCode({ code: consent.code!, redirectUri });
    expect(grant.tokens.refreshToken).toBeNull();
    expect(grant.tokens.expiresAt!.getTime() - Date.now()).toBeGreaterThan(3590_000);
    expect(session.tokens.refreshToken).toMatch(/\S/);
  });

  it('reads sleep with stages and cycles as days with resting HR; the running cycle pins the cursor', async () => {
    const sleeps = ok((await bundle.data.read(session, { dataType: 'sleep', cursor: null })).items);
    expect(sleeps[0]).toMatchObject({ type: 'sleep', provenance: { provider: 'whoop' } });
    expect(sleeps[0]?.type === 'sleep' && sleeps[0].stages.length).toBeGreaterThanOrEqual(3);
    let cursor: string | null = null;
    const days: ReadItem[] = [];
    for (let more = true; more;) {
      const page = await bundle.data.read(session, { dataType: 'daily_activity', cursor });
      days.push(...page.items);
      cursor = page.nextCursor ?? cursor;
      more = page.hasMore;
    }
    expect(ok(days)).toHaveLength(3);
    expect(ok(days)[0]).toMatchObject({ restingHeartRate: { unit: '/min' }, totalEnergy: { unit: 'kcal' } });
    // The newest cycle is still running, so the next read sees it again (daily records are overwritten).
    const again = await bundle.data.read(session, { dataType: 'daily_activity', cursor });
    expect(ok(again.items)).toHaveLength(1);
  });

  it('holds a PENDING_SCORE workout back, then delivers it once scored', async () => {
    const userId = Number(session.externalUserId);
    // Finished two hours ago: scoring normally follows within hours (older pending records stop pinning).
    const [generated] = generateWorkouts({ seed: 77, count: 1, provider: 'whoop', endBefore: new Date() });
    const recent = shiftWorkout(generated!, Date.now() - 2 * 3_600_000 - Date.parse(generated!.endTime));
    const id = await sim.addWorkout(userId, recent);
    await sim.setScoreState('workout', id, 'PENDING_SCORE');
    const drain = async (cursor: string | null) => {
      const items: ReadItem[] = [];
      for (;;) {
        const page = await bundle.data.read(session, { dataType: 'workout', cursor });
        items.push(...page.items);
        cursor = page.nextCursor ?? cursor;
        if (!page.hasMore) return { items, cursor };
      }
    };
    const first = await drain(null);
    expect(ok(first.items).map((r) => r.provenance.externalId)).not.toContain(id);
    await sim.setScoreState('workout', id, 'SCORED');
    const second = await drain(first.cursor);
    expect(ok(second.items).map((r) => r.provenance.externalId)).toContain(id);
    expect((await drain(second.cursor)).items).toEqual([]);
  });

  it('verifies signed dashboard webhooks and decodes updated/deleted events', () => {
    const verifier = bundle.webhooks!;
    const body = new TextEncoder().encode(
      '{"user_id":10129,"id":"ecfc6a15","type":"recovery.updated","trace_id":"t"}',
    );
    const ts = String(Date.now());
    const request = (type: string, timestamp = ts) => {
      const raw = new TextEncoder().encode(new TextDecoder().decode(body).replace('recovery.updated', type));
      return {
        method: 'POST' as const,
        query: {},
        headers: {
          'x-whoop-signature': whoopSignature(client.clientSecret, timestamp, raw),
          'x-whoop-signature-timestamp': timestamp,
        },
        rawBody: raw,
      };
    };
    expect(verifier.verify(request('recovery.updated'))).toEqual({
      kind: 'events',
      events: [
        { externalUserId: '10129', dataType: 'daily_activity', action: 'update', objectId: 'ecfc6a15' },
      ],
    });
    expect(verifier.verify(request('sleep.deleted'))).toMatchObject({
      events: [{ dataType: 'sleep', action: 'delete' }],
    });
    expect(verifier.verify(request('workout.updated', String(Date.now() - 3_600_000)))).toMatchObject({
      kind: 'rejected',
    });
  });

  it('refuses writes per item: WHOOP is read-only', async () => {
    const [result] = await bundle.data.write(session, [
      {
        record: {
          type: 'sleep',
          provenance: { provider: 'whoop', externalId: 'x' },
          startTime: '2026-11-01T00:00:00.000Z',
          endTime: '2026-11-01T07:00:00.000Z',
          utcOffsetMinutes: 0,
          stages: [],
        },
        tag: 'sw-1',
      },
    ]);
    expect(result).toMatchObject({ status: 'failed', code: 'SW_ITEM_UNSUPPORTED_TYPE' });
  });
});
