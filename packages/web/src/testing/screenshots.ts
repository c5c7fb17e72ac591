import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { WEB_ROOT } from './web-build.js';

/** Committed baselines: packages/web/screenshots/<name>.png. */
export const BASELINE_DIR = join(WEB_ROOT, 'screenshots');
/** Failed comparisons leave the actual and the diff here (ignored by git). */
export const FAILURE_DIR = join(WEB_ROOT, '.screenshot-failures');

/**
 * Tolerance. Per pixel, pixelmatch's YIQ colour distance threshold 0.1 (its default) and
 * anti-aliased edges not counted: font rasterisation may shift a sub-pixel between Chromium
 * builds. Per image, at most 0.2 % of the pixels may differ: a changed word, colour or layout
 * moves far more than that, while rendering noise stays well below.
 */
const PIXEL_THRESHOLD = 0.1;
const MAX_DIFF_RATIO = 0.002;

export function updatingScreenshots(): boolean {
  return process.env.UPDATE_SCREENSHOTS === '1';
}

export interface ScreenshotResult {
  readonly name: string;
  readonly diffPixels: number;
  readonly ratio: number;
  readonly updated: boolean;
}

/**
 * Takes a full-page screenshot and compares it with the baseline. `<time>` elements and
 * anything marked `data-volatile` are masked: the simulators' data and run times follow the
 * real clock. Animations and the caret are off; fonts have loaded. Throws on a mismatch, or on a
 * missing baseline (run `npm run test:update-screenshots`, look at the PNGs, commit them).
 */
export async function checkScreenshot(page: Page, name: string): Promise<ScreenshotResult> {
  // Strings run in the page: this package's Node code has no DOM types.
  await page.evaluate('document.fonts.ready.then(() => true)');
  const buffer = await page.screenshot({
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    mask: [page.locator('time, [data-volatile]')],
    maskColor: '#8a8f8d',
  });
  const baselinePath = join(BASELINE_DIR, `${name}.png`);
  if (updatingScreenshots()) {
    mkdirSync(BASELINE_DIR, { recursive: true });
    writeFileSync(baselinePath, buffer);
    return { name, diffPixels: 0, ratio: 0, updated: true };
  }
  if (!existsSync(baselinePath)) {
    saveFailure(name, buffer, null);
    throw new Error(
      `no baseline screenshot ${name}.png: run \`npm run test:update-screenshots\`, check packages/web/screenshots/, commit`,
    );
  }
  const actual = PNG.sync.read(buffer);
  const expected = PNG.sync.read(readFileSync(baselinePath));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    saveFailure(name, buffer, null);
    throw new Error(
      `screenshot ${name}: ${actual.width}×${actual.height} now, ${expected.width}×${expected.height} in the baseline`,
    );
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, {
    threshold: PIXEL_THRESHOLD,
  });
  const ratio = diffPixels / (actual.width * actual.height);
  if (ratio > MAX_DIFF_RATIO) {
    saveFailure(name, buffer, PNG.sync.write(diff));
    throw new Error(
      `screenshot ${name}: ${diffPixels} pixels (${(ratio * 100).toFixed(2)} %) differ from the baseline, more than ${(MAX_DIFF_RATIO * 100).toFixed(1)} %; see ${FAILURE_DIR}`,
    );
  }
  return { name, diffPixels, ratio, updated: false };
}

function saveFailure(name: string, actual: Buffer, diff: Buffer | null): void {
  mkdirSync(FAILURE_DIR, { recursive: true });
  writeFileSync(join(FAILURE_DIR, `${name}.actual.png`), actual);
  if (diff !== null) writeFileSync(join(FAILURE_DIR, `${name}.diff.png`), diff);
}
