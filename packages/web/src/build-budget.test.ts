import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ensureWebBuild } from './testing/web-build.js';

/** The budget: what a first visit downloads of JavaScript, gzip-compressed. */
const FIRST_LOAD_JS_BUDGET_BYTES = 200 * 1024;

describe('the built app', () => {
  const dist = ensureWebBuild();
  const html = readFileSync(join(dist, 'index.html'), 'utf8');

  it(`loads at most ${FIRST_LOAD_JS_BUDGET_BYTES / 1024} KB of compressed JavaScript on first visit`, () => {
    // Every script the shell names: the entry and its preloaded chunks (lazy chunks come later).
    const scripts = [
      ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+)"/g),
    ]
      .map((match) => match[1] ?? '')
      .filter((src) => src.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.map((src) => gzipSync(readFileSync(join(dist, src))).length);
    const total = gzipped.reduce((a, b) => a + b, 0);
    console.log(`first-load JavaScript: ${(total / 1024).toFixed(1)} KB gzip in ${scripts.length} file(s)`);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_BYTES);
  });

  it('has no inline script or style for the CSP to allow', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b|\sstyle="/);
  });

  it('ships a web manifest with 192 and 512 px icons and a service worker', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8')) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; purpose?: string }[];
    };
    expect(manifest).toMatchObject({ name: 'SyncWell', start_url: '/', display: 'standalone' });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.purpose === undefined);
      expect(icon, size).toBeDefined();
      const png = readFileSync(join(dist, icon?.src ?? ''));
      // PNG IHDR: width and height as big-endian integers at bytes 16 and 20.
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(size);
    }
    expect(html).toContain('rel="manifest"');
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(sw).toContain('index.html');
    // The worker precaches the shell; it has no route that could answer /v1 from a cache.
    expect(sw).not.toMatch(/registerRoute\((?!new \w+\.NavigationRoute)/);
  });
});
