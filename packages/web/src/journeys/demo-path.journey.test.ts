import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, heading, openSection, signUp, throughConsent } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';

/*
 * The first-run path a new person clicks through, in Chromium against the embedded stack and
 * the Polar and Strava simulators: sign up → connect Polar → connect Strava → rule → sync now →
 * the workouts arrive at Strava. Along the way journeys 2 (connect, a refused consent, a
 * connection that needs the user), 3 (rules: only what both ends support, duplicates refused,
 * edit) and 4 (live status, the result in words, history with reasons, filters).
 * The tests run in order and share one person.
 */
// Slow uploads at the simulated Strava: the run stays "running" long enough to be seen live.
const world = journeyWorld({ polarWorkouts: 3, stravaUploadProcessingMs: 400 });
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await openContext(world.browser);
  page = await context.newPage();
});
afterAll(async () => {
  await context.close();
});

const statusText = () => page.getByRole('status').first().textContent();

describe('the demo path', { timeout: 120_000 }, () => {
  it('signs up and lands on a checklist for the first sync', async () => {
    await page.goto(world.stack.url);
    await signUp(page, 'first-run@example.org');
    await expect.poll(() => page.getByRole('heading', { name: 'Get started' }).isVisible()).toBe(true);
    await expectAccessible(page, 'home, empty');
  });

  it('journey 2: shows the catalogue and connects Polar through its consent page', async () => {
    await openSection(page, 'Connections');
    await heading(page, 'Connections');
    const polarCard = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Polar' }) });
    await expect.poll(() => polarCard.textContent()).toContain('SharesWorkouts');
    expect(await polarCard.textContent()).toContain('Nothing: SyncWell can only read from it');
    const stravaCard = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Strava' }) });
    expect(await stravaCard.textContent()).toContain('AcceptsWorkouts');
    await throughConsent(page, 'Connect Polar');
    await expect.poll(statusText).toBe('Polar is connected.');
  });

  it('journey 2: says so when consent is refused at Strava, then connects it', async () => {
    await throughConsent(page, 'Connect Strava', 'deny');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Strava was not connected. You did not allow access, so nothing was connected.');
    await throughConsent(page, 'Connect Strava');
    await expect.poll(statusText).toBe('Strava is connected.');
    await expectAccessible(page, 'connections');
  });

  it('journey 3: offers only what both ends support, explains the rest, and creates the rule', async () => {
    await openSection(page, 'Rules');
    await page.getByRole('link', { name: 'New rule' }).click();
    await heading(page, 'New rule');
    expect(await page.getByLabel('Copy from').inputValue()).not.toBe('');
    expect(await page.getByRole('group', { name: 'What to copy' }).getByRole('checkbox').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Workouts' }).check();
    // Polar shares only workouts, and Strava accepts only workouts: nothing else to explain here.
    await page.getByRole('radio', { name: /Ask me/ }).check();
    await page.getByRole('button', { name: 'Create rule' }).click();
    await heading(page, 'Rules');
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Polar → Strava' }) });
    await expect.poll(() => card.textContent()).toContain('Workouts · Every hour · ask me on a conflict');
  });

  it('journey 3: refuses a second rule that would copy the same data again', async () => {
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByRole('checkbox', { name: 'Workouts' }).check();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('You already have a rule “Polar → Strava” copying workouts');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await heading(page, 'New rule');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await heading(page, 'Rules');
    expect(await page.getByRole('heading', { name: 'Polar → Strava' }).count()).toBe(1);
  });

  it('journey 4: "Sync now" shows the run live, then the result in plain words', async () => {
    await openSection(page, 'Home');
    await heading(page, 'Home');
    // Record every state the live status region goes through.
    await page.evaluate(`(() => {
      window.__statuses = [];
      new MutationObserver(() => {
        const badge = document.querySelector('.sync-status .badge');
        const text = badge && badge.textContent;
        if (text && window.__statuses[window.__statuses.length - 1] !== text) window.__statuses.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.getByRole('button', { name: 'Sync Polar → Strava now' }).click();
    await page.getByRole('link', { name: 'See every item' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.sync-status').textContent()).toBe('Done 3 found, 3 copied. See every item');
    const statuses = await page.evaluate<string[]>('window.__statuses');
    expect(statuses[0]).toBe('Waiting to start');
    expect(statuses).toContain('Syncing');
    expect(statuses.at(-1)).toBe('Done');
  });

  it('the demo: the Strava simulator’s page, linked from the app, lists the workouts it received', async () => {
    const [strava] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'What the Strava simulator received' }).click(),
    ]);
    await strava.waitForLoadState();
    expect(await strava.getByRole('table').getByRole('caption').textContent()).toBe(
      '3 received, newest first',
    );
    await strava.close();
  });

  it('journey 4: the run history explains every item and filters by outcome', async () => {
    await page.getByRole('link', { name: 'See every item' }).click();
    await heading(page, 'Polar → Strava');
    const items = page.locator('.items > li');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.first().textContent()).toContain('Copied · WorkoutsIt is now at the destination.');
    await page.getByRole('link', { name: 'All activity' }).click();
    await heading(page, 'Activity');
    await expect.poll(() => page.locator('.cards > li').count()).toBe(1);
    await page.getByLabel('Outcome').selectOption('failed');
    await expect.poll(() => page.getByText('No runs match these filters.').isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe('?status=failed');
    await page.getByLabel('Outcome').selectOption('succeeded');
    await expect.poll(() => page.locator('.cards > li').count()).toBe(1);
    await expectAccessible(page, 'activity, filtered');
  });

  it('journey 2: a connection that needs the person stands out, with a one-click reconnect', async () => {
    // Polar refuses the token once: the next sync learns it and marks the connection.
    world.stack.polar.failNext(1, 401);
    await openSection(page, 'Rules');
    await heading(page, 'Rules');
    await page.getByRole('button', { name: 'Sync Polar → Strava now' }).click();
    await expect
      .poll(() => page.locator('.sync-status .badge').textContent(), { timeout: 60_000 })
      .toBe('Failed');
    await openSection(page, 'Home');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'reconnect' }).textContent())
      .toBe('Polar needs you to reconnect. Reconnect');
    await openSection(page, 'Connections');
    const needsYou = page.getByRole('region', { name: 'Needs you' });
    await expect.poll(() => needsYou.textContent()).toContain('Polar no longer accepts SyncWell’s access.');
    await expectAccessible(page, 'connections, one needing the person');
    await throughConsent(page, 'Reconnect Polar');
    await expect.poll(statusText).toBe('Polar is connected.');
    expect(await page.getByRole('heading', { name: 'Needs you' }).count()).toBe(0);
  });

  // Last: a paused rule refuses "Sync now" (SW_RULE_DISABLED), which the journeys above need.
  it('journey 3: edits the rule (schedule, paused) and keeps it', async () => {
    await openSection(page, 'Rules');
    await page.getByRole('link', { name: 'Edit Polar → Strava' }).click();
    await heading(page, 'Edit rule');
    await page.getByLabel('How often').selectOption({ label: 'Every 6 hours' });
    await page.getByRole('checkbox', { name: /^On: sync on this schedule/ }).uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await heading(page, 'Rules');
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Polar → Strava' }) });
    await expect.poll(() => card.textContent()).toContain('Paused');
    expect(await card.textContent()).toContain('Only when you ask');
  });
});
