import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './accessibility.js';

export const PASSWORD = 'correct horse battery staple';

/** Fills the sign-up form as a person would (labels, not selectors) and waits for Home. */
export async function signUp(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
}

export async function logIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Goes to a section through the tab bar. */
export async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
}

/** axe: no serious or critical violation on the page as it stands. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousA11yViolations(page), where).toEqual([]);
}

/**
 * Presses a Connect/Reconnect button, answers the simulator's consent page (its shared
 * `form#consent` with allow and deny buttons) and waits to be back on the app's Connections page.
 */
export async function throughConsent(
  page: Page,
  button: string,
  decision: 'allow' | 'deny' = 'allow',
): Promise<void> {
  const app = new URL(page.url()).origin;
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((url) => url.origin !== app);
  await page.locator(`form#consent button[value="${decision}"]`).click();
  await page.waitForURL((url) => url.origin === app && url.pathname === '/connections');
  await heading(page, 'Connections');
}

/** The text of the element that has the keyboard focus. */
export async function focusedText(page: Page): Promise<string | null> {
  return page.evaluate<string | null>('document.activeElement?.textContent ?? null');
}
