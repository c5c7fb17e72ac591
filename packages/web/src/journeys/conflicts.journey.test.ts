import { readConflictMergeModel } from '@syncwell/insights';
import { describe, expect, it } from 'vitest';
import { expectAccessible, heading, logIn, openSection, PASSWORD } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';
import { seedAccount } from '../testing/seeded-account.js';

/*
 * Journey 6: a Polar workout that Strava already holds with another distance, under a rule set
 * to "Ask me". The app shows both versions side by side, read live from both simulators; the
 * choice is applied by the next sync.
 */
const world = journeyWorld();

describe('journey 6: conflicts', { timeout: 180_000 }, () => {
  it('shows both versions live, takes the choice, and the next sync applies it', async () => {
    const account = await seedAccount(world.stack, 'conflicted@example.org', PASSWORD);
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await logIn(page, account.email);
    await heading(page, 'Home');

    await openSection(page, 'Conflicts');
    await heading(page, 'Conflicts');
    await page.getByRole('link', { name: 'Workouts · Polar → Strava' }).click();
    await heading(page, 'Workouts: which version?');
    const table = page.getByRole('table');
    await expect
      .poll(() => table.getByRole('columnheader').allTextContents())
      .toEqual(['Value', 'Polar', 'Strava']);
    const distance = table.getByRole('row').filter({ hasText: 'Distance' });
    const [, polarKm, stravaKm] = await distance
      .getByRole('cell')
      .allTextContents()
      .then((cells) => ['', ...cells]);
    expect(await distance.getByRole('rowheader').textContent()).toBe('Distance (differs)');
    const km = (text: string | undefined) => Number((text ?? '').replace(' km', ''));
    expect(km(stravaKm) / km(polarKm)).toBeCloseTo(1.5, 1);
    // The sport is the same on both sides, and not marked.
    expect(
      await table.getByRole('row').filter({ hasText: 'Sport' }).getByRole('rowheader').textContent(),
    ).toBe('Sport');
    // The suggestion beside both versions comes from the trained conflict-merge model.
    const suggestion = page.getByRole('region', { name: 'Suggestion' });
    await expect
      .poll(() => suggestion.textContent())
      .toContain(`Suggested by the conflict-merge model ${(await readConflictMergeModel()).version}`);
    expect(await suggestion.textContent()).toMatch(/SyncWell suggests you .+ \(\d+ % sure\)/);
    await expectAccessible(page, 'conflict');

    await page.getByRole('button', { name: 'Keep Strava’s version' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Chosen: applied on the next sync (keep strava’s version).');
    expect(
      await page.getByRole('button', { name: 'Keep Strava’s version' }).getAttribute('aria-pressed'),
    ).toBe('true');

    await openSection(page, 'Rules');
    await page.getByRole('button', { name: 'Sync Polar → Strava now' }).click();
    await page.getByRole('link', { name: 'See every item' }).click({ timeout: 60_000 });
    await heading(page, 'Polar → Strava');
    await expect
      .poll(() => page.locator('.items > li').first().textContent())
      .toContain('Kept the destination’s version');

    await openSection(page, 'Conflicts');
    await expect.poll(() => page.getByText('Nothing here.').isVisible()).toBe(true);
    await page.getByLabel('Show').selectOption('applied');
    await expect.poll(() => page.locator('.cards > li').textContent()).toContain('Settled');
    await context.close();
  });
});
