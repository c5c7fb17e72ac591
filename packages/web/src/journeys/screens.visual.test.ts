import { SyncWellApiClient } from '@syncwell/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../testing/accessibility.js';
import { heading, logIn, PASSWORD } from '../testing/app-driver.js';
import { DESKTOP, openContext, openPage, PHONE } from '../testing/browser-session.js';
import { launchChromium } from '../testing/chromium.js';
import { checkScreenshot } from '../testing/screenshots.js';
import { seedAccount, type SeededAccount } from '../testing/seeded-account.js';
import { startWebStack, type WebStack } from '../testing/web-stack.js';

/*
 * Every key screen at a phone and a desktop size: compared with its committed baseline
 * (packages/web/screenshots, `npm run test:update-screenshots` renews them) and checked by axe
 * (WCAG 2.x A/AA, colour contrast included) for serious or critical violations.
 */
let stack: WebStack;
let browser: Browser;
let account: SeededAccount;
/** A troubleshooter conversation of the seeded account: its conflict is waiting (a deterministic diagnosis). */
let conversationId: string;

beforeAll(async () => {
  // Notifications on: the settings screen shows every channel, and the seeded conflict is in the inbox.
  [stack, browser] = await Promise.all([startWebStack({ notifications: true }), launchChromium()]);
  account = await seedAccount(stack, 'visual@example.org', PASSWORD);
  const client = new SyncWellApiClient(stack.url);
  await client.logIn(account.email, account.password);
  const { conversation } = await client.call<{ conversation: { id: string } }>(
    'POST',
    '/v1/insights/troubleshooter',
    { message: 'My workouts are not showing up in Strava' },
  );
  conversationId = conversation.id;
}, 120_000);
afterAll(async () => {
  await browser.close();
  await stack.stop();
});

interface Screen {
  readonly name: string;
  readonly path: (account: SeededAccount) => string;
  readonly heading: string | RegExp;
  readonly signedIn: boolean;
}

const SCREENS: readonly Screen[] = [
  { name: 'log-in', path: () => '/', heading: 'Log in', signedIn: false },
  { name: 'sign-up', path: () => '/signup', heading: 'Create your account', signedIn: false },
  { name: 'home', path: () => '/', heading: 'Home', signedIn: true },
  { name: 'connections', path: () => '/connections', heading: 'Connections', signedIn: true },
  { name: 'rules', path: () => '/rules', heading: 'Rules', signedIn: true },
  { name: 'rule-edit', path: (a) => `/rules/${a.ruleId}`, heading: 'Edit rule', signedIn: true },
  { name: 'rule-new', path: () => '/rules/new', heading: 'New rule', signedIn: true },
  { name: 'activity', path: () => '/runs', heading: 'Activity', signedIn: true },
  { name: 'run', path: (a) => `/runs/${a.run.id}`, heading: 'Polar → Strava', signedIn: true },
  { name: 'conflicts', path: () => '/conflicts', heading: 'Conflicts', signedIn: true },
  { name: 'conflict', path: (a) => `/conflicts/${a.conflictId}`, heading: /which version/, signedIn: true },
  {
    name: 'backfill',
    path: (a) => `/rules/${a.ruleId}/backfill`,
    heading: 'Import history: Polar → Strava',
    signedIn: true,
  },
  { name: 'insights', path: () => '/insights', heading: 'Your week', signedIn: true },
  { name: 'troubleshooter', path: () => '/insights/help', heading: 'Troubleshooter', signedIn: true },
  {
    name: 'troubleshooter-diagnosis',
    path: () => `/insights/help/${conversationId}`,
    heading: 'Troubleshooter',
    signedIn: true,
  },
  { name: 'account', path: () => '/account', heading: 'Account', signedIn: true },
  { name: 'inbox', path: () => '/notifications', heading: 'Inbox', signedIn: true },
  {
    name: 'notification-settings',
    path: () => '/notifications/settings',
    heading: 'Notification settings',
    signedIn: true,
  },
];

async function showScreen(context: BrowserContext, screen: Screen): Promise<Page> {
  const page = await openPage(context, `${stack.url}${screen.path(account)}`);
  await heading(page, screen.heading);
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByText(/^Loading /).count()).toBe(0);
  return page;
}

for (const [size, viewport] of [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const) {
  describe(`every screen on a ${size} (${viewport.width}×${viewport.height})`, { timeout: 120_000 }, () => {
    let signedOut: BrowserContext;
    let signedIn: BrowserContext;
    beforeAll(async () => {
      signedOut = await openContext(browser, viewport);
      signedIn = await openContext(browser, viewport);
      const page = await openPage(signedIn, stack.url);
      await logIn(page, account.email, account.password);
      await heading(page, 'Home');
      await page.close();
    }, 60_000);
    afterAll(async () => {
      await signedOut.close();
      await signedIn.close();
    });

    for (const screen of SCREENS) {
      it(`${screen.name}: matches its screenshot and axe finds nothing serious`, async () => {
        const page = await showScreen(screen.signedIn ? signedIn : signedOut, screen);
        await checkScreenshot(page, `${screen.name}-${size}`);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await page.close();
      });
    }
  });
}
