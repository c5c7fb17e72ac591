import { SyncWellApiClient } from '@syncwell/server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, heading, logIn, PASSWORD, throughConsent } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';
import { deliverPush, standInForPushService } from '../testing/push-stand-in.js';
import { seedAccount, type SeededAccount } from '../testing/seeded-account.js';

/*
 * Journey 7: a person turns on browser notifications (the browser's permission, the service
 * worker's subscription with SyncWell's VAPID key), then Strava really loses SyncWell's access
 * (the athlete revokes it at the simulator) and the next sync finds out: the inbox says so in
 * plain words with a reconnect link, the badge counts it, and the testbed Web Push service
 * receives it VAPID-signed and decrypts it. Then preferences and quiet hours, and turning off.
 */
const world = journeyWorld({ polarWorkouts: 3, notifications: true });
let context: BrowserContext;
let page: Page;
let account: SeededAccount;
const client = () => {
  const api = new SyncWellApiClient(world.stack.url);
  return api.logIn(account.email, account.password).then(() => api);
};
const webPush = () => {
  if (world.stack.notifications === null) throw new Error('the stack was started without notifications');
  return world.stack.notifications.webPush;
};
const inboxLink = () => page.getByRole('banner').getByRole('link', { name: /^Inbox/ });

beforeAll(async () => {
  account = await seedAccount(world.stack, 'notified@example.org', PASSWORD);
  context = await openContext(world.browser);
  await context.grantPermissions(['notifications'], { origin: world.stack.url });
  await standInForPushService(context, webPush());
  page = await context.newPage();
  await page.goto(world.stack.url);
  await logIn(page, account.email, account.password);
  await heading(page, 'Home');
}, 120_000);
afterAll(async () => {
  await context.close();
});

