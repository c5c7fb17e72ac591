import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../api-test-harness.js';

let h: ApiHarness;
let webDir: string;
const SHELL =
  '<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  // A build as `vite build` lays it out, small.
  webDir = mkdtempSync(join(tmpdir(), 'syncwell-webdir-'));
  mkdirSync(join(webDir, 'assets'));
  mkdirSync(join(webDir, 'icons'));
  writeFileSync(join(webDir, 'index.html'), SHELL);
  writeFileSync(join(webDir, 'assets', 'app-1a2b.js'), 'console.log("app")');
  writeFileSync(join(webDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  writeFileSync(join(webDir, 'manifest.webmanifest'), '{"name":"SyncWell"}');
  writeFileSync(join(webDir, 'icons', 'icon-192.png'), 'png');
  h = await createApiHarness({ SYNCWELL_WEB_DIR: webDir });
});
afterAll(async () => {
  await h.close();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, accept = 'text/html') => h.app.inject({ method: 'GET', url, headers: { accept } });

describe('the web app at /', () => {
  it('serves the shell with a CSP that allows no inline script or style, revalidated on each load', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(SHELL);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('answers any app path with the shell, so links and reloads work', async () => {
    for (const path of ['/rules/42', '/runs?status=failed', '/connections']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body).toBe(SHELL);
    }
  });

  it('caches hashed assets for a year and the service worker and manifest not at all', async () => {
    const asset = await get('/assets/app-1a2b.js', '*/*');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/sw.js', '/manifest.webmanifest', '/icons/icon-192.png']) {
      const res = await get(path, '*/*');
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('leaves the API, its docs and unknown files alone', async () => {
    const api = await get('/v1/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'SW_NOT_FOUND' });
    expect((await get('/v1/providers', 'application/json')).statusCode).toBe(200);
    const missingAsset = await get('/assets/gone-9z.js', '*/*');
    expect(missingAsset.statusCode).toBe(404);
    expect((await get('/../package.json', '*/*')).statusCode).toBe(404);
    expect((await get('/favicon.ico', 'image/*')).statusCode).toBe(404);
    const docs = await get('/docs/json', 'application/json');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toBeUndefined();
  });

  it('tells how to build the app when there is none', async () => {
    const bare = await createApiHarness();
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build -w @syncwell/web');
      expect((await bare.app.inject({ method: 'GET', url: '/rules' })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

describe('GET /v1/server-info', () => {
  it('has no demo links outside a demo', async () => {
    expect((await get('/v1/server-info', 'application/json')).json()).toEqual({ demo: null });
  });
});
