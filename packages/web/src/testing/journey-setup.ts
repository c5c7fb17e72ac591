import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { startWebStack, type WebStack } from './web-stack.js';

export interface JourneyWorld {
  readonly stack: WebStack;
  readonly browser: Browser;
}

/**
 * One embedded stack and one Chromium for a test file, started before its tests and stopped
 * after. Read the fields inside tests (they are set in `beforeAll`).
 */
export function journeyWorld(options: Parameters<typeof startWebStack>[0] = {}): JourneyWorld {
  const world = {} as { stack: WebStack; browser: Browser };
  beforeAll(async () => {
    [world.stack, world.browser] = await Promise.all([startWebStack(options), launchChromium()]);
  }, 120_000);
  afterAll(async () => {
    await world.browser.close();
    await world.stack.stop();
  });
  return world;
}
