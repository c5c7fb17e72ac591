import { describe, expect, it } from 'vitest';
import { expectAccessible, heading, logIn, PASSWORD } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';
import { seedAccount } from '../testing/seeded-account.js';

/*
 * Journey 9, deleting the account (export comes with its API): the person confirms by typing
 * their email, the app ends the session and says so, and everything is gone: logging in again
 * is refused as an unknown account, and the providers' grants were handed back.
 */
const world = journeyWorld();

describe('journey 9: delete my account', { timeout: 180_000 }, () => {
  it('asks for the email, deletes everything, logs out, and the account no longer exists', async () => {
    const account = await seedAccount(world.stack, 'leaving@example.org', PASSWORD);
    const polarAthlete = world.stack.polar.athletes[0]?.id ?? 0;
    expect(world.stack.polar.isRegistered(polarAthlete)).toBe(true);
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await logIn(page, account.email);
    await heading(page, 'Home');

    await page.getByRole('link', { name: 'Account' }).click();
    await heading(page, 'Account');
    expect(await page.locator('.facts dd').first().textContent()).toBe(account.email);
    const remove = page.getByRole('button', { name: 'Delete my account and everything in it' });
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel('Type your email to confirm').fill('someone-else@example.org');
    expect(await remove.isDisabled()).toBe(true);
    await expectAccessible(page, 'account');
    await page.getByLabel('Type your email to confirm').fill(account.email.toUpperCase());
    expect(await remove.isDisabled()).toBe(false);
    await remove.click();

    await heading(page, 'Log in');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByRole('status').first().textContent()).toBe(
      'Your account was deleted, with everything SyncWell held for it.',
    );
    // Polar was told: SyncWell's registration of the athlete is gone.
    expect(world.stack.polar.isRegistered(polarAthlete)).toBe(false);

    // A reload does not bring the session back, and the account is unknown.
    await page.reload();
    await heading(page, 'Log in');
    await logIn(page, account.email);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That email and password do not match an account. Check both and try again.');
    await context.close();
  });
});
