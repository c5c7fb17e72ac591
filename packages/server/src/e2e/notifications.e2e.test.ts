import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoFlow, startNotificationServices, type NotificationServices } from '@syncwell/devstack';
import type { SyncWellApiClient } from '../client/api-client.js';
import { startSpineStack, type SpineStack } from './spine-stack.js';

/**
 * Issue 11's "done when": a connection that really loses its authorization (the athlete revokes
 * SyncWell at Strava) produces exactly one push on each channel the user enabled, delivered over
 * each service's own protocol to the testbed's servers, however many syncs fail afterwards.
 */
describe('notifications end to end: a revoked Strava authorization', () => {
  let services: NotificationServices;
  let stack: SpineStack;
  let client: SyncWellApiClient;
  let ruleId: string;
  let stravaConnectionId: string;
  let webSubscription: ReturnType<NotificationServices['webPush']['subscribe']>;
  let apnsToken: string;
  let fcmToken: string;

  beforeAll(async () => {
    services = await startNotificationServices();
    stack = await startSpineStack({ env: services.env, notificationTickMs: 50 });
    const demo = await runDemoFlow(stack.syncwell.url);
    client = demo.client;
    ruleId = demo.ruleId;
    stravaConnectionId = demo.stravaConnectionId;
    webSubscription = services.webPush.subscribe(services.vapid.publicKey);
    apnsToken = services.apns.registerDevice();
    fcmToken = services.fcm.registerDevice();
    await client.call('POST', '/v1/push-subscriptions', { channel: 'web_push', ...webSubscription });
    await client.call('POST', '/v1/push-subscriptions', { channel: 'apns', token: apnsToken });
    await client.call('POST', '/v1/push-subscriptions', { channel: 'fcm', token: fcmToken });
    // The user wants no email about re-authorisation; everything else stays on.
    await client.call('PUT', '/v1/notification-preferences', {
      kinds: { connection_needs_reauth: { email: false } },
    });
  }, 90_000);
  afterAll(async () => {
    await stack.stop();
    await services.close();
  }, 60_000);

  async function revokeAtStrava(): Promise<void> {
    const connection = await stack.syncwell.store.getConnection(stravaConnectionId);
    const tokens = JSON.parse(stack.syncwell.vault.open(connection!.tokensSealed, stravaConnectionId)) as {
      accessToken: string;
    };
    const basic = Buffer.from(`${stack.strava.clientId}:strava-demo-secret`).toString('base64');
    const response = await fetch(`${stack.strava.url}/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.accessToken }),
    });
    expect(response.status).toBe(200);
  }

  /** The deliverer drains the outbox on its own timer: wait for what it should have done. */
  async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (await done()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting until ${what}`);
  }

  const deliveredEverywhere = () =>
    until('every enabled channel received a notice', () =>
      [services.webPush, services.apns, services.fcm, services.webhook].every(
        (s) => s.received().length >= 1,
      ),
    );

  it('pushes once on every enabled channel, with the reason and a reconnect link, and never repeats', async () => {
    await revokeAtStrava();
    const polarAthlete = stack.polar.athletes[0]!.id;
    await stack.polar.addExercise(polarAthlete);
    const first = await client.syncAndWait(ruleId);
    expect(first.status).toBe('failed');
    const { connection } = await client.call<{ connection: { status: string } }>(
      'GET',
      `/v1/connections/${stravaConnectionId}`,
    );
    expect(connection.status).toBe('needs_reauth');
    await deliveredEverywhere();

    // More failing syncs: nothing new to say.
    await stack.polar.addExercise(polarAthlete);
    await client.syncAndWait(ruleId).catch(() => undefined);
    await client.syncAndWait(ruleId).catch(() => undefined);
    // Anything those failures had queued would be due now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.syncwell.notifications.deliverer.drain();

    const link = `${stack.syncwell.url}/connections?reconnect=${stravaConnectionId}`;
    expect(services.webPush.received()).toHaveLength(1);
    const web = JSON.parse(services.webPush.received()[0]!.payload) as Record<string, string>;
    expect(web).toMatchObject({
      kind: 'connection_needs_reauth',
      title: 'Strava needs you to sign in again',
      url: link,
    });

    expect(services.apns.received()).toHaveLength(1);
    expect(services.apns.received()[0]).toMatchObject({
      deviceToken: apnsToken,
      topic: 'org.syncwell.app',
      payload: { aps: { alert: { title: 'Strava needs you to sign in again' } }, url: link },
    });
    expect(services.fcm.received()).toHaveLength(1);
    expect(services.fcm.received()[0]).toMatchObject({ token: fcmToken, data: { url: link } });
    expect(services.webhook.received()).toHaveLength(1);
    expect(services.webhook.received()[0]?.body).toMatchObject({
      type: 'notification.connection_needs_reauth',
    });
    expect(services.smtp.received()).toHaveLength(0); // switched off by the user

    // The reason in plain words, and no health value: only the notice's fixed fields.
    expect(web.body).toContain('Reconnect it to carry on');
    expect(Object.keys(web).sort()).toEqual(['body', 'code', 'connectionId', 'kind', 'title', 'url'].sort());
    const inbox = await client.call<{ notifications: { kind: string }[] }>('GET', '/v1/notifications');
    expect(inbox.notifications.filter((n) => n.kind === 'connection_needs_reauth')).toHaveLength(1);
  }, 90_000);

  it('removes a device token APNs reports Unregistered, after which nothing goes to it', async () => {
    services.apns.uninstall(apnsToken);
    const other = await client.call<{ subscriptions: { channel: string }[] }>(
      'GET',
      '/v1/push-subscriptions',
    );
    expect(other.subscriptions.map((s) => s.channel)).toContain('apns');
    // The weekly summary is news of its own; it reaches the uninstalled phone's token once.
    await stack.syncwell.notifications.notifier.notify({
      userId: (await stack.syncwell.store.getConnection(stravaConnectionId))!.userId,
      kind: 'weekly_summary',
      code: 'SW_INSIGHTS_SUMMARY_READY',
    });
    await until('the weekly summary reached the browser', () => services.webPush.received().length === 2);
    await until('the dead token is gone', async () => {
      const listed = await client.call<{ subscriptions: { channel: string }[] }>(
        'GET',
        '/v1/push-subscriptions',
      );
      return !listed.subscriptions.some((s) => s.channel === 'apns');
    });
    const after = await client.call<{ subscriptions: { channel: string }[] }>(
      'GET',
      '/v1/push-subscriptions',
    );
    expect(after.subscriptions.map((s) => s.channel).sort()).toEqual(['fcm', 'web_push']);
    expect(services.apns.received()).toHaveLength(1);
    expect(services.webPush.received()).toHaveLength(2);
  }, 60_000);
});