describe('journey 7: notifications', { timeout: 120_000 }, () => {
  it('turns on notifications in this browser: permission, subscription with the VAPID key, registered', async () => {
    await inboxLink().click();
    await heading(page, 'Inbox');
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await heading(page, 'Notification settings');
    const card = page.getByRole('region', { name: 'Notifications in this browser' });
    await expect.poll(() => card.textContent()).toContain('Off. Turning them on asks your browser');
    await card.getByRole('button', { name: 'Turn on in this browser' }).click();
    await expect
      .poll(() => card.getByRole('status').textContent())
      .toBe('This browser now shows SyncWell’s notifications.');
    expect(await card.textContent()).toContain('On: notices also appear as notifications in this browser.');
    expect(await page.evaluate<string>('Notification.permission')).toBe('granted');
    const targets = await (
      await client()
    ).call<{ subscriptions: { channel: string }[] }>('GET', '/v1/push-subscriptions');
    expect(targets.subscriptions.map((s) => s.channel)).toEqual(['web_push']);
    await expectAccessible(page, 'notification settings');
  });

  it('a revoked Strava: the inbox item in plain words, the badge, and the push decrypted at the testbed', async () => {
    const api = await client();
    const { connections } = await api.call<{ connections: { id: string; provider: string }[] }>(
      'GET',
      '/v1/connections',
    );
    const strava = connections.find((c) => c.provider === 'strava');
    expect(strava).toBeDefined();
    // The athlete withdraws SyncWell's access on strava.com; a new Polar workout needs copying.
    expect(world.stack.strava.revokeAccess(world.stack.strava.athletes[0]?.id ?? 0)).toBe(true);
    await world.stack.polar.addExercise(world.stack.polar.athletes[0]?.id ?? 0);
    await api.syncAndWait(account.ruleId, 60_000);

    const { notifications } = await api.call<{ notifications: { kind: string }[] }>(
      'GET',
      '/v1/notifications?unread=true',
    );
    expect(notifications.map((n) => n.kind)).toContain('connection_needs_reauth');
    await page.reload();
    await heading(page, 'Notification settings');
    await expect
      .poll(() => inboxLink().getAttribute('aria-label'))
      .toBe(`Inbox, ${notifications.length} unread`);
    expect(await inboxLink().locator('.count-badge').textContent()).toBe(String(notifications.length));

    await inboxLink().click();
    await heading(page, 'Inbox');
    const item = page.getByRole('article', { name: 'Unread: Strava needs you to sign in again' });
    await expect
      .poll(() => item.getByRole('paragraph').first().textContent())
      .toBe(
        'SyncWell stopped syncing it: it no longer accepts SyncWell’s access (the permission was withdrawn or has run out). Reconnect it to carry on.',
      );
    const reconnect = item.getByRole('link', { name: 'Reconnect Strava' });
    expect(await reconnect.getAttribute('href')).toBe(`/connections?reconnect=${strava?.id ?? ''}`);
    await expectAccessible(page, 'inbox, unread items');

    // The same notice went out over Web Push: VAPID-checked and decrypted by the testbed service.
    await expect.poll(() => webPush().received().length, { timeout: 30_000 }).toBeGreaterThan(0);
    const pushed = webPush()
      .received()
      .map((r) => ({ ...r, notice: JSON.parse(r.payload) as Record<string, string> }))
      .find((r) => r.notice.kind === 'connection_needs_reauth');
    expect(pushed?.vapidSubject).toBe('mailto:notifications@syncwell.test');
    expect(pushed?.notice).toMatchObject({
      kind: 'connection_needs_reauth',
      code: 'SW_PROVIDER_AUTH_REVOKED',
      title: 'Strava needs you to sign in again',
      url: `${world.stack.url}/connections?reconnect=${strava?.id ?? ''}`,
    });

    // The browser's push event: the service worker shows it as a notification.
    await deliverPush(page, pushed?.payload ?? '');
    await expect
      .poll(() =>
        page.evaluate<string[]>(
          `navigator.serviceWorker.ready
            .then((registration) => registration.getNotifications())
            .then((shown) => shown.map((n) => n.title + ': ' + n.body))`,
        ),
      )
      .toContain(
        "Strava needs you to sign in again: SyncWell stopped syncing it: it no longer accepts SyncWell's access (the permission was withdrawn or has run out). Reconnect it to carry on.",
      );
  });

  it('the reconnect link marks the item read and leads to the reconnection', async () => {
    const before = Number(await inboxLink().locator('.count-badge').textContent());
    await page
      .getByRole('article', { name: 'Unread: Strava needs you to sign in again' })
      .getByRole('link', { name: 'Reconnect Strava' })
      .click();
    await heading(page, 'Connections');
    await expect
      .poll(() => inboxLink().getAttribute('aria-label'))
      .toBe(before - 1 === 0 ? 'Inbox' : `Inbox, ${before - 1} unread`);
    await throughConsent(page, 'Reconnect Strava');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Strava is connected.');
    await inboxLink().click();
    await heading(page, 'Inbox');
    expect(await page.getByRole('article', { name: 'Strava needs you to sign in again' }).count()).toBe(1);
    if (before - 1 > 0) {
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await expect.poll(() => page.getByText('Nothing unread.').count()).toBe(1);
    }
    expect(await inboxLink().getAttribute('aria-label')).toBe('Inbox');
  });

  it('saves preferences per kind and channel and quiet hours in a zone, and turns browser notifications off', async () => {
    await page.goto(`${world.stack.url}/notifications/settings`);
    await heading(page, 'Notification settings');
    const conflicts = page.getByRole('group', { name: 'A conflict is waiting for you' });
    // Every outbound channel this server has (all five, wired to the testbed), per kind.
    await expect.poll(() => conflicts.getByRole('checkbox').count()).toBe(5);
    await conflicts.getByLabel('Email').uncheck();
    await page.getByRole('group', { name: 'Your weekly summary is ready' }).getByLabel('Browser').uncheck();
    await page.getByLabel('Hold notifications during quiet hours').check();
    await page.getByLabel('From').fill('22:30');
    await page.getByLabel('Until').fill('06:45');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'saved' }).textContent())
      .toBe('Your notification settings are saved.');
    const api = await client();
    expect(await api.call('GET', '/v1/notification-preferences')).toEqual({
      preferences: {
        kinds: expect.objectContaining({
          conflict_waiting: expect.objectContaining({ email: false }),
          weekly_summary: expect.objectContaining({ web_push: false }),
        }),
        quietHours: { start: '22:30', end: '06:45', timeZone: 'Europe/Berlin' },
      },
    });
    await page.reload();
    await heading(page, 'Notification settings');
    await expect
      .poll(() =>
        page.getByRole('group', { name: 'A conflict is waiting for you' }).getByLabel('Email').isChecked(),
      )
      .toBe(false);
    expect(
      await page
        .getByRole('group', { name: 'A conflict is waiting for you' })
        .getByLabel('Browser')
        .isChecked(),
    ).toBe(true);
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');

    const card = page.getByRole('region', { name: 'Notifications in this browser' });
    await card.getByRole('button', { name: 'Turn off in this browser' }).click();
    await expect
      .poll(() => card.getByRole('status').textContent())
      .toBe('This browser no longer shows them.');
    const targets = await api.call<{ subscriptions: unknown[] }>('GET', '/v1/push-subscriptions');
    expect(targets.subscriptions).toEqual([]);
  });
});
