import { describe, expect, it } from 'vitest';
import { heading, openSection, signUp } from '../testing/app-driver.js';
import { openContext } from '../testing/browser-session.js';
import { journeyWorld } from '../testing/journey-setup.js';

/* The progressive web app: installable, opens offline, and never keeps API answers. */
const world = journeyWorld();

const CACHED_URLS = `(async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push(request.url);
  }
  return urls;
})()`;

describe('the app as a PWA', { timeout: 120_000 }, () => {
  it('serves the shell offline from its service worker and caches no API response', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    await heading(page, 'Log in');
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await expect
      .poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 })
      .toBe(true);

    // Use the app: every screen asks the API for the person's data.
    await signUp(page, 'offline@example.org');
    for (const section of ['Connections', 'Rules', 'Activity', 'Conflicts', 'Home']) {
      await openSection(page, section);
      await heading(page, section);
    }
    await page
      .getByRole('banner')
      .getByRole('link', { name: /^Inbox/ })
      .click();
    await heading(page, 'Inbox');
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await heading(page, 'Notification settings');
    await page.waitForLoadState('networkidle');
    // Workbox keys revisioned entries with a query (?__WB_REVISION__=…): compare paths.
    const cached = (await page.evaluate<string[]>(CACHED_URLS)).map((url) => new URL(url).pathname);
    expect(cached).toContain('/index.html');
    // The worker's Web Push add-on (importScripts) is part of the shell.
    expect(cached).toContain('/push-sw.js');
    expect(cached.some((path) => /^\/assets\/index-[\w-]+\.js$/.test(path))).toBe(true);
    expect(cached.filter((path) => path.startsWith('/v1/'))).toEqual([]);

    await context.setOffline(true);
    await page.goto(`${world.stack.url}/rules`);
    await heading(page, 'Log in');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'offline' }).textContent())
      .toBe('You are offline. SyncWell shows your data again when you are back online.');
    await context.close();
  });

  it('links a manifest whose icons the server serves', async () => {
    const context = await openContext(world.browser);
    const page = await context.newPage();
    await page.goto(world.stack.url);
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBe('/manifest.webmanifest');
    const manifest = (await (await page.request.get(`${world.stack.url}${href ?? ''}`)).json()) as {
      icons: { src: string; type: string }[];
    };
    for (const icon of manifest.icons) {
      const response = await page.request.get(`${world.stack.url}${icon.src}`);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()['content-type'], icon.src).toContain(icon.type);
    }
    await context.close();
  });
});
