import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, heading, logIn, openSection, PASSWORD } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';
import { seedAccount } from '../testing/seeded-account.js';

/*
 * Journey 5: import history. The seeded rule copies Polar workouts to Strava; Polar answers
 * slowly here (a latency fault), so the import is seen while it runs: the window choice with
 * Polar's history window, the progress bar in days and records, pause and resume (the rule is
 * switched off and on), the end in words, and a second, longer import cancelled half way.
 */
const world = journeyWorld({ polarWorkouts: 6 });

const words = (page: Page) => page.locator('.backfill-words').textContent();
const bar = (page: Page) => page.getByRole('progressbar');

describe('journey 5: import history', { timeout: 240_000 }, () => {
  it('chooses how far back, follows the days and records, pauses, resumes, finishes and cancels', async () => {
    const account = await seedAccount(world.stack, 'history@example.org', PASSWORD);
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await logIn(page, account.email);
    await heading(page, 'Home');

    await openSection(page, 'Rules');
    await page.getByRole('link', { name: 'Import history for Polar → Strava' }).click();
    await heading(page, 'Import history: Polar → Strava');
    const form = page.getByRole('group', { name: 'How far back' });
    expect(await form.textContent()).toContain(
      'Polar gives its whole history; SyncWell imports up to a year at a time.',
    );
    expect(await form.getByRole('radio').count()).toBe(4);
    expect(await form.getByRole('radio', { name: 'The last 30 days' }).isChecked()).toBe(true);
    await expectAccessible(page, 'backfill: choose');

    // Slow Polar down so that the import is still running when the person acts on it.
    world.stack.polar.faults.set({ latencyMs: 600 });
    await page.getByRole('button', { name: 'Start import' }).click();
    await expect.poll(() => words(page)).toMatch(/^Importing: \d+ of 3[01] days read, \d+ records? copied/);
    expect(Number(await bar(page).getAttribute('max'))).toBeGreaterThanOrEqual(30);
    await expectAccessible(page, 'backfill: running');

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => words(page)).toMatch(/^Paused after \d+ of 3[01] days: the rule is switched off/);
    const pausedAt = Number(await bar(page).getAttribute('value'));
    await page.getByRole('button', { name: 'Resume' }).click();

    await expect
      .poll(() => words(page), { timeout: 90_000 })
      .toMatch(/^Finished: all 3[01] days read, \d+ records? copied/);
    expect(Number(await bar(page).getAttribute('value'))).toBeGreaterThanOrEqual(pausedAt);
    expect(await bar(page).getAttribute('value')).toBe(await bar(page).getAttribute('max'));
    expect(await page.getByRole('heading', { name: 'Last import' }).isVisible()).toBe(true);

    // A year this time, cancelled once it has started.
    await page.getByRole('radio', { name: 'The last year' }).check();
    await page.getByRole('button', { name: 'Start another import' }).click();
    await expect.poll(() => words(page)).toMatch(/^Importing: \d+ of 36[56] days read/);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect
      .poll(() => words(page))
      .toMatch(/^Cancelled after \d+ of 36[56] days\. What was copied stays: \d+ records? copied/);
    const cancelledAt = Number(await bar(page).getAttribute('value'));
    expect(cancelledAt).toBeLessThan(365);
    world.stack.polar.faults.clear();

    // The rule is on again (resumed), and a reload finds the last import.
    await page.reload();
    await heading(page, 'Import history: Polar → Strava');
    await expect.poll(() => words(page)).toMatch(/^Cancelled after/);
    await openSection(page, 'Rules');
    expect(await page.locator('.cards > li').first().textContent()).toContain('On');
    await context.close();
  });
});
