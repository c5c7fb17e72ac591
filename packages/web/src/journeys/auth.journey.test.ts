import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectAccessible,
  focusedText,
  heading,
  logIn,
  openSection,
  PASSWORD,
  signUp,
} from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';

/*
 * Journey 1 in Chromium against the embedded stack: sign up, log out, log in, the clear errors,
 * the session surviving a reload and refreshing in the background, keyboard-only use.
 */
const world = journeyWorld();

describe('journey 1: account and session', () => {
  it('signs up, logs out, logs back in, and stays logged in across a reload (cookie, not storage)', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await heading(page, 'Log in');
    await signUp(page, 'ada@example.org');
    await expect.poll(() => page.getByText('Get started').isVisible()).toBe(true);

    await page.reload();
    await heading(page, 'Home');
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'sw_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/v1/sessions/cookie' });
    const storage = await page.evaluate(
      '({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) })',
    );
    expect(storage).toEqual({ local: [], session: [] });

    await page.getByRole('button', { name: 'Log out' }).click();
    await heading(page, 'Log in');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('You are logged out.');
    await page.reload();
    await heading(page, 'Log in');
    await logIn(page, 'ada@example.org');
    await heading(page, 'Home');
    await context.close();
  });

  it('says clearly when the password is wrong or the email is taken', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await signUp(page, 'grace@example.org');
    await page.getByRole('button', { name: 'Log out' }).click();

    await logIn(page, 'grace@example.org', 'not the password at all');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That email and password do not match an account. Check both and try again.');
    await expectAccessible(page, 'log in with an error');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill('grace@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('An account with this email already exists. Log in instead, or use another email.');

    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByText('Use at least 10 characters.').isVisible()).toBe(true);
    await expectAccessible(page, 'sign up with errors');
    await context.close();
  });

  it('says "too many attempts" when the server throttles (429 with Retry-After)', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    // The API's own login throttle lands separately; this pins what the app shows for its 429.
    await page.route('**/v1/sessions/cookie', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '120' },
        json: { code: 'SW_RATE_LIMITED', message: 'Too many requests.', details: {} },
      }),
    );
    await page.goto(world.stack.url);
    await logIn(page, 'someone@example.org');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Too many attempts. Please wait 2 minutes before trying again.');
    await context.close();
  });

  it('refreshes the session in the background before the access token expires', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(world.stack.url);
    await signUp(page, 'katherine@example.org');
    const tokens: string[] = [];
    page.on('request', (request: Request) => {
      const auth = request.headers().authorization;
      if (auth !== undefined && request.url().includes('/v1/')) tokens.push(auth);
    });
    const refreshed = page.waitForResponse(
      (response) => response.url().endsWith('/v1/sessions/cookie/refresh') && response.status() === 200,
    );
    await openSection(page, 'Rules');
    await heading(page, 'Rules');
    // 80 % of the 15-minute access token: the app renews it on its own.
    await page.clock.runFor(13 * 60_000);
    await refreshed;
    await openSection(page, 'Connections');
    await heading(page, 'Connections');
    await expect.poll(() => new Set(tokens).size).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByRole('heading', { name: 'Add a connection' }).isVisible()).toBe(true);
    await context.close();
  });

  it('works from the keyboard alone', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await heading(page, 'Log in');
    // Tab order: skip link is absent when signed out; email, password, log in, create account.
    await page.keyboard.press('Tab');
    await page.keyboard.type('margaret@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Create an account');
    await page.keyboard.press('Enter');
    await heading(page, 'Create your account');
    await page.keyboard.press('Tab');
    await page.keyboard.type('margaret@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Home');
    // A new screen puts the focus on its heading, so the next Tab is in the new content.
    expect(await focusedText(page)).toBe('Home');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.closest('main') !== null")).toBe(true);
    await context.close();
  });
});
