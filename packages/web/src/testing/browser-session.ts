import type { Browser, BrowserContext, Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

/**
 * A fresh browser context (own cookies, storage and service workers) set up for repeatable
 * pictures: fixed locale and time zone, reduced motion, light scheme, device scale 1.
 */
export async function openContext(
  browser: Browser,
  viewport: { width: number; height: number } = PHONE,
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    colorScheme: 'light',
  });
}

/** The moment the app believes it is in screenshot tests (Date.now; timers keep running). */
export const PINNED_NOW = new Date('2026-06-01T09:00:00Z');

export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.clock.setFixedTime(PINNED_NOW);
  await page.goto(url);
  return page;
}
