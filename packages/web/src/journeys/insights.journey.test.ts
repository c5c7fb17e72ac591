import { SyncWellApiClient } from '@syncwell/server';
import { describe, expect, it } from 'vitest';
import type { WeeklySummary } from '../app/api/types.js';
import { expectAccessible, heading, logIn, openSection, PASSWORD } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';
import { seedAccount } from '../testing/seeded-account.js';

/*
 * Journey 8: the weekly summary, with charts of the numbers the insights service computed, and
 * the troubleshooter (the deterministic default, no LLM) over the account's real state: a
 * conflict waiting, then, once it is settled, a question with choices and a diagnosis whose
 * action the app carries out.
 */
const world = journeyWorld({ polarWorkouts: 6 });

describe('journey 8: insights', { timeout: 240_000 }, () => {
  it('shows the week in numbers and charts, and troubleshoots to a diagnosis with actions', async () => {
    const account = await seedAccount(world.stack, 'insights@example.org', PASSWORD);
    const client = new SyncWellApiClient(world.stack.url);
    await client.logIn(account.email, account.password);
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await logIn(page, account.email);
    await heading(page, 'Home');

    // The weekly summary: the same numbers the API gives, drawn as labelled SVG charts.
    await openSection(page, 'Insights');
    await heading(page, 'Your week');
    const { summary } = await client.call<{ summary: WeeklySummary }>('GET', '/v1/insights/summaries/latest');
    const { workouts } = summary.aggregates;
    expect(workouts.count, 'the seeded Polar workouts of the last week').toBeGreaterThan(0);
    await expect.poll(() => page.locator('.summary-text').textContent()).toBe(summary.text);
    const workoutsChart = page.getByRole('img', { name: /^Workouts per week:/ });
    expect(await workoutsChart.getAttribute('aria-labelledby')).not.toBeNull();
    expect(await workoutsChart.locator('title').textContent()).toBe(
      `Workouts per week: This week ${workouts.count}; Last week ${workouts.previousCount}.`,
    );
    expect(await workoutsChart.locator('rect').count()).toBe(2);
    const sports = page.getByRole('img', { name: /^Time by sport this week:/ });
    expect(await sports.locator('rect').count()).toBe(workouts.bySport.length);
    // The longest bar is the biggest number: the chart draws the service's figures to scale.
    const widths = await sports
      .locator('rect')
      .evaluateAll((rects: { getAttribute(name: string): string | null }[]) =>
        rects.map((r) => Number(r.getAttribute('width'))),
      );
    const longest = workouts.bySport.reduce(
      (best, s, i) => (s.minutes > workouts.bySport[best]!.minutes ? i : best),
      0,
    );
    expect(Math.max(...widths)).toBe(widths[longest]);
    await expectAccessible(page, 'insights summary');

    // The troubleshooter: a Polar workout is waiting for the person's choice.
    await page.getByRole('link', { name: 'Something not syncing? Ask the troubleshooter' }).click();
    await heading(page, 'Troubleshooter');
    await page.getByLabel('What is wrong?').fill('My Polar workouts are not showing up in Strava');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    const diagnosis = page.locator('.diagnosis');
    await expect
      .poll(() => diagnosis.locator('h2').textContent())
      .toBe('Records are waiting for your choice');
    await expectAccessible(page, 'troubleshooter diagnosis');
    await page.getByRole('button', { name: 'Choose which version to keep' }).click();
    await heading(page, 'Conflicts');

    // Settled (Strava's versions kept, applied by a sync): nothing is wrong, so it asks.
    const open = await client.call<{ conflicts: { id: string }[] }>('GET', '/v1/conflicts?status=open');
    for (const conflict of open.conflicts)
      await client.call('POST', `/v1/conflicts/${conflict.id}/resolve`, { choice: 'destination' });
    await client.syncAndWait(account.ruleId, 60_000);
    await openSection(page, 'Insights');
    await page.getByRole('link', { name: 'Something not syncing? Ask the troubleshooter' }).click();
    await page.getByRole('button', { name: 'My workouts are not showing up' }).click();
    const question = page.getByRole('group', { name: /Can you see the missing data in Polar/ });
    await question.waitFor();
    expect(await question.getByRole('button').allTextContents()).toEqual(['Yes', 'No']);
    await expectAccessible(page, 'troubleshooter question');
    const conversationUrl = page.url();
    await question.getByRole('button', { name: 'Yes' }).click();
    await expect
      .poll(() => diagnosis.locator('h2').textContent())
      .toBe('Nothing is broken; the data has not been synced yet');
    expect(await page.getByRole('list', { name: 'Conversation' }).textContent()).toContain('You: Yes');

    // Its action, carried out by the app with the person's token: a sync, followed to its end.
    await diagnosis.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => diagnosis.getByRole('status').textContent()).toContain('Sync started.');
    await diagnosis.getByRole('link', { name: 'Follow it' }).click();
    await heading(page, 'Polar → Strava');

    // The conversation has its own address: it reads back after a reload.
    await page.goto(conversationUrl);
    await expect
      .poll(() => diagnosis.locator('h2').textContent())
      .toBe('Nothing is broken; the data has not been synced yet');
    expect(await diagnosis.getByRole('link', { name: 'Open the rule' }).getAttribute('href')).toBe(
      `/rules/${account.ruleId}`,
    );
    await context.close();
  });
});
