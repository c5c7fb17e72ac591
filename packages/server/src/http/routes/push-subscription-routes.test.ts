import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { createApiHarness, signUpAndLogIn, type ApiHarness, type SignedInUser } from '../api-test-harness.js';

const vapid = webpush.generateVAPIDKeys();
let h: ApiHarness;
let alice: SignedInUser;
let mallory: SignedInUser;
beforeAll(async () => {
  h = await createApiHarness({
    SYNCWELL_VAPID_PUBLIC_KEY: vapid.publicKey,
    SYNCWELL_VAPID_PRIVATE_KEY: vapid.privateKey,
    SYNCWELL_VAPID_SUBJECT: 'mailto:ops@sync.test',
  });
  alice = await signUpAndLogIn(h.app, 'alice-push@example.org');
  mallory = await signUpAndLogIn(h.app, 'mallory-push@example.org');
});
afterAll(() => h.close());

function browserSubscription() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    channel: 'web_push',
    endpoint: `https://push.example/send/${randomBytes(8).toString('hex')}`,
    keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

const post = (user: SignedInUser, payload: unknown) =>
  h.app.inject({
    method: 'POST',
    url: '/v1/push-subscriptions',
    headers: user.auth,
    payload: payload as object,
  });

describe('/v1/push-subscriptions', () => {
  it('registers Web Push subscriptions and device tokens, lists them without addresses, and tells the VAPID key', async () => {
    const web = await post(alice, browserSubscription());
    expect(web.statusCode).toBe(201);
    const apnsToken = randomBytes(32).toString('hex');
    expect((await post(alice, { channel: 'apns', token: apnsToken })).statusCode).toBe(201);
    expect((await post(alice, { channel: 'fcm', token: `d3v1c3:APA91${'x'.repeat(60)}` })).statusCode).toBe(
      201,
    );

    const listed = await h.app.inject({ method: 'GET', url: '/v1/push-subscriptions', headers: alice.auth });
    const body = listed.json<{
      subscriptions: { channel: string }[];
      channels: string[];
      vapidPublicKey: string;
    }>();
    expect(body.subscriptions.map((s) => s.channel)).toEqual(['web_push', 'apns', 'fcm']);
    expect(body.channels).toEqual(['web_push']);
    expect(body.vapidPublicKey).toBe(vapid.publicKey);
    expect(listed.body).not.toContain(apnsToken);
    const others = await h.app.inject({
      method: 'GET',
      url: '/v1/push-subscriptions',
      headers: mallory.auth,
    });
    expect(others.json<{ subscriptions: unknown[] }>().subscriptions).toEqual([]);
  });

  it('refuses malformed subscriptions with a validation error and stores nothing', async () => {
    const bad = browserSubscription();
    const cases = [
      { ...bad, keys: { ...bad.keys, p256dh: 'AAAA' } },
      { ...bad, endpoint: 'ftp://push.example/x' },
      { channel: 'apns', token: 'not-hex' },
      { channel: 'sms', token: '123' },
    ];
    for (const payload of cases) {
      const res = await post(mallory, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('SW_VALIDATION_FAILED');
    }
    expect(
      await h.store.listPushTargets((await h.store.findUserByEmail('mallory-push@example.org'))!.id),
    ).toEqual([]);
  });

  it('deletes only the caller’s own subscription', async () => {
    const created = (await post(alice, browserSubscription())).json<{ subscription: { id: string } }>();
    const id = created.subscription.id;
    const del = (user: SignedInUser) =>
      h.app.inject({ method: 'DELETE', url: `/v1/push-subscriptions/${id}`, headers: user.auth });
    expect((await del(mallory)).statusCode).toBe(404);
    expect((await del(alice)).statusCode).toBe(204);
    expect((await del(alice)).statusCode).toBe(404);
  });
});

describe('/v1/notification-preferences', () => {
  it('starts all on, switches kinds per channel off, keeps quiet hours, and validates the zone', async () => {
    const get = () =>
      h.app.inject({ method: 'GET', url: '/v1/notification-preferences', headers: alice.auth });
    const initial = (await get()).json<{ preferences: { kinds: Record<string, Record<string, boolean>> } }>();
    expect(initial.preferences.kinds.connection_needs_reauth).toEqual({
      web_push: true,
      apns: true,
      fcm: true,
      email: true,
      webhook: true,
    });
    const put = (payload: object) =>
      h.app.inject({ method: 'PUT', url: '/v1/notification-preferences', headers: alice.auth, payload });
    const saved = await put({
      kinds: { weekly_summary: { email: false, apns: false } },
      quietHours: { start: '22:00', end: '07:30', timeZone: 'Europe/Berlin' },
    });
    expect(saved.statusCode).toBe(200);
    const after = (await get()).json<{
      preferences: { kinds: Record<string, Record<string, boolean>>; quietHours: unknown };
    }>();
    expect(after.preferences.kinds.weekly_summary).toMatchObject({
      email: false,
      apns: false,
      web_push: true,
    });
    expect(after.preferences.quietHours).toEqual({ start: '22:00', end: '07:30', timeZone: 'Europe/Berlin' });

    expect(
      (await put({ quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } })).statusCode,
    ).toBe(400);
    expect((await put({ quietHours: { start: '25:00', end: '07:00', timeZone: 'UTC' } })).statusCode).toBe(
      400,
    );
    // The refused requests changed nothing.
    expect((await get()).json<{ preferences: { quietHours: unknown } }>().preferences.quietHours).toEqual({
      start: '22:00',
      end: '07:30',
      timeZone: 'Europe/Berlin',
    });
  });
});
